import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConditionEntry, ContextLookup } from '../types.ts';
import { compileCondition } from './evaluate.ts';
import { OPERATORS, operatorSpellings } from './operators.ts';

function ctx(request: ReadonlyMap<string, readonly string[]>): ContextLookup {
  return { get: (key) => request.get(key.toLowerCase()) };
}

function entry(operator: string, key: string, values: readonly string[]): ConditionEntry {
  return {
    operator: { value: operator, path: ['Condition', operator], span: { start: 0, end: operator.length } },
    key: { value: key, path: ['Condition', operator, key], span: { start: 0, end: key.length } },
    values: values.map((value, i) => ({ value, path: ['Condition', operator, key, i], span: { start: 0, end: value.length } })),
    span: { start: 0, end: 1 },
    path: ['Condition', operator, key],
  };
}

// Values of every type, valid and not, so each operator sees matches, misses and junk.
const POOL = [
  '', 'a', 'A', 'a*', '*', '?', 'ab', 'team-?', 'x${*}', '${aws:username}', "${aws:username, 'a'}", '${aws:nothing}',
  '0', '9', '10', '10.0', '-1', '.5', 'ten',
  '2024-01-01', '2024-01-01T00:00:00Z', '2024-01-01T02:00:00+02:00', '1704067200', '1700000000.5', 'yesterday',
  'true', 'false', 'TRUE', 'yes',
  'QQ==', 'QUJD', 'QUI',
  '10.0.0.0/8', '10.1.2.3', '::ffff:10.1.2.3', '2001:db8::/32', '2001:db8::1', '::/0', '0.0.0.0/0', '10.0.0.0/33',
  'arn:aws:ecs:*:123456789012:cluster/*', 'arn:aws:ecs:us-east-1:123456789012:cluster/a', 'arn:aws:s3:::b', 'arn:*',
];

const KEY = 'svc:Key';
const value = fc.constantFrom(...POOL);
const operator = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...operatorSpellings()) },
  { weight: 1, arbitrary: fc.constantFrom('StringEqualz', 'stringEquals', 'NullIfExists', 'ForAllValues:Null', 'Foo:Bool', '') },
);
// Absent, empty, or one to four values; the username variable comes and goes.
const request = fc.record({
  key: fc.option(fc.array(value, { maxLength: 4 }), { nil: undefined }),
  username: fc.option(fc.constantFrom('a', 'ab', '*', 'x'), { nil: undefined }),
});

function context(r: { key: string[] | undefined; username: string | undefined }): ContextLookup {
  const m = new Map<string, readonly string[]>();
  if (r.key !== undefined) m.set(KEY.toLowerCase(), r.key);
  if (r.username !== undefined) m.set('aws:username', [r.username]);
  return ctx(m);
}

describe('property: test and explain agree', () => {
  it('explain(ctx).matched === test(ctx) for any operator, values and request', () => {
    fc.assert(
      fc.property(operator, fc.array(value, { minLength: 1, maxLength: 3 }), request, request, fc.boolean(), (op, values, r1, r2, variables) => {
        const c = compileCondition(entry(op, KEY, values), { variables });
        const a = context(r1);
        const b = context(r2);
        const first = c.test(a);
        // Interleave another request to catch state kept between calls.
        const other = c.test(b);
        expect(c.test(a)).toBe(first);
        const ta = c.explain(a);
        const tb = c.explain(b);
        expect(ta.matched).toBe(first);
        expect(tb.matched).toBe(other);
        expect(ta.reason.length).toBeGreaterThan(0);
        expect(ta.requestValues).toEqual(r1.key ?? null);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('property: negation dualities', () => {
  // Operators that differ only in being negated (StringEquals / StringNotEquals, IpAddress / NotIpAddress, ...).
  const pairs = OPERATORS.filter((d) => !d.negated).flatMap((pos) =>
    OPERATORS.filter(
      (neg) =>
        neg.negated &&
        neg.valueType === pos.valueType &&
        neg.compare.kind === pos.compare.kind &&
        neg.ignoreCase === pos.ignoreCase &&
        (neg.compare.kind !== 'ordering' || neg.compare === pos.compare),
    ).map((neg) => [pos.name, neg.name] as const),
  );

  it('pairs cover every negated operator', () => {
    expect(new Set(pairs.map((p) => p[1])).size).toBe(OPERATORS.filter((d) => d.negated).length);
  });

  it('a NOT operator is the negation of its positive form', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.array(value, { minLength: 1, maxLength: 3 }), request, ([pos, neg], values, r) => {
        const c = context(r);
        const p = compileCondition(entry(pos, KEY, values), { variables: true }).test(c);
        const n = compileCondition(entry(neg, KEY, values), { variables: true }).test(c);
        expect(n).toBe(!p);
      }),
      { numRuns: 2000 },
    );
  });

  it('ForAllValues:X is the negation of ForAnyValue:NotX', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.array(value, { minLength: 1, maxLength: 3 }), request, ([pos, neg], values, r) => {
        const c = context(r);
        const all = compileCondition(entry(`ForAllValues:${pos}`, KEY, values), { variables: true }).test(c);
        const any = compileCondition(entry(`ForAnyValue:${neg}`, KEY, values), { variables: true }).test(c);
        expect(all).toBe(!any);
      }),
      { numRuns: 2000 },
    );
  });
});
