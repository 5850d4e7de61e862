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

describe('diagnostics on hostile input', () => {
  it('lists at most 1000 findings per policy, then one "and N more" entry', () => {
    const actions = Array.from({ length: 8000 }, (_, i) => `ecr:Nope${i}*`);
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    let diagnostics: ReturnType<typeof validatePolicy> = [];
    const start = performance.now();
    diagnostics = validatePolicy(text, 'identity');
    expect(performance.now() - start).toBeLessThan(5000);
    expect(diagnostics).toHaveLength(1001);
    const last = diagnostics[1000];
    expect(last.code).toBe('diagnostics-truncated');
    expect(last.message).toMatch(/and \d+ more/);
  });
});

describe('policy variables on hostile input', () => {
  it('scans 1 MB of `${` in a Resource once (simulate took 11 s)', async () => {
    const { simulate } = await import('../index.ts');
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '${'.repeat(500_000) }] });
    const request = { principal: 'arn:aws:iam::123456789012:user/a', action: 'ecr:GetAuthorizationToken', resource: '*' };
    expect(ms(() => simulate({ identityPolicies: [text], request }))).toBeLessThan(5000);
    expect(ms(() => validatePolicy(text, 'identity'))).toBeLessThan(5000);
  });
});
