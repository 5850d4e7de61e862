// Hostile globs: `?` next to long literal runs used to cost pattern x text per match.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard } from '../match/wildcard.ts';
import { simulate } from '../index.ts';

/** Reference: the textbook dynamic programme over pattern x text (slow, obviously right). */
function reference(pattern: string, text: string, excl = -1): boolean {
  let row = new Uint8Array(text.length + 1);
  row[0] = 1;
  for (const p of pattern) {
    const next = new Uint8Array(text.length + 1);
    if (p === '*') {
      let any = 0;
      for (let j = 0; j <= text.length; j++) next[j] = any = any | row[j];
    } else {
      for (let j = 1; j <= text.length; j++) {
        const c = text.charCodeAt(j - 1);
        const ok = p === '?' ? c !== excl : p.charCodeAt(0) === c;
        next[j] = ok ? row[j - 1] : 0;
      }
    }
    row = next;
  }
  return row[text.length] === 1;
}

const ms = (f: () => void): number => {
  const start = performance.now();
  f();
  return performance.now() - start;
};

describe('wildcard matching on hostile input', () => {
  it('agrees with a reference matcher on generated patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', ':', '*', '?');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 14 }), (p, t) => {
        const pattern = p.join('');
        const text = t.join('');
        expect(compileWildcard(pattern)(text)).toBe(reference(pattern, text));
        expect(compileWildcard(pattern, { oneExcludes: 58 })(text)).toBe(reference(pattern, text, 58));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference on long `?` chunks (several mask words)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '?'), { minLength: 30, maxLength: 90 }), fc.array(fc.constantFrom('a', 'b'), { maxLength: 200 }), (p, t) => {
        const pattern = `*${p.join('')}*`;
        const text = t.join('');
        expect(compileWildcard(pattern)(text)).toBe(reference(pattern, text));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the reference when near-misses push the aligner over its budget into Shift-And', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 40 }), fc.array(fc.constantFrom('a', 'b', ':'), { minLength: 200, maxLength: 600 }), (k, t) => {
        const pattern = `*${'a?'.repeat(k)}b*`;
        const text = `${'a'.repeat(300)}${t.join('')}`;
        expect(compileWildcard(pattern)(text)).toBe(reference(pattern, text));
        expect(compileWildcard(pattern, { oneExcludes: 58 })(text)).toBe(reference(pattern, text, 58));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects `*` + a x 10,000 + `?b*` against 1 MB of `a` without scanning pattern x text', () => {
    const match = compileWildcard(`*${'a'.repeat(10_000)}?b*`);
    const text = 'a'.repeat(1_000_000);
    let result = true;
    expect(ms(() => (result = match(text)))).toBeLessThan(5000);
    expect(result).toBe(false);
  });

  it('matches `*` + a x 10,000 + `?b*` against 100 KB quickly (was over 17 s)', () => {
    const pattern = `*${'a'.repeat(10_000)}?b*`;
    const text = 'a'.repeat(100_000);
    const match = compileWildcard(pattern);
    let result = true;
    expect(ms(() => (result = match(text)))).toBeLessThan(5000);
    expect(result).toBe(false);
    expect(match(`${text}xb`)).toBe(true);
  });

  it('evaluates a StringLike and a Resource with such a pattern quickly (was 14 s and 16 s)', () => {
    const pattern = `*${'a'.repeat(10_000)}?b*`;
    const value = 'a'.repeat(100_000);
    const principal = 'arn:aws:iam::123456789012:user/a';
    const action = 'ecr:GetAuthorizationToken';
    const policy = (st: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, ...st }] });
    const cond = policy({ Resource: '*', Condition: { StringLike: { 'aws:PrincipalTag/x': pattern } } });
    const res = policy({ Resource: pattern });
    expect(ms(() => simulate({ identityPolicies: [cond], request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': value } } }))).toBeLessThan(5000);
    expect(ms(() => simulate({ identityPolicies: [res], request: { principal, action, resource: value } }))).toBeLessThan(5000);
  });
});
