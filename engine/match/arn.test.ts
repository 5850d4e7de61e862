import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  arnAccount,
  arnPartition,
  arnRegion,
  arnService,
  compileArnLike,
  compileResourcePattern,
  parseArn,
} from './arn.ts';
import type { PatternPiece } from './wildcard.ts';

const ACCT = '123456789012';
const REPO = `arn:aws:ecr:us-east-1:${ACCT}:repository/team-a/api`;
const TASKDEF = `arn:aws:ecs:us-east-1:${ACCT}:task-definition/web:3`;

describe('IAM identifiers: ARN format — parseArn splits on the first five colons', () => {
  it('parses an ECR repository ARN', () => {
    expect(parseArn(REPO)).toEqual({
      partition: 'aws',
      service: 'ecr',
      region: 'us-east-1',
      account: ACCT,
      resource: 'repository/team-a/api',
    });
  });
  it('keeps colons in the resource part (ECS task definition revision)', () => {
    expect(parseArn(TASKDEF)?.resource).toBe('task-definition/web:3');
  });
  it('keeps colons in the resource part (log group with :*)', () => {
    expect(parseArn(`arn:aws:logs:us-east-1:${ACCT}:log-group:/ecs/x:*`)?.resource).toBe('log-group:/ecs/x:*');
  });
  it('allows empty region and account (IAM, S3)', () => {
    expect(parseArn('arn:aws:iam::123456789012:role/r')).toMatchObject({ region: '', account: ACCT });
    expect(parseArn('arn:aws:s3:::bucket')).toMatchObject({ region: '', account: '', resource: 'bucket' });
  });
  it.each(['', '*', 'arn', 'arn:aws:ecr:us-east-1:123', 'ARN:aws:ecr:us-east-1:1:r', 'xarn:aws:ecr:r:1:x', 'repository/x'])(
    'not an ARN: %j',
    (text) => {
      expect(parseArn(text)).toBeUndefined();
    },
  );
  it('extractors read single parts', () => {
    expect(arnPartition(REPO)).toBe('aws');
    expect(arnService(REPO)).toBe('ecr');
    expect(arnRegion(REPO)).toBe('us-east-1');
    expect(arnAccount(REPO)).toBe(ACCT);
    expect(arnRegion('arn:aws:iam::1:role/x')).toBe('');
    expect(arnService('not-an-arn')).toBeUndefined();
    expect(arnAccount('arn:aws:ecr:us-east-1')).toBeUndefined();
  });
});

