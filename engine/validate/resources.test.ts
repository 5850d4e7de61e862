import { describe, expect, it } from 'vitest';
import { applyFix, at, check, policyText } from './testing.ts';

const REPO = 'arn:aws:ecr:us-east-1:123456789012:repository/app';
const stmt = (Action: unknown, Resource: unknown) => policyText([{ Effect: 'Allow', Action, Resource }]);

describe('resources: ARN shape', () => {
  it('not an ARN', () => {
    const text = stmt('ecr:PutImage', 'my-repo');
    const d = check(text, 'identity').one('arn-invalid');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"my-repo"');
    expect(check(stmt('ecr:PutImage', REPO), 'identity').all).toEqual([]);
  });

  it('too few parts, and an upper-case ARN prefix with a fix', () => {
    expect(check(stmt('ecr:PutImage', 'arn:aws:ecr:us-east-1:repository/app'), 'identity').one('arn-invalid').severity).toBe('error');
    const text = stmt('ecr:PutImage', 'ARN:aws:ecr:us-east-1:123456789012:repository/app');
    const d = check(text, 'identity').one('arn-invalid');
    expect(check(applyFix(text, d.fix!), 'identity').all).toEqual([]);
  });

  it('an unknown partition', () => {
    const text = stmt('ecr:PutImage', 'arn:amazon:ecr:us-east-1:123456789012:repository/app');
    expect(at(text, check(text, 'identity').one('arn-partition-invalid'))).toBe('"arn:amazon:ecr:us-east-1:123456789012:repository/app"');
  });

  it('a region that cannot be right', () => {
    const text = stmt('ecr:PutImage', 'arn:aws:ecr:us-east:123456789012:repository/app');
    const d = check(text, 'identity').one('arn-region-invalid');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"arn:aws:ecr:us-east:123456789012:repository/app"');
    expect(check(stmt('ecr:PutImage', 'arn:aws:ecr:*:123456789012:repository/app'), 'identity').all).toEqual([]);
    expect(check(stmt('ecr:PutImage', 'arn:aws:ecr:us-gov-west-1:123456789012:repository/app'), 'identity').all).toEqual([]);
  });

  it('a region where the format has none, and none where it needs one', () => {
    expect(check(stmt('iam:PassRole', 'arn:aws:iam:us-east-1:123456789012:role/task'), 'identity').one('arn-region-invalid').message).toContain('no region');
    expect(check(stmt('ecr:PutImage', 'arn:aws:ecr::123456789012:repository/app'), 'identity').one('arn-region-invalid').message).toContain('need a region');
    expect(check(stmt('iam:PassRole', 'arn:aws:iam::123456789012:role/task'), 'identity').all).toEqual([]);
  });

  it('an account that is not 12 digits', () => {
    const text = stmt('ecr:PutImage', 'arn:aws:ecr:us-east-1:12345678901:repository/app');
    const d = check(text, 'identity').one('arn-account-invalid');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('11 characters');
    const dashed = stmt('ecr:PutImage', 'arn:aws:ecr:us-east-1:1234-5678-9012:repository/app');
    const e = check(dashed, 'identity').one('arn-account-invalid');
    expect(check(applyFix(dashed, e.fix!), 'identity').all).toEqual([]);
    // AWS managed policies live in the account `aws`; variables and wildcards are left alone.
    expect(check(stmt('iam:GetPolicy', 'arn:aws:iam::aws:policy/AdministratorAccess'), 'identity').all).toEqual([]);
    expect(check(stmt('ecr:PutImage', 'arn:aws:ecr:us-east-1:${aws:PrincipalAccount}:repository/app'), 'identity').all).toEqual([]);
  });
});

