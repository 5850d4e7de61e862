import { describe, expect, it } from 'vitest';
import { applyFix, at, check, policyText } from './testing.ts';

const REPO = 'arn:aws:ecr:us-east-1:123456789012:repository/app';
const withCondition = (Condition: unknown, Action: unknown = ['ecr:PutImage'], Effect = 'Allow') =>
  policyText([{ Effect, Action, Resource: REPO, Condition }]);

describe('conditions: operators and keys', () => {
  it('an unknown operator', () => {
    const text = withCondition({ StringEqual: { 'aws:PrincipalTag/team': 'a' } });
    const d = check(text, 'identity').one('condition-operator-unknown');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"StringEqual"');
    expect(d.fix).toBeUndefined();
  });

  it('an operator in the wrong letter case, with a fix', () => {
    const text = withCondition({ 'forAnyValue:stringequals': { 'aws:TagKeys': 'team' } }, ['ecr:TagResource']);
    const d = check(text, 'identity').one('condition-operator-unknown');
    expect(d.fix!.edits[0].text).toBe('"ForAnyValue:StringEquals"');
    expect(check(applyFix(text, d.fix!), 'identity').all).toEqual([]);
  });

  it('a key unknown to AWS, with a did-you-mean fix', () => {
    const text = withCondition({ StringEquals: { 'aws:SourceAcount': '123456789012' } });
    const d = check(text, 'identity').one('condition-key-unknown');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"aws:SourceAcount"');
    expect(d.fix!.edits[0].text).toBe('"aws:SourceAccount"');
    const tag = withCondition({ StringEquals: { 'ecr:ResourceTags/team': 'a' } });
    expect(check(tag, 'identity').one('condition-key-unknown').fix!.edits[0].text).toBe('"ecr:ResourceTag/team"');
  });

  it('keys of services not described in full are not judged', () => {
    const text = withCondition({ StringEquals: { 's3:prefix': 'home/' } }, ['ecr:PutImage']);
    expect(check(text, 'identity').of('condition-key-unknown')).toEqual([]);
  });

  it('a key no action of the statement carries', () => {
    const text = withCondition({ StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
    const d = check(text, 'identity').one('condition-key-not-for-actions');
    expect(d.severity).toBe('warning');
    expect(at(text, d)).toBe('"iam:PassedToService"');
    const ok = policyText([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/task', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }]);
    expect(check(ok, 'identity').all).toEqual([]);
    expect(check(withCondition({ StringEquals: { 'ecr:ResourceTag/team': 'a' } }), 'identity').all).toEqual([]);
  });
});

describe('conditions: types and values', () => {
  it('a Numeric operator on a String key', () => {
    const text = withCondition({ NumericLessThan: { 'aws:PrincipalTag/level': '3' } });
    const d = check(text, 'identity').one('condition-type-mismatch');
    expect(d.severity).toBe('warning');
    expect(at(text, d)).toBe('"aws:PrincipalTag/level"');
    // String operators on ARN keys are fine.
    expect(check(withCondition({ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/ci' } }), 'identity').all).toEqual([]);
  });

  it('Bool with a value that is not a boolean', () => {
    const text = withCondition({ Bool: { 'aws:SecureTransport': 'yes' } });
    const d = check(text, 'identity').one('condition-value-invalid');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"yes"');
    expect(check(withCondition({ Bool: { 'aws:SecureTransport': true } }), 'identity').all).toEqual([]);
  });

  it('a bad CIDR', () => {
    const text = withCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/33'] } });
    const d = check(text, 'identity').one('condition-value-invalid');
    expect(at(text, d)).toBe('"10.0.0.0/33"');
  });

  it('a bad date and a bad number', () => {
    const date = withCondition({ DateGreaterThan: { 'aws:CurrentTime': '2025-13-01T00:00:00Z' } });
    expect(at(date, check(date, 'identity').one('condition-value-invalid'))).toBe('"2025-13-01T00:00:00Z"');
    expect(check(withCondition({ DateGreaterThan: { 'aws:CurrentTime': '2025-12-01T00:00:00Z' } }), 'identity').all).toEqual([]);
    const num = withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } });
    expect(at(num, check(num, 'identity').one('condition-value-invalid'))).toBe('"one hour"');
    expect(check(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } }), 'identity').all).toEqual([]);
  });

  it('Null with a value that is not a boolean', () => {
    const text = withCondition({ Null: { 'aws:PrincipalTag/team': 'no' } });
    const d = check(text, 'identity').one('condition-null-value');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"no"');
    expect(check(withCondition({ Null: { 'aws:PrincipalTag/team': 'false' } }), 'identity').all).toEqual([]);
  });

  it('wildcards with an Equals operator are literal', () => {
    const text = withCondition({ StringEquals: { 'aws:PrincipalTag/team': 'team-*' } });
    const d = check(text, 'identity').one('condition-wildcard-without-like');
    expect(at(text, d)).toBe('"team-*"');
    expect(check(withCondition({ StringLike: { 'aws:PrincipalTag/team': 'team-*' } }), 'identity').all).toEqual([]);
  });

  it('policy variables in values of operators that take them are not parsed', () => {
    expect(check(withCondition({ StringEquals: { 'ecr:ResourceTag/owner': '${aws:username}' } }), 'identity').all).toEqual([]);
  });
});

describe('conditions: set operators and IfExists', () => {
  it('ForAnyValue on a single-valued key', () => {
    const text = withCondition({ 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/team': ['a', 'b'] } });
    const d = check(text, 'identity').one('condition-set-on-single-valued');
    expect(d.severity).toBe('warning');
    expect(at(text, d)).toBe('"aws:PrincipalTag/team"');
    expect(check(applyFix(text, d.fix!), 'identity').all).toEqual([]);
  });

  it('a multivalued key without a set operator', () => {
    const text = withCondition({ StringEquals: { 'aws:TagKeys': 'team' } }, ['ecr:TagResource']);
    const d = check(text, 'identity').one('condition-set-missing');
    expect(at(text, d)).toBe('"aws:TagKeys"');
    expect(d.fix!.edits[0].text).toBe('"ForAnyValue:StringEquals"');
  });

  it('IfExists on a key AWS always sends', () => {
    const text = withCondition({ BoolIfExists: { 'aws:SecureTransport': 'true' } });
    const d = check(text, 'identity').one('condition-ifexists-redundant');
    expect(d.severity).toBe('suggestion');
    expect(at(text, d)).toBe('"BoolIfExists"');
    expect(check(applyFix(text, d.fix!), 'identity').all).toEqual([]);
    expect(check(withCondition({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'a' } }), 'identity').all).toEqual([]);
  });

  it('a ForAllValues Allow passes when the key is missing (security), with a fix that adds a Null check', () => {
    const text = withCondition({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }, ['ecr:TagResource']);
    const d = check(text, 'identity').one('condition-forallvalues-allow');
    expect(d.severity).toBe('security');
    expect(at(text, d)).toBe('"aws:TagKeys"');
    const fixed = applyFix(text, d.fix!);
    expect((JSON.parse(fixed) as { Statement: { Condition: unknown }[] }).Statement[0].Condition).toEqual({
      Null: { 'aws:TagKeys': 'false' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
    });
    expect(check(fixed, 'identity').all).toEqual([]);
    // In a Deny statement it is the intended idiom.
    expect(check(withCondition({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, ['ecr:TagResource'], 'Deny'), 'identity').all).toEqual([]);
  });
});