describe('IAM JSON policy elements: Resource — wildcard matching', () => {
  const cases: [string, string, string, boolean][] = [
    ['"*" matches any ARN', '*', REPO, true],
    ['"*" matches a non-ARN resource', '*', 'some-bucket-name', true],
    ['"*" matches the empty string', '*', '', true],
    ['* in the region segment, * at the end of the resource', `arn:aws:ecr:*:${ACCT}:repository/*`, REPO, true],
    ['* spans / within the resource', `arn:aws:ecr:us-east-1:${ACCT}:repository/*`, REPO, true],
    ['a * that ends an ARN segment can match across colons', 'arn:aws:ecr:us-east-1:*', REPO, true],
    ['segment-ending * crosses into the resource part', 'arn:aws:ecr:us-east-1:*', TASKDEF.replace('ecs', 'ecr'), true],
    ['segment-ending * still needs the fixed segments to match', 'arn:aws:ecr:us-east-1:*', TASKDEF, false],
    ['task definition family with :* revision', `arn:aws:ecs:us-east-1:${ACCT}:task-definition/web:*`, TASKDEF, true],
    ['task definition family with trailing * crosses the revision colon', `arn:aws:ecs:us-east-1:${ACCT}:task-definition/web*`, TASKDEF, true],
    ['family prefix must still match', `arn:aws:ecs:us-east-1:${ACCT}:task-definition/api*`, TASKDEF, false],
    ['exact revision', `arn:aws:ecs:us-east-1:${ACCT}:task-definition/web:3`, TASKDEF, true],
    ['wrong revision', `arn:aws:ecs:us-east-1:${ACCT}:task-definition/web:4`, TASKDEF, false],
    ['mid-segment * matches within a segment', `arn:aws:ecr:us-*-1:${ACCT}:repository/x`, `arn:aws:ecr:us-east-1:${ACCT}:repository/x`, true],
    ['mid-segment * never swallows a colon', 'arn:aws:ecr:us-*-1:x', 'arn:aws:ecr:us-east:extra-1:x', false],
    ['mid-segment * in the resource part does not cross its colons', `arn:aws:ecs:us-east-1:${ACCT}:task-definition/w*3`, TASKDEF, false],
    ['? matches one character', `arn:aws:ecr:us-east-?:${ACCT}:repository/x`, `arn:aws:ecr:us-east-1:${ACCT}:repository/x`, true],
    ['? does not match a colon', 'arn:aws:ecr:us-east-1:1:a?b', 'arn:aws:ecr:us-east-1:1:a:b', false],
    ['? does not match nothing', `arn:aws:ecr:us-east-1?:${ACCT}:repository/x`, `arn:aws:ecr:us-east-1:${ACCT}:repository/x`, false],
    ['matching is case-sensitive', `arn:aws:ecr:us-east-1:${ACCT}:repository/my-repo`, `arn:aws:ecr:us-east-1:${ACCT}:repository/My-Repo`, false],
    ['case-sensitive in the service too', `arn:aws:ECR:us-east-1:${ACCT}:repository/x`, `arn:aws:ecr:us-east-1:${ACCT}:repository/x`, false],
    ['an ARN pattern does not match a non-ARN resource', `arn:aws:ecr:us-east-1:${ACCT}:repository/*`, 'repository/x', false],
    ['empty pattern matches only empty', '', '', true],
    ['empty pattern vs ARN', '', REPO, false],
    ['a segment-ending * in the middle crosses several colons', 'arn:aws:ecs:*:3', TASKDEF, true],
    ['all-segments wildcard', 'arn:*:*:*:*:*', REPO, true],
    ['arn:* matches any ARN', 'arn:*', TASKDEF, true],
    ['pattern with too few segments and no crossing star', `arn:aws:ecr:us-east-1:${ACCT}`, REPO, false],
    ['log group with :*', `arn:aws:logs:us-east-1:${ACCT}:log-group:/ecs/x:*`, `arn:aws:logs:us-east-1:${ACCT}:log-group:/ecs/x:log-stream:abc`, true],
    ['mid-segment * followed by more text in the same segment, resource with colons', 'arn:aws:ecs:r:1:task-definition/*b:*', 'arn:aws:ecs:r:1:task-definition/web:3', true],
  ];
  it.each(cases)('%s: %j vs %j -> %s', (_title, pattern, resource, expected) => {
    expect(compileResourcePattern(pattern)(resource)).toBe(expected);
  });

  it('pieces: a substituted value with * is literal', () => {
    const pieces: PatternPiece[] = [
      { text: `arn:aws:ecr:us-east-1:${ACCT}:repository/`, literal: false },
      { text: 'team-*', literal: true },
      { text: '/*', literal: false },
    ];
    const m = compileResourcePattern(pieces);
    expect(m(`arn:aws:ecr:us-east-1:${ACCT}:repository/team-*/api`)).toBe(true);
    expect(m(`arn:aws:ecr:us-east-1:${ACCT}:repository/team-a/api`)).toBe(false);
  });
});

/**
 * Reference for the Resource rule, one step per character: a `*` followed by `:` or at the
 * end matches any run; any other `*` a run without `:`; `?` one non-`:` character.
 */
function refResource(pieces: readonly PatternPiece[], text: string): boolean {
  const toks = pieces.flatMap((p) =>
    [...p.text].map((ch) => ({ ch, wild: !p.literal && (ch === '*' || ch === '?') })),
  );
  const n = toks.length;
  const m = text.length;
  const dp: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(m + 1).fill(false));
  dp[n][m] = true;
  for (let i = n - 1; i >= 0; i--) {
    const t = toks[i];
    const crossing = i === n - 1 || toks[i + 1].ch === ':';
    for (let j = m; j >= 0; j--) {
      if (t.wild && t.ch === '*') {
        dp[i][j] = dp[i + 1][j] || (j < m && (crossing || text[j] !== ':') && dp[i][j + 1]);
      } else if (t.wild && t.ch === '?') {
        dp[i][j] = j < m && text[j] !== ':' && dp[i + 1][j + 1];
      } else {
        dp[i][j] = j < m && text[j] === t.ch && dp[i + 1][j + 1];
      }
    }
  }
  return dp[0][0];
}

