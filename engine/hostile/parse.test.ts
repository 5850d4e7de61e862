// Hostile policy text: sizes where a quadratic step used to take minutes.
import { describe, expect, it } from 'vitest';
import { parsePolicy, validatePolicy } from '../index.ts';

const ms = (f: () => void): number => {
  const start = performance.now();
  f();
  return performance.now() - start;
};

describe('parsing and validation on hostile input', () => {
  it('checks 65,000 condition keys of one statement for duplicates in linear time (was minutes)', () => {
    const keys: Record<string, string> = {};
    for (let i = 0; i < 65_000; i++) keys[`aws:PrincipalTag/k${i}`] = 'v';
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: keys } }] });
    expect(ms(() => parsePolicy(text, 'identity'))).toBeLessThan(5000);
    expect(ms(() => validatePolicy(text, 'identity'))).toBeLessThan(5000);
  });

  it('still reports a duplicate key in a large object', () => {
    const members = Array.from({ length: 200 }, (_, i) => `"aws:PrincipalTag/k${i}": "v"`);
    members.push('"aws:PrincipalTag/k7": "w"');
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:*","Resource":"*","Condition":{"StringEquals":{${members.join(',')}}}}]}`;
    const parsed = parsePolicy(text, 'identity');
    expect(parsed.errors.filter((p) => p.code === 'json-duplicate-key')).toHaveLength(1);
  });
});
