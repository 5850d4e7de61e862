// Hostile request contexts: values that are not text are refused, never coerced into text a condition can match.
import { describe, expect, it } from 'vitest';
import { compilePolicies, simulate } from '../index.ts';
import type { SimulationRequest } from '../index.ts';

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/x': ['null', '[object Object]', '1'] } } }],
});
const request = (value: unknown): SimulationRequest => ({
  principal: 'arn:aws:iam::123456789012:user/a',
  action: 'ecr:GetAuthorizationToken',
  resource: '*',
  context: { 'aws:PrincipalTag/x': value } as Record<string, string>,
});

const throwing = Object.defineProperty({}, 'aws:PrincipalTag/x', { enumerable: true, get: () => { throw new Error('boom'); } });
let nested: unknown = 'x';
for (let i = 0; i < 10_000; i++) nested = [nested];
const nullProto = Object.assign(Object.create(null) as object, { a: 1 });

const hostile: [string, unknown][] = [
  ['null', null],
  ['an empty object', {}],
  ['an object with toString', { toString: 1 }],
  ['a null-prototype object', nullProto],
  ['a nested array', nested],
  ['a list holding null', ['a', null]],
  ['undefined', undefined],
  ['NaN', Number.NaN],
  ['a number', 1],
  ['a boolean', true],
  ['a list holding a number', ['a', 1]],
];

describe('request context values that are not text', () => {
  it.each(hostile)('refuses %s as an input error, in simulate and in the compiled decide', (_name, value) => {
    const result = simulate({ identityPolicies: [policy], request: request(value) });
    expect(result.decision).not.toBe('Allow');
    expect(result.errors.some((e) => e.field === 'context' && /not a string/.test(e.message))).toBe(true);
    const compiled = compilePolicies({ identityPolicies: [policy] });
    expect(() => compiled.decide(request(value))).not.toThrow();
    expect(compiled.decide(request(value))).not.toBe('Allow');
  });

  it('refuses a context whose getter throws, without throwing', () => {
    const result = simulate({ identityPolicies: [policy], request: { ...request('1'), context: throwing as Record<string, string> } });
    expect(result.decision).not.toBe('Allow');
    expect(result.errors.some((e) => e.field === 'context')).toBe(true);
  });

  it('says what the refused value is', () => {
    const said = (value: unknown) => simulate({ identityPolicies: [policy], request: request(value) }).errors.find((e) => e.field === 'context')?.message;
    expect(said(1)).toMatch(/is a number, not a string/);
    expect(said(true)).toMatch(/is a boolean, not a string/);
    expect(said(null)).toMatch(/is null, not a string/);
    expect(said({})).toMatch(/is an object, not a string/);
  });

  it('still takes strings and lists of strings, numbers and booleans written as text', () => {
    expect(simulate({ identityPolicies: [policy], request: request('null') }).decision).toBe('Allow');
    expect(simulate({ identityPolicies: [policy], request: request(['z', '1']) }).decision).toBe('Allow');
    expect(simulate({ identityPolicies: [policy], request: request('1') }).decision).toBe('Allow');
  });
});