describe('IAM JSON policy elements: Resource — compileResourcePattern agrees with a reference (property)', () => {
  const pat = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/', '*', '?'), maxLength: 10 });
  const res = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/'), maxLength: 12 });
  it('string patterns over a, b, :, /, *, ?', () => {
    fc.assert(
      fc.property(pat, res, (p, r) => {
        expect(compileResourcePattern(p)(r)).toBe(refResource([{ text: p, literal: false }], r));
      }),
      { numRuns: 5000 },
    );
  });
  it('colon-heavy patterns and resources', () => {
    const p2 = fc.string({ unit: fc.constantFrom('a', ':', '*', '*:', ':*', '?'), maxLength: 8 });
    const r2 = fc.string({ unit: fc.constantFrom('a', ':', 'b'), maxLength: 12 });
    fc.assert(
      fc.property(p2, r2, (p, r) => {
        expect(compileResourcePattern(p)(r)).toBe(refResource([{ text: p, literal: false }], r));
      }),
      { numRuns: 5000 },
    );
  });
  it('piece patterns mixing literal and wildcard pieces', () => {
    const piece = fc.record({ text: pat, literal: fc.boolean() });
    const r3 = fc.string({ unit: fc.constantFrom('a', ':', '*', '?'), maxLength: 10 });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 3 }), r3, (pieces, r) => {
        expect(compileResourcePattern(pieces)(r)).toBe(refResource(pieces, r));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('IAM JSON policy elements: Resource — large inputs stay correct', () => {
  it('many colon-delimited segments with non-final stars', () => {
    const pattern = 'a*b:'.repeat(1000) + 'x';
    const resource = 'ab:'.repeat(1000) + 'y';
    expect(compileResourcePattern(pattern)(resource)).toBe(false);
    expect(compileResourcePattern(pattern)('ab:'.repeat(1000) + 'x')).toBe(true);
  });
  it('alternating crossing stars against a long colon string', () => {
    const pattern = '*:a'.repeat(500) + 'b';
    expect(compileResourcePattern(pattern)(':a'.repeat(2500))).toBe(false);
    expect(compileResourcePattern(pattern)(':a'.repeat(2500) + 'b')).toBe(true);
  });
});

describe('IAM JSON policy elements: Condition operators — ArnLike / ArnEquals', () => {
  const cases: [string, string, string, boolean][] = [
    ['exact match', REPO, REPO, true],
    ['* in account part', 'arn:aws:ecr:us-east-1:*:repository/team-a/api', REPO, true],
    ['* at the end of the resource part', `arn:aws:ecs:us-east-1:${ACCT}:task-definition/*`, TASKDEF, true],
    ['* inside the sixth part may match a colon', `arn:aws:ecs:us-east-1:${ACCT}:task-*3`, TASKDEF, true],
    ['* never crosses a part boundary', 'arn:aws:ecs:*', TASKDEF, false],
    ['* never crosses a part boundary (region..account)', `arn:aws:ecs:*:task-definition/web:3`, TASKDEF, false],
    ['each part separately', 'arn:aws:*:*:*:*', TASKDEF, true],
    ['? in a part', `arn:aws:ecs:us-east-?:${ACCT}:task-definition/web:3`, TASKDEF, true],
    ['case-sensitive', `arn:aws:ecs:us-east-1:${ACCT}:task-definition/Web:3`, TASKDEF, false],
    ['bare * matches any value', '*', TASKDEF, true],
    ['bare * matches a non-ARN value too', '*', 'not-an-arn', true],
    ['pattern with fewer than six parts never matches', 'arn:aws:iam::*', 'arn:aws:iam::123456789012:role/x', false],
    ['value with fewer than six parts never matches', 'arn:aws:*:*:*:*', 'arn:aws:iam::x', false],
    ['empty parts must stay empty', `arn:aws:iam::${ACCT}:role/*`, `arn:aws:iam:us-east-1:${ACCT}:role/x`, false],
    ['empty parts match *', 'arn:aws:iam:*:*:role/*', `arn:aws:iam::${ACCT}:role/x`, true],
    ['principal ARN with path', `arn:aws:iam::${ACCT}:role/*`, `arn:aws:iam::${ACCT}:role/path/x`, true],
  ];
  it.each(cases)('%s: %j vs %j -> %s', (_title, pattern, value, expected) => {
    expect(compileArnLike(pattern)(value)).toBe(expected);
  });

  it('agrees with part-by-part glob matching (property)', () => {
    const part = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 4 });
    const valuePart = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 4 });
    const globMatch = (p: string, t: string): boolean => {
      if (p === '') return t === '';
      if (p[0] === '*') return globMatch(p.slice(1), t) || (t !== '' && globMatch(p, t.slice(1)));
      return t !== '' && (p[0] === '?' || p[0] === t[0]) && globMatch(p.slice(1), t.slice(1));
    };
    fc.assert(
      fc.property(fc.array(part, { minLength: 6, maxLength: 6 }), fc.array(valuePart, { minLength: 6, maxLength: 6 }), (ps, vs) => {
        const expected = ps.every((p, k) => globMatch(p, vs[k]));
        expect(compileArnLike(ps.join(':'))(vs.join(':'))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
