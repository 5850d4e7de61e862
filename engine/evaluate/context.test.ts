// keyReadsResource: which context keys may answer differently for another resource; a context reused across requests.
import { describe, expect, it } from 'vitest';
import { Clock, keyReadsResource, RequestContext } from './context.ts';
import { compilePolicies, simulate } from '../index.ts';
import { parsePrincipal } from './principal.ts';

describe('keyReadsResource', () => {
  const clock = new Clock(new Date('2026-01-01T00:00:00Z'));
  const given = { 'aws:ResourceTag/team': 'a', 'aws:PrincipalTag/team': 'b', 'ecs:ResourceTag/x': 'y' };
  const resources = ['arn:aws:ecr:us-east-1:111111111111:repository/a', 'arn:aws:ecs:eu-west-1:222222222222:cluster/b', 'arn:aws-cn:s3:::bucket', '*'];
  const callers = ['arn:aws:iam::111111111111:user/u', 'arn:aws:sts::111111111111:assumed-role/r/s', 'ecs-tasks.amazonaws.com', '111111111111'];

  it('every key a context answers for one resource and not alike for another is one it names', () => {
    for (const caller of callers) {
      const principal = parsePrincipal(caller)!;
      const contexts = resources.map((r) => new RequestContext(given, principal, r, clock));
      const keys = new Set(contexts.flatMap((c) => c.entries().map((e) => e.key)));
      for (const k of ['ecr:ResourceTag/team', 'aws:ResourceTag/x', 'ecs:ResourceTag/team', 's3:ResourceTag/team']) keys.add(k);
      for (const key of keys) {
        const answers = new Set(contexts.map((c) => JSON.stringify(c.get(key) ?? null)));
        if (answers.size > 1) expect({ key, readsResource: keyReadsResource(key) }).toEqual({ key, readsResource: true });
      }
    }
  });

  it('names the keys derived from the ARN and resource tags, any spelling', () => {
    expect(['aws:ResourceAccount', 'AWS:REQUESTEDREGION', 'aws:ResourceTag/team', 'ecr:ResourceTag/team'].every(keyReadsResource)).toBe(true);
    expect(['aws:PrincipalArn', 'aws:PrincipalTag/team', 'aws:CurrentTime', 'aws:PrincipalOrgID', 'aws:SourceIp'].some(keyReadsResource)).toBe(false);
  });
});

describe('a context reused across requests', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }],
  });
  const request = (context: Record<string, string | string[]>) => ({ principal: 'arn:aws:iam::123456789012:user/u', action: 'ecr:GetAuthorizationToken', resource: '*', context });

  it('is read afresh when it changes in place: a value, a list element, a key', () => {
    const set = compilePolicies({ identityPolicies: [policy] });
    const context: Record<string, string | string[]> = { 'aws:PrincipalTag/team': 'a' };
    expect(set.decide(request(context))).toBe('Allow');
    context['aws:PrincipalTag/team'] = 'b';
    expect(set.decide(request(context))).toBe('ImplicitDeny');
    const list = ['b'];
    context['aws:PrincipalTag/team'] = list;
    expect(set.decide(request(context))).toBe('ImplicitDeny');
    list[0] = 'a';
    expect(set.decide(request(context))).toBe('Allow');
    delete context['aws:PrincipalTag/team'];
    context['aws:PrincipalTag/Team'] = 'b';
    expect(set.decide(request(context))).toBe('ImplicitDeny');
    context['x:y'] = 1 as unknown as string;
    expect(simulate({ identityPolicies: [policy], request: request(context) }).errors.map((e) => e.field)).toContain('context');
  });

  it('gives each result its own entries: editing one never reaches the next', () => {
    const context = { 'aws:PrincipalTag/team': 'a' };
    const first = simulate({ identityPolicies: [policy], request: request(context) });
    expect(first.decision).toBe('Allow');
    const entry = first.context.find((e) => e.key === 'aws:PrincipalTag/team');
    (entry?.values as string[]).splice(0, 1, 'b');
    const second = simulate({ identityPolicies: [policy], request: request(context) });
    expect(second.decision).toBe('Allow');
    expect(second.context.find((e) => e.key === 'aws:PrincipalTag/team')?.values).toEqual(['a']);
  });
});
