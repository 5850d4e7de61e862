import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileWildcard, hasWildcard, wildcardMatch, type PatternPiece } from './wildcard.ts';

/** Reference: one token per character; `wild` marks a `*`/`?` acting as a wildcard. */
interface RefToken {
  ch: string;
  wild: boolean;
}

function refTokens(pieces: readonly PatternPiece[]): RefToken[] {
  return pieces.flatMap((p) => [...p.text].map((ch) => ({ ch, wild: !p.literal && (ch === '*' || ch === '?') })));
}

/** Textbook dynamic programme: dp[i][j] = tokens[i..] match text[j..]. */
function refMatch(tokens: readonly RefToken[], text: string): boolean {
  const n = tokens.length;
  const m = text.length;
  const dp: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(m + 1).fill(false));
  dp[n][m] = true;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      const t = tokens[i];
      if (t.wild && t.ch === '*') dp[i][j] = dp[i + 1][j] || (j < m && dp[i][j + 1]);
      else if (t.wild && t.ch === '?') dp[i][j] = j < m && dp[i + 1][j + 1];
      else dp[i][j] = j < m && text[j] === t.ch && dp[i + 1][j + 1];
    }
  }
  return dp[0][0];
}

describe('compileWildcard — glob semantics (* any run, ? exactly one character)', () => {
  const cases: [string, string, boolean][] = [
    ['', '', true],
    ['', 'a', false],
    ['a', '', false],
    ['?', '', false],
    ['?', 'a', true],
    ['??', 'a', false],
    ['*', '', true],
    ['*', 'anything/at:all', true],
    ['**', '', true],
    ['***a***', 'xa', true],
    ['a**b', 'ab', true],
    ['a*', 'a', true],
    ['a*', 'ba', false],
    ['*a', 'ba', true],
    ['*a', 'ab', false],
    ['a*b', 'ab', true],
    ['a*b', 'a', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['*ab*', 'xxabyy', true],
    ['*ab*', 'xxaxbyy', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*?', '', false],
    ['*?', 'x', true],
    ['?*?', 'x', false],
    ['a*b?d*e', 'aXXbcdYYe', true],
    ['a*b?d*e', 'aXXbcYYe', false],
    ['*/team-a/*', 'repository/team-a/api', true],
    ['repo/*', 'repo/a/b/c', true],
    ['exact', 'exact', true],
    ['exact', 'Exact', false],
  ];
  it.each(cases)('pattern %j vs text %j -> %s', (pattern, text, expected) => {
    expect(compileWildcard(pattern)(text)).toBe(expected);
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });
});

describe('compileWildcard — literal pieces (policy variables ${*} / ${?} and substituted values)', () => {
  it('a literal * is a plain character', () => {
    const m = compileWildcard([
      { text: 'a', literal: false },
      { text: '*', literal: true },
    ]);
    expect(m('a*')).toBe(true);
    expect(m('ab')).toBe(false);
  });
  it('a literal ? is a plain character', () => {
    const m = compileWildcard([{ text: 'what?', literal: true }]);
    expect(m('what?')).toBe(true);
    expect(m('whatX')).toBe(false);
  });
  it('a substituted value containing * does not widen the match', () => {
    const m = compileWildcard([
      { text: 'home/', literal: false },
      { text: 'al*ce', literal: true },
      { text: '/*', literal: false },
    ]);
    expect(m('home/al*ce/notes')).toBe(true);
    expect(m('home/alice/notes')).toBe(false);
  });
  it('an empty piece list matches only the empty string', () => {
    expect(compileWildcard([])('')).toBe(true);
    expect(compileWildcard([])('x')).toBe(false);
  });
});

describe('IAM JSON policy elements: Action — action names match case-insensitively', () => {
  const cases: [string, string, boolean][] = [
    ['ecr:describe*', 'ecr:DescribeImages', true],
    ['ECR:DescribeImages', 'ecr:describeimages', true],
    ['ecr:*', 'ECR:BatchGetImage', true],
    ['ecr:Get*', 'ecr:BatchGetImage', false],
    ['ecs:?escribe*', 'ecs:DescribeServices', true],
    ['*images', 'ecr:DescribeIMAGES', true],
    ['ecr:*Image*', 'ecr:batchgetimage', true],
  ];
  it.each(cases)('%j vs %j (ignoreCase) -> %s', (pattern, action, expected) => {
    expect(compileWildcard(pattern, { ignoreCase: true })(action)).toBe(expected);
    expect(wildcardMatch(pattern, action, true)).toBe(expected);
  });
  it('without ignoreCase the match is case-sensitive', () => {
    expect(compileWildcard('ecr:describe*')('ecr:DescribeImages')).toBe(false);
  });
  it('literal pieces are case-folded too', () => {
    expect(compileWildcard([{ text: 'ECR:*', literal: true }], { ignoreCase: true })('ecr:*')).toBe(true);
  });
});

describe('hasWildcard', () => {
  it.each([
    ['abc', false],
    ['a*c', true],
    ['a?c', true],
    ['', false],
  ] as const)('%j -> %s', (pattern, expected) => {
    expect(hasWildcard(pattern)).toBe(expected);
  });
  it('ignores * and ? in literal pieces', () => {
    expect(hasWildcard([{ text: '*?', literal: true }])).toBe(false);
    expect(hasWildcard([{ text: 'x', literal: true }, { text: 'y*', literal: false }])).toBe(true);
  });
});

describe('compileWildcard — large inputs stay correct (no backtracking)', () => {
  it('a long star-heavy pattern against a long non-matching string', () => {
    const pattern = '*a'.repeat(2500);
    expect(compileWildcard(pattern)('b'.repeat(5000))).toBe(false);
    expect(compileWildcard(pattern)('a'.repeat(2499))).toBe(false);
    expect(compileWildcard(pattern)('a'.repeat(2500))).toBe(true);
  });
  it('"*" + a^2500 + "b" against a^5000', () => {
    expect(compileWildcard('*' + 'a'.repeat(2500) + 'b')('a'.repeat(5000))).toBe(false);
    expect(compileWildcard('*' + 'a'.repeat(2500) + 'b')('a'.repeat(5000) + 'b')).toBe(true);
  });
  it('middle chunks with ? against a long string', () => {
    const pattern = '*' + 'a?'.repeat(1000) + 'c*';
    expect(compileWildcard(pattern)('ab'.repeat(2500))).toBe(false);
    expect(compileWildcard(pattern)('ab'.repeat(2500) + 'c')).toBe(true);
  });
});

describe('compileWildcard agrees with a reference dynamic programme (property)', () => {
  const patternString = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 10 });
  const text = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 12 });

  it('string patterns over a, b, *, ?', () => {
    fc.assert(
      fc.property(patternString, text, (p, t) => {
        expect(compileWildcard(p)(t)).toBe(refMatch(refTokens([{ text: p, literal: false }]), t));
      }),
      { numRuns: 3000 },
    );
  });

  it('piece patterns mixing literal and wildcard pieces', () => {
    const piece = fc.record({ text: patternString, literal: fc.boolean() });
    const textWithMarks = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), textWithMarks, (pieces, t) => {
        expect(compileWildcard(pieces)(t)).toBe(refMatch(refTokens(pieces), t));
      }),
      { numRuns: 3000 },
    );
  });

  it('ignoreCase equals matching the lower-cased pattern against the lower-cased text', () => {
    const p = fc.string({ unit: fc.constantFrom('a', 'B', '*', '?'), maxLength: 8 });
    const t = fc.string({ unit: fc.constantFrom('A', 'b', 'a', 'B'), maxLength: 10 });
    fc.assert(
      fc.property(p, t, (pattern, value) => {
        const expected = refMatch(refTokens([{ text: pattern.toLowerCase(), literal: false }]), value.toLowerCase());
        expect(compileWildcard(pattern, { ignoreCase: true })(value)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