describe('resources: ARN and actions', () => {
  it('an ARN of another service than the actions (the ECR guide\'s own ecs typo), with a fix', () => {
    const text = stmt('ecr:*', 'arn:aws:ecs:us-east-1:123456789012:repository/*');
    const d = check(text, 'identity').one('resource-type-mismatch');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"arn:aws:ecs:us-east-1:123456789012:repository/*"');
    expect(d.fix!.edits[0].text).toBe('"arn:aws:ecr:us-east-1:123456789012:repository/*"');
  });

  it('a resource type no action of the statement takes', () => {
    const text = stmt(['ecr:PutImage', 'ecr:BatchGetImage'], 'arn:aws:ecs:us-east-1:123456789012:cluster/prod');
    const d = check(text, 'identity').one('resource-type-mismatch');
    expect(d.message).toContain('`cluster`');
    expect(check(stmt(['ecs:DescribeClusters', 'ecr:PutImage'], 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'), 'identity').all).toEqual([]);
  });

  it('an ARN of a service not described in full', () => {
    const text = stmt(['ecr:PutImage'], 'arn:aws:s3:::my-bucket/*');
    expect(check(text, 'identity').one('resource-type-mismatch').fix).toBeUndefined();
    expect(check(stmt(['s3:GetObject'], 'arn:aws:s3:::my-bucket/*'), 'identity').all).toEqual([]);
  });

  it('an ARN that matches no resource type of its service', () => {
    const text = stmt('ecr:PutImage', 'arn:aws:ecr:us-east-1:123456789012:repo/app');
    const d = check(text, 'identity').one('resource-type-unknown');
    expect(d.severity).toBe('warning');
    expect(at(text, d)).toBe('"arn:aws:ecr:us-east-1:123456789012:repo/app"');
  });

  it('variables in an ARN match as wildcards', () => {
    const text = stmt(['ecr:PutImage'], 'arn:aws:ecr:us-east-1:123456789012:repository/${aws:PrincipalTag/team}/*');
    expect(check(text, 'identity').all).toEqual([]);
  });
});

describe('resources: actions that support only "*"', () => {
  it('ecr:GetAuthorizationToken on a repository ARN never matches; the fix splits it out', () => {
    const text = stmt(['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], REPO);
    const d = check(text, 'identity').one('action-needs-star-resource');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"ecr:GetAuthorizationToken"');
    const fixed = applyFix(text, d.fix!);
    const doc = JSON.parse(fixed) as { Statement: { Action: string[]; Resource: string }[] };
    expect(doc.Statement).toEqual([
      { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: REPO },
      { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
    ]);
    // Formatted by jsonc-parser in the policy's own style (two spaces, one array item per line).
    expect(fixed).toContain('\n    {\n      "Effect": "Allow",\n      "Action": [\n        "ecr:GetAuthorizationToken"\n      ],\n      "Resource": "*"\n    }\n  ]');
    expect(check(fixed, 'identity').all).toEqual([]);
  });

  it('the fix keeps Sid (renamed) and Condition, and wraps a lone statement object in an array', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Sid: 'Ci', Effect: 'Deny', Action: ['ecs:ListClusters', 'ecs:DescribeClusters'], Resource: 'arn:aws:ecs:us-east-1:123456789012:cluster/*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
    });
    const d = check(text, 'identity').one('action-needs-star-resource');
    expect(d.message).toContain('never denies');
    const doc = JSON.parse(applyFix(text, d.fix!)) as { Statement: unknown[] };
    expect(doc.Statement).toEqual([
      { Sid: 'Ci', Effect: 'Deny', Action: ['ecs:DescribeClusters'], Resource: 'arn:aws:ecs:us-east-1:123456789012:cluster/*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
      { Sid: 'CiRegistry', Effect: 'Deny', Action: ['ecs:ListClusters'], Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ]);
  });

  it('when every action supports only "*", the fix sets Resource to "*"', () => {
    const text = stmt('ecr:GetAuthorizationToken', REPO);
    const d = check(text, 'identity').one('action-needs-star-resource');
    expect(check(applyFix(text, d.fix!), 'identity').all).toEqual([]);
  });

  it('no finding on "*" or for wildcards', () => {
    expect(check(stmt(['ecr:GetAuthorizationToken'], '*'), 'identity').all).toEqual([]);
    expect(check(stmt(['ecr:GetAuthorizationToken'], ['*', REPO]), 'identity').of('action-needs-star-resource')).toEqual([]);
    expect(check(stmt(['ecr:Describe*'], 'arn:aws:ecr:us-east-1:123456789012:repository/*'), 'identity').all).toEqual([]);
  });
});
