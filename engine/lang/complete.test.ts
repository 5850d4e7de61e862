import { describe, expect, it } from 'vitest';
import { cursor } from '../validate/testing.ts';
import { completeAt } from './complete.ts';

function complete(marked: string, kind: 'identity' | 'resource' = 'identity') {
  const { text, offset } = cursor(marked);
  const result = completeAt(text, offset, kind);
  return { ...result, text, offset, labels: result.items.map((i) => i.label) };
}

const wrap = (statement: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${statement}\n  ]\n}`;

describe('completeAt: actions', () => {
  it('inside an empty Action string: service prefixes first, then ecr: actions and wildcards', () => {
    const r = complete(wrap('{ "Effect": "Allow", "Action": "|", "Resource": "*" }'));
    expect(r.labels.slice(0, 2)).toEqual(['ecr:', 'ecs:']);
    expect(r.from).toBe(r.offset);
    expect(r.to).toBe(r.offset);
    const put = r.items.find((i) => i.label === 'ecr:PutImage')!;
    expect(put.kind).toBe('action');
    expect(put.detail).toBe('Write');
    expect(put.insertText).toBe('ecr:PutImage');
    expect(r.labels).toContain('ecr:Describe*');
    expect(r.labels.indexOf('ecr:')).toBeLessThan(r.labels.indexOf('ecr:PutImage'));
  });

  it('after a service prefix: that service\'s actions with access level, and wildcard groups', () => {
    const r = complete(wrap('{ "Effect": "Allow", "Action": ["ecs:Run|"], "Resource": "*" }'));
    expect(r.labels).toContain('ecs:RunTask');
    expect(r.labels).not.toContain('ecr:PutImage');
    expect(r.text.slice(r.from, r.to)).toBe('ecs:Run');
    const describe = r.items.find((i) => i.label === 'ecs:Describe*')!;
    expect(describe.detail).toMatch(/^\d+ actions$/);
    expect(r.items.find((i) => i.label === 'ecs:RunTask')!.documentation).toBeTruthy();
  });

  it('the replaced range is the whole string content', () => {
    const r = complete(wrap('{ "Effect": "Allow", "Action": "ecr:Pu|tImages", "Resource": "*" }'));
    expect(r.text.slice(r.from, r.to)).toBe('ecr:PutImages');
  });

  it('outside a string the items are quoted', () => {
    const r = complete(wrap('{ "Effect": "Allow", "Action": [|], "Resource": "*" }'));
    expect(r.items.find((i) => i.label === 'ecr:PutImage')!.insertText).toBe('"ecr:PutImage"');
  });
});

describe('completeAt: conditions', () => {
  it('operator names as Condition keys, with ForAllValues/ForAnyValue and IfExists forms', () => {
    const r = complete(wrap('{ "Effect": "Allow", "Action": "ecs:RunTask", "Resource": "*", "Condition": { "|" } }'));
    expect(r.labels.slice(0, 3)).toEqual(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase']);
    expect(r.labels).toContain('ArnEqualsIfExists');
    expect(r.labels).toContain('ForAnyValue:StringLike');
    expect(r.labels).toContain('ForAllValues:StringEqualsIfExists');
    expect(r.labels).toContain('Null');
    expect(r.labels).not.toContain('NullIfExists');
    expect(r.items.every((i) => i.kind === 'operator')).toBe(true);
  });

  it('condition keys of the statement\'s actions first, then global keys', () => {
    const r = complete(wrap('{ "Effect": "Allow", "Action": "ecs:RunTask", "Resource": "*", "Condition": { "ArnEquals": { "|" } } }'));
    expect(r.labels).toContain('ecs:cluster');
    expect(r.labels).toContain('aws:SourceIp');
    expect(r.labels.indexOf('ecs:cluster')).toBeLessThan(r.labels.indexOf('aws:SourceIp'));
    expect(r.labels).not.toContain('ecs:service');
    const cluster = r.items.find((i) => i.label === 'ecs:cluster')!;
    expect(cluster.kind).toBe('conditionKey');
    expect(cluster.detail).toContain('ARN');
    const tag = r.items.find((i) => i.label === 'aws:ResourceTag/${TagKey}')!;
    expect(tag.insertText).toBe('aws:ResourceTag/');
  });

  it('Bool values', () => {
    const r = complete(wrap('{ "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "|" } } }'));
    expect(r.labels).toEqual(['true', 'false']);
  });
});

describe('completeAt: resources, elements and values', () => {
  it('ARN templates inside Resource, with placeholders; the statement\'s resource types first', () => {
    const r = complete(wrap('{ "Effect": "Allow", "Action": "ecs:UpdateService", "Resource": "|" }'));
    expect(r.labels[0]).toBe('*');
    expect(r.labels[1]).toBe('arn:aws:ecs:REGION:ACCOUNT_ID:service/CLUSTER_NAME/SERVICE_NAME');
    const repo = r.items.find((i) => i.detail === 'ecr repository')!;
    expect(repo.insertText).toBe('arn:aws:ecr:REGION:ACCOUNT_ID:repository/REPOSITORY_NAME');
    expect(repo.snippet).toBe('arn:aws:ecr:${1:REGION}:${2:ACCOUNT_ID}:repository/${3:REPOSITORY_NAME}');
    for (const d of ['ecs cluster', 'ecs task-definition', 'iam role']) expect(r.items.some((i) => i.detail === d)).toBe(true);
  });

  it('statement element names as keys, without those already there', () => {
    const r = complete(wrap('{ "Effect": "Allow", "|" }'));
    expect(r.labels).toEqual(['Sid', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
    expect(r.items[0].kind).toBe('element');
    const res = complete(wrap('{ "Effect": "Allow", | }'), 'resource');
    expect(res.labels).toContain('Principal');
    expect(res.items.find((i) => i.label === 'Principal')!.insertText).toBe('"Principal": ');
  });

  it('Effect values', () => {
    const r = complete(wrap('{ "Effect": "|", "Action": "ecr:*", "Resource": "*" }'));
    expect(r.labels).toEqual(['Allow', 'Deny']);
    expect(r.items[0].kind).toBe('value');
  });

  it('top-level keys and the Version value', () => {
    expect(complete('{ "|" }').labels).toEqual(['Version', 'Id', 'Statement']);
    expect(complete('{ "Version": "|" }').labels).toEqual(['2012-10-17']);
  });

  it('service principals in a trust policy', () => {
    const r = complete(wrap('{ "Effect": "Allow", "Principal": { "Service": "|" }, "Action": "sts:AssumeRole" }'), 'resource');
    expect(r.labels[0]).toBe('ecs-tasks.amazonaws.com');
  });

  it('nothing in places without suggestions', () => {
    expect(complete(wrap('{ "Sid": "|" }')).items).toEqual([]);
    expect(complete('|').items).toEqual([]);
  });
});
