import { describe, expect, it } from 'vitest';
import { at, check, policyText } from './testing.ts';

const REPO = 'arn:aws:ecr:us-east-1:123456789012:repository/app';

describe('security findings', () => {
  it('Allow with NotAction', () => {
    const text = policyText([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]);
    const d = check(text, 'identity').one('allow-with-notaction');
    expect(d.severity).toBe('security');
    expect(at(text, d)).toBe('"NotAction"');
    expect(check(policyText([{ Effect: 'Deny', NotAction: 'ecr:*', Resource: '*' }]), 'identity').all).toEqual([]);
  });

  it('Allow with NotResource', () => {
    const text = policyText([{ Effect: 'Allow', Action: 'ecr:BatchGetImage', NotResource: REPO }]);
    expect(at(text, check(text, 'identity').one('allow-with-notresource'))).toBe('"NotResource"');
  });

  it('Allow with NotPrincipal', () => {
    const text = policyText([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'ecr:BatchGetImage' }]);
    const d = check(text, 'resource').one('allow-with-notprincipal');
    expect(d.severity).toBe('security');
    expect(at(text, d)).toBe('"NotPrincipal"');
  });

  it('"Action": "*" on "*"', () => {
    const text = policyText([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const d = check(text, 'identity').one('allow-all-actions');
    expect(d.severity).toBe('security');
    expect(at(text, d)).toBe('"*"');
    expect(d.span.start).toBe(text.indexOf('"*"'));
  });

  it('"ecr:*" on "*" without a condition', () => {
    const text = policyText([{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }]);
    expect(at(text, check(text, 'identity').one('allow-service-wildcard'))).toBe('"ecr:*"');
    // A condition, a specific resource or a boundary (which only sets a maximum): no finding.
    expect(check(policyText([{ Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: { 'ecr:ResourceTag/Team': 'dev' } } }]), 'identity').all).toEqual([]);
    expect(check(policyText([{ Effect: 'Allow', Action: 'ecr:*', Resource: REPO }]), 'identity').all).toEqual([]);
    expect(check(text, 'boundary').all).toEqual([]);
  });

  it('iam:PassRole on "*"', () => {
    const text = policyText([{ Effect: 'Allow', Action: ['ecs:RunTask', 'iam:PassRole'], Resource: '*' }]);
    const d = check(text, 'identity').one('passrole-star');
    expect(d.severity).toBe('security');
    expect(at(text, d)).toBe('"iam:PassRole"');
    const ok = policyText([
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/app-task', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
    ]);
    expect(check(ok, 'identity').all).toEqual([]);
  });

  it('a public repository policy: Principal "*" without a condition', () => {
    const text = policyText([{ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }]);
    const d = check(text, 'resource').one('resource-public');
    expect(d.severity).toBe('security');
    expect(at(text, d)).toBe('"*"');
    const aws = policyText([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:BatchGetImage' }]);
    expect(at(aws, check(aws, 'resource').one('resource-public'))).toBe('"*"');
    const org = policyText([{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }]);
    expect(check(org, 'resource').all).toEqual([]);
  });

  it('a repository policy that grants push to another account (when the owner is known)', () => {
    const text = policyText([
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:role/build', 'arn:aws:iam::444455556666:root'] }, Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload'] },
    ]);
    const d = check(text, 'resource', { resourceAccount: '111122223333' }).one('repository-cross-account-push');
    expect(d.severity).toBe('security');
    expect(at(text, d)).toBe('"arn:aws:iam::444455556666:root"');
    const pull = policyText([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:BatchGetImage'] }]);
    expect(check(pull, 'resource', { resourceAccount: '111122223333' }).all).toEqual([]);
  });
});
