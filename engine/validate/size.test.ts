import { describe, expect, it } from 'vitest';
import { measure } from './size.ts';
import { check, policyText } from './testing.ts';

/** An identity policy with `n` statements of distinct ECR repository ARNs. */
function bigIdentity(n: number, indent = 2): string {
  const statements = Array.from({ length: n }, (_, i) => ({
    Sid: `Pull${i}`,
    Effect: 'Allow',
    Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    Resource: `arn:aws:ecr:us-east-1:123456789012:repository/team-${i}/app`,
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, indent);
}

describe('size quotas, counted as AWS counts them', () => {
  it('counts whitespace inside strings but not outside them', () => {
    expect(measure('{ "a b": 1 }', false, 100).size).toBe('{"a b":1}'.length);
    expect(measure('{ "a b": 1 }', true, 100).size).toBe(12);
  });

  it('an identity policy over 6,144 non-whitespace characters is an error at the character that crosses the quota', () => {
    const text = bigIdentity(60);
    expect(measure(text, false, 6144).size).toBeGreaterThan(6144);
    const d = check(text, 'identity').one('policy-too-large');
    expect(d.severity).toBe('error');
    expect(d.span.end - d.span.start).toBe(1);
    expect(measure(text.slice(0, d.span.start), false, Infinity).size).toBe(6144);
  });

  it('whitespace does not count: the same policy pretty-printed is as large as minified', () => {
    const small = bigIdentity(30, 8);
    expect(small.length).toBeGreaterThan(6144);
    expect(check(small, 'identity').of('policy-too-large')).toEqual([]);
  });

  it('a repository policy over 10,240 characters (whitespace counted)', () => {
    const statements = Array.from({ length: 60 }, (_, i) => ({
      Sid: `Pull${i}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${String(100000000000 + i)}:root` },
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    }));
    const text = policyText(statements);
    expect(text.length).toBeGreaterThan(10240);
    expect(check(text, 'resource').one('policy-too-large').span.start).toBe(10240);
    expect(check(policyText(statements.slice(0, 20)), 'resource').all).toEqual([]);
  });

  it('a trust policy over the default 2,048 is a warning until 4,096', () => {
    const conditionValues = Array.from({ length: 110 }, (_, i) => `arn:aws:ecs:us-east-1:123456789012:task/c${i}`);
    const text = policyText([
      { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': conditionValues.slice(0, 50) } } },
    ]);
    expect(check(text, 'resource').one('policy-size-adjustable').severity).toBe('warning');
    const bigger = text.replace('"aws:SourceArn": [', `"aws:SourceArn": [${conditionValues.map((v) => JSON.stringify(v)).join(',')},`);
    expect(check(bigger, 'resource').one('policy-too-large').severity).toBe('error');
  });

  it('an SCP over 5,120 characters, whitespace counted', () => {
    const text = bigIdentity(40);
    expect(check(text, 'scp').one('policy-too-large').span.start).toBe(5120);
  });
});
