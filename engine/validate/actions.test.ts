import { describe, expect, it } from 'vitest';
import actionNames from '../catalog/data/action-names.json' with { type: 'json' };
import { actionNamesFrom } from '../catalog/index.ts';
import { applyFix, at, check as checkWith, policyText } from './testing.ts';
import type { PolicyKind } from '../types.ts';
import type { ValidateOptions } from './types.ts';

const actionNamesOption = { actionNames: actionNamesFrom(actionNames) };
/** Validates with every service's action names, as the app does once they have loaded. */
const check = (text: string, kind: PolicyKind, options: ValidateOptions = {}) => checkWith(text, kind, { ...actionNamesOption, ...options });

const stmt = (Action: unknown, Resource: unknown = '*') => policyText([{ Effect: 'Allow', Action, Resource }]);

describe('actions (without the names of other services)', () => {
  it('an action of a service not described in full is not judged', () => {
    const text = stmt(['cloudtrail:LookupEvntz']);
    expect(checkWith(text, 'identity').of('action-unknown')).toEqual([]);
    expect(check(text, 'identity').of('action-unknown')).toHaveLength(1);
  });
});

describe('actions', () => {
  it('unknown action with a did-you-mean fix', () => {
    const text = stmt(['ecr:PutImages', 'ecr:ListImages'], 'arn:aws:ecr:us-east-1:123456789012:repository/app');
    const d = check(text, 'identity').one('action-unknown');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"ecr:PutImages"');
    expect(d.message).toContain('`ecr:PutImage`');
    expect(d.fix!.title).toBe('Change to ecr:PutImage');
    expect(check(applyFix(text, d.fix!), 'identity').all).toEqual([]);
  });

  it('a known action is not flagged, in any letter case', () => {
    expect(check(stmt(['ecr:putimage'], 'arn:aws:ecr:us-east-1:123456789012:repository/app'), 'identity').all).toEqual([]);
  });

  it('unknown action of a service not described in full, once names are loaded', () => {
    const text = stmt(['cloudtrail:LookupEvntz']);
    const d = check(text, 'identity').one('action-unknown');
    expect(d.fix!.edits[0].text).toBe('"cloudtrail:LookupEvents"');
    expect(check(stmt(['cloudtrail:LookupEvents']), 'identity').all).toEqual([]);
  });

  it('unknown service prefix', () => {
    const text = stmt(['ecrr:GetAuthorizationToken']);
    const d = check(text, 'identity').one('action-service-unknown');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"ecrr:GetAuthorizationToken"');
    expect(d.fix!.edits[0].text).toBe('"ecr:GetAuthorizationToken"');
    expect(check(stmt(['nosuchservice:Thing']), 'identity').one('action-service-unknown').fix).toBeUndefined();
  });

  it('an action without a service prefix', () => {
    const text = stmt(['GetAuthorizationToken']);
    const d = check(text, 'identity').one('action-invalid');
    expect(at(text, d)).toBe('"GetAuthorizationToken"');
    expect(d.fix!.edits[0].text).toBe('"ecr:GetAuthorizationToken"');
  });

  it('a wildcard that matches no action', () => {
    const text = stmt(['ecr:Descibe*']);
    const d = check(text, 'identity').one('action-wildcard-no-match');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"ecr:Descibe*"');
    expect(check(stmt(['ecr:Describe*']), 'identity').of('action-wildcard-no-match')).toEqual([]);
    expect(check(stmt(['logs:Nothing*']), 'identity').one('action-wildcard-no-match').severity).toBe('error');
  });

  it('an action listed twice, with a fix that removes the repeat', () => {
    const text = stmt(['ecr:ListImages', 'ecr:DescribeImages', 'ecr:listimages'], 'arn:aws:ecr:us-east-1:123456789012:repository/app');
    const d = check(text, 'identity').one('action-duplicate');
    expect(d.severity).toBe('suggestion');
    expect(at(text, d)).toBe('"ecr:listimages"');
    const fixed = applyFix(text, d.fix!);
    expect((JSON.parse(fixed) as { Statement: { Action: string[] }[] }).Statement[0].Action).toEqual(['ecr:ListImages', 'ecr:DescribeImages']);
  });

  it('an action covered by a wildcard in the same statement', () => {
    const text = stmt(['ecr:Describe*', 'ecr:DescribeImages', 'ecr:ListImages'], 'arn:aws:ecr:us-east-1:123456789012:repository/app');
    const d = check(text, 'identity').one('action-redundant');
    expect(d.severity).toBe('suggestion');
    expect(at(text, d)).toBe('"ecr:DescribeImages"');
    const fixed = applyFix(text, d.fix!);
    expect((JSON.parse(fixed) as { Statement: { Action: string[] }[] }).Statement[0].Action).toEqual(['ecr:Describe*', 'ecr:ListImages']);
    // A narrower wildcard inside a wider one is redundant too; unrelated ones are not.
    expect(at(stmt(['ecr:*', 'ecr:Get*']), check(stmt(['ecr:*', 'ecr:Get*']), 'identity').one('action-redundant'))).toBe('"ecr:Get*"');
    expect(check(stmt(['ecr:Get*', 'ecr:List*']), 'identity').of('action-redundant')).toEqual([]);
  });

  it('variables in Action', () => {
    const text = stmt(['ecr:${aws:PrincipalTag/verb}']);
    const d = check(text, 'identity').one('action-variable');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"ecr:${aws:PrincipalTag/verb}"');
  });

  it('NotAction entries are checked too', () => {
    const text = policyText([{ Effect: 'Deny', NotAction: ['ecr:BatchGetImag'], Resource: '*' }]);
    expect(at(text, check(text, 'identity').one('action-unknown'))).toBe('"ecr:BatchGetImag"');
  });

  it('a repository policy action that never acts on a repository', () => {
    const text = policyText([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'] }]);
    const d = check(text, 'resource').one('action-not-for-repository');
    expect(d.severity).toBe('warning');
    expect(at(text, d)).toBe('"ecr:GetAuthorizationToken"');
  });

  it('a trust policy action that is not an sts action', () => {
    const text = policyText([
      { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: ['sts:AssumeRole', 'ecr:BatchGetImage'], Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } },
    ]);
    const d = check(text, 'resource').one('action-not-for-trust-policy');
    expect(at(text, d)).toBe('"ecr:BatchGetImage"');
  });
});
