import { describe, expect, it } from 'vitest';
import { applyFix, at, check, policyText } from './testing.ts';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/staging';

describe('ECS condition keys on actions that carry them', () => {
  it('ecs:cluster on an action that never carries it', () => {
    const text = policyText([
      { Effect: 'Allow', Action: ['ecs:RunTask', 'ecs:DescribeTaskDefinition'], Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': CLUSTER } } },
    ]);
    const d = check(text, 'identity').one('ecs-condition-key-unsupported');
    expect(d.severity).toBe('warning');
    expect(at(text, d)).toBe('"ecs:cluster"');
    expect(d.message).toContain('`ecs:DescribeTaskDefinition`');
  });

  it('ecs:cluster on actions that all carry it', () => {
    const text = policyText([
      { Effect: 'Allow', Action: ['ecs:RunTask', 'ecs:StartTask'], Resource: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web*', Condition: { ArnEquals: { 'ecs:cluster': CLUSTER } } },
    ]);
    expect(check(text, 'identity').all).toEqual([]);
  });

  it('IfExists says what to do when the key is missing', () => {
    const text = policyText([
      { Effect: 'Allow', Action: ['ecs:RunTask', 'ecs:DescribeTaskDefinition'], Resource: '*', Condition: { ArnEqualsIfExists: { 'ecs:cluster': CLUSTER } } },
    ]);
    expect(check(text, 'identity').of('ecs-condition-key-unsupported')).toEqual([]);
  });

  it('ecs:container-instances and ecs:task-definition are checked the same way', () => {
    const text = policyText([
      { Effect: 'Allow', Action: ['ecs:StartTask', 'ecs:RunTask'], Resource: '*', Condition: { ArnLike: { 'ecs:container-instances': 'arn:aws:ecs:us-east-1:123456789012:container-instance/staging/*' } } },
    ]);
    expect(check(text, 'identity').one('ecs-condition-key-unsupported').message).toContain('`ecs:RunTask`');
  });

  it('a key that no action carries is the generic finding', () => {
    const text = policyText([{ Effect: 'Allow', Action: 'ecs:ListClusters', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': CLUSTER } } }]);
    const f = check(text, 'identity');
    expect(f.of('ecs-condition-key-unsupported')).toEqual([]);
    expect(at(text, f.one('condition-key-not-for-actions'))).toBe('"ecs:cluster"');
  });
});

describe('ECS task role trust policies', () => {
  const trust = (service: string, Condition?: unknown) =>
    policyText([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}) }]);
  const guarded = { StringEquals: { 'aws:SourceAccount': '123456789012' } };

  it('a task role must trust ecs-tasks.amazonaws.com', () => {
    const text = trust('ecs.amazonaws.com', guarded);
    expect(check(text, 'resource').all).toEqual([]);
    const d = check(text, 'resource', { roleUse: 'ecs-task' }).one('trust-ecs-tasks-missing');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"ecs.amazonaws.com"');
    expect(check(applyFix(text, d.fix!), 'resource', { roleUse: 'ecs-task' }).all).toEqual([]);
    expect(check(trust('ecs-tasks.amazonaws.com', guarded), 'resource', { roleUse: 'ecs-task-execution' }).all).toEqual([]);
  });

  it('a misspelt ecs-tasks principal', () => {
    const text = trust('ecs-task.amazonaws.com', guarded);
    const d = check(text, 'resource').one('trust-ecs-principal-misspelt');
    expect(d.severity).toBe('warning');
    expect(at(text, d)).toBe('"ecs-task.amazonaws.com"');
    expect(check(applyFix(text, d.fix!), 'resource').all).toEqual([]);
    expect(check(trust('ec2.amazonaws.com'), 'resource').all).toEqual([]);
  });

  it('no aws:SourceAccount or aws:SourceArn: a confused-deputy suggestion, with a fix when the account is known', () => {
    const text = trust('ecs-tasks.amazonaws.com');
    const d = check(text, 'resource', { resourceAccount: '123456789012' }).one('trust-confused-deputy');
    expect(d.severity).toBe('suggestion');
    expect(at(text, d)).toBe('"ecs-tasks.amazonaws.com"');
    const fixed = applyFix(text, d.fix!);
    expect((JSON.parse(fixed) as { Statement: { Condition: unknown }[] }).Statement[0].Condition).toEqual(guarded);
    expect(check(fixed, 'resource').all).toEqual([]);
    expect(check(text, 'resource').one('trust-confused-deputy').fix).toBeUndefined();
    expect(check(trust('ecs-tasks.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:123456789012:*' } }), 'resource').all).toEqual([]);
  });
});
