import { describe, expect, it } from 'vitest';
import { applyFix, at, check, policyText } from './testing.ts';

const repoStatement = {
  Sid: 'AllowPull',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::444455556666:root' },
  Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
};

describe('grammar: repository policies', () => {
  it('a Resource element is an error (ECR: "Invalid repository policy provided"), with a fix that removes it', () => {
    const text = policyText([{ ...repoStatement, Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/base' }]);
    const d = check(text, 'resource').one('resource-in-repository-policy');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"Resource"');
    const fixed = applyFix(text, d.fix!);
    expect(() => JSON.parse(fixed) as unknown).not.toThrow();
    expect(check(fixed, 'resource').all).toEqual([]);
  });

  it('a registry policy (replication, pull through cache) names its repositories in Resource: no finding', () => {
    const replicate = { Sid: 'ReplicationAccessCrossAccount', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'], Resource: 'arn:aws:ecr:us-west-2:444455556666:repository/*' };
    expect(check(policyText([replicate]), 'resource').all).toEqual([]);
    // Pull actions with a Resource stay a (refused) repository policy.
    check(policyText([{ ...repoStatement, Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/base' }]), 'resource').one('resource-in-repository-policy');
  });

  it('no Resource: no finding; a Sid with spaces is fine for ECR', () => {
    const text = policyText([{ ...repoStatement, Sid: 'new statement' }]);
    expect(check(text, 'resource').all).toEqual([]);
  });

  it('missing Principal in a resource policy', () => {
    const text = policyText([{ Effect: 'Allow', Action: 'ecr:BatchGetImage' }]);
    const d = check(text, 'resource').one('principal-missing');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('{');
    expect(d.span.start).toBe(text.indexOf('{', 1));
  });

  it('Principal and NotPrincipal together', () => {
    const text = policyText([{ ...repoStatement, NotPrincipal: { AWS: 'arn:aws:iam::444455556666:root' } }]);
    expect(at(text, check(text, 'resource').one('principal-and-notprincipal'))).toBe('"NotPrincipal"');
  });
});

describe('grammar: trust policies', () => {
  const trust = { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } };
  it('a Resource element is an error', () => {
    const text = policyText([{ ...trust, Resource: '*' }]);
    const d = check(text, 'resource').one('resource-in-trust-policy');
    expect(at(text, d)).toBe('"Resource"');
    expect(check(applyFix(text, d.fix!), 'resource').all).toEqual([]);
  });
  it('a trust policy without Resource is fine', () => {
    expect(check(policyText([trust]), 'resource').all).toEqual([]);
  });
  it('Sids of trust policies follow the IAM rules', () => {
    const text = policyText([{ ...trust, Sid: 'trust ecs' }]);
    expect(at(text, check(text, 'resource').one('sid-invalid'))).toBe('"trust ecs"');
  });
});

describe('grammar: identity policies', () => {
  const ok = { Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' };

  it('missing Action', () => {
    const text = policyText([{ Effect: 'Allow', Resource: '*' }]);
    const d = check(text, 'identity').one('action-missing');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('{');
    expect(check(policyText([ok]), 'identity').of('action-missing')).toEqual([]);
  });

  it('both Action and NotAction', () => {
    const text = policyText([{ ...ok, NotAction: 'ecr:DeleteRepository' }]);
    const d = check(text, 'identity').one('action-and-notaction');
    expect(at(text, d)).toBe('"NotAction"');
  });

  it('missing Resource in an identity policy, a boundary and a session policy', () => {
    const text = policyText([{ Effect: 'Allow', Action: 'ecr:ListImages' }]);
    for (const kind of ['identity', 'boundary', 'session'] as const) {
      expect(check(text, kind).one('resource-missing').severity).toBe('error');
    }
    expect(check(policyText([ok]), 'identity').of('resource-missing')).toEqual([]);
  });

  it('both Resource and NotResource', () => {
    const text = policyText([{ ...ok, NotResource: 'arn:aws:ecr:us-east-1:123456789012:repository/x' }]);
    expect(at(text, check(text, 'identity').one('resource-and-notresource'))).toBe('"NotResource"');
  });

  it('Principal in an identity policy, with a fix that removes it', () => {
    const text = policyText([{ ...ok, Principal: { AWS: '*' } }]);
    const d = check(text, 'identity').one('principal-not-allowed');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"Principal"');
    expect(check(applyFix(text, d.fix!), 'identity').all).toEqual([]);
    expect(check(text, 'scp').one('principal-not-allowed').severity).toBe('error');
  });

  it('Version missing: a warning with a fix that adds it', () => {
    const text = JSON.stringify({ Statement: [ok] }, null, 2);
    const d = check(text, 'identity').one('version-missing');
    expect(d.severity).toBe('warning');
    expect(at(text, d)).toBe('{');
    const fixed = applyFix(text, d.fix!);
    expect(fixed.startsWith('{\n  "Version": "2012-10-17",\n  "Statement"')).toBe(true);
    expect(check(fixed, 'identity').all).toEqual([]);
  });

  it('Version 2008-10-17 with policy variables: they are literal text', () => {
    const text = policyText([{ ...ok, Resource: 'arn:aws:iam::*:user/${aws:username}' }], { Version: '2008-10-17' });
    const d = check(text, 'identity').one('version-variables');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"arn:aws:iam::*:user/${aws:username}"');
    const fixed = applyFix(text, d.fix!);
    expect(fixed).toContain('"Version": "2012-10-17"');
    expect(check(fixed, 'identity').of('version-variables')).toEqual([]);
    // Without variables 2008-10-17 is accepted.
    expect(check(policyText([ok], { Version: '2008-10-17' }), 'identity').all).toEqual([]);
  });

  it('no Version and a variable in a condition value', () => {
    const text = JSON.stringify({ Statement: [{ ...ok, Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } }] });
    const f = check(text, 'identity');
    expect(at(text, f.one('version-variables'))).toBe('"${aws:username}"');
    expect(f.one('version-missing').severity).toBe('warning');
  });

  it('duplicate Sid', () => {
    const text = policyText([{ ...ok, Sid: 'Read' }, { ...ok, Sid: 'Read' }]);
    const d = check(text, 'identity').one('sid-duplicate');
    expect(d.severity).toBe('error');
    expect(d.span.start).toBe(text.lastIndexOf('"Read"'));
    expect(check(policyText([{ ...ok, Sid: 'Read' }, { ...ok, Sid: 'Write' }]), 'identity').all).toEqual([]);
  });

  it('Sid with characters IAM refuses, with a fix', () => {
    const text = policyText([{ ...ok, Sid: 'read-only access' }]);
    const d = check(text, 'identity').one('sid-invalid');
    expect(at(text, d)).toBe('"read-only access"');
    expect(check(applyFix(text, d.fix!), 'identity').all).toEqual([]);
  });
});

describe('grammar: organization policies', () => {
  it('an RCP needs Principal "*"', () => {
    const base = { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } } };
    const text = policyText([{ ...base, Principal: { AWS: '111122223333' } }]);
    const d = check(text, 'rcp').one('principal-rcp');
    expect(at(text, d)).toBe('{ "AWS": "111122223333" }'.replace('{ ', '{\n        ').replace(' }', '\n      }'));
    expect(check(policyText([{ ...base, Principal: '*' }]), 'rcp').all).toEqual([]);
  });
  it('an SCP without Resource is not flagged (AWS does not require it)', () => {
    expect(check(policyText([{ Effect: 'Deny', Action: 'ecr:DeleteRepository' }]), 'scp').all).toEqual([]);
  });
});

describe('grammar: principal types and RCPs', () => {
  it('an AWS service under Federated is an error, fixed by naming it under Service', () => {
    const text = policyText([{ Effect: 'Allow', Principal: { Federated: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const d = check(text, 'resource').one('principal-federated-service');
    expect(at(text, d)).toBe('"ecs-tasks.amazonaws.com"');
    const fixed = applyFix(text, d.fix!);
    expect(JSON.parse(fixed)).toMatchObject({ Statement: [{ Principal: { Service: 'ecs-tasks.amazonaws.com' } }] });
    expect(check(fixed, 'resource').of('principal-federated-service')).toEqual([]);
  });

  it('a Federated entry mixing a provider and a service gets no rename fix', () => {
    const text = policyText([{ Effect: 'Allow', Principal: { Federated: ['cognito-identity.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, Action: 'sts:AssumeRoleWithWebIdentity' }]);
    const d = check(text, 'resource').one('principal-federated-service');
    expect(at(text, d)).toBe('"ecs-tasks.amazonaws.com"');
    expect(d.fix).toBeUndefined();
  });

  it('an Allow in a custom RCP is refused; a Deny is not', () => {
    const allow = policyText([{ Effect: 'Allow', Principal: '*', Action: 'ecr:*', Resource: '*' }]);
    expect(at(allow, check(allow, 'rcp').one('rcp-allow'))).toBe('"Allow"');
    const deny = policyText([{ Effect: 'Deny', Principal: '*', Action: 'ecr:DeleteRepository', Resource: '*' }]);
    expect(check(deny, 'rcp').codes()).toEqual([]);
  });
});
