import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, checkWorkspace, simulate } from '../index';

const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:*","Resource":"*"}]}';
const request = { principal: 'arn:aws:iam::123456789012:role/r', action: 'ecr:GetAuthorizationToken', resource: '*' };

describe('hostile request and policy objects', () => {
  it('keeps the default name when a policy name is not text', () => {
    const result = simulate({ identityPolicies: [policy], request, names: { identity: [{ toString: 1 } as never] } });
    expect(result.decision).toBe('Allow');
    expect(result.decisiveStatements[0]?.policy.name).toBe('Identity policy 1');
  });

  it('refuses a workspace whose policy name is not text', () => {
    const checked = checkWorkspace({ policies: [{ kind: 'identity', name: {}, text: policy }], request });
    expect(checked).toMatchObject({ ok: false, path: 'workspace.policies[0].name' });
  });

  it('takes null-prototype requests and policy objects', () => {
    const bare = Object.assign(Object.create(null) as object, request);
    const bareAllow = Object.assign(Object.create(null) as object, JSON.parse(policy) as object);
    expect(simulate({ identityPolicies: [bareAllow], request: bare as typeof request }).decision).toBe('Allow');
  });

  it('answers an input error, not a throw, when the request object has a throwing getter', () => {
    const throwing = { ...request, get principal(): string { throw new Error('boom'); } };
    const result = simulate({ identityPolicies: [policy], request: throwing });
    expect(result.accepted).toBe(false);
    expect(result.decision).toBe('ImplicitDeny');
    const input = { identityPolicies: [policy], get request(): typeof request { throw new Error('boom'); } };
    expect(simulate(input).accepted).toBe(false);
    const analysis = analyzeWorkspace({ policies: [{ kind: 'identity', name: 'p', text: policy }], request: throwing });
    expect(analysis.result.decision).toBe('ImplicitDeny');
  });
});
