import { describe, expect, it } from 'vitest';
import { cursor } from '../validate/testing.ts';
import { hoverAt } from './hover.ts';

function hover(marked: string) {
  const { text, offset } = cursor(marked);
  const h = hoverAt(text, offset, 'identity');
  return h && { ...h, at: text.slice(h.span.start, h.span.end) };
}

const wrap = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

describe('hoverAt', () => {
  it('an action: description, access level, resource types (required marked), condition keys', () => {
    const h = hover(wrap('{"Effect": "Allow", "Action": ["ecs:Run|Task"], "Resource": "*"}'))!;
    expect(h.at).toBe('"ecs:RunTask"');
    expect(h.markdown).toContain('**`ecs:RunTask`** · Write');
    expect(h.markdown).toContain('`task-definition` (required)');
    expect(h.markdown).toContain('`ecs:cluster`');
    expect(h.markdown.toLowerCase()).toContain('task');
  });

  it('an action without resource-level permissions says it needs "*"', () => {
    const h = hover(wrap('{"Effect": "Allow", "Action": "|ecr:GetAuthorizationToken", "Resource": "*"}'))!;
    expect(h.markdown).toContain('only `"*"`');
  });

  it('a wildcard action: the count and names it expands to', () => {
    const h = hover(wrap('{"Effect": "Allow", "Action": "ecs:Submit*|", "Resource": "*"}'))!;
    expect(h.markdown).toContain('matches 3 actions');
    expect(h.markdown).toContain('`ecs:SubmitTaskStateChange`');
    expect(hover(wrap('{"Effect": "Allow", "Action": "ecr:Nothing*|", "Resource": "*"}'))!.markdown).toContain('matches no action');
  });

  it('an unknown action suggests the nearest', () => {
    const h = hover(wrap('{"Effect": "Allow", "Action": "ecr:PutImag|es", "Resource": "*"}'))!;
    expect(h.markdown).toContain('not a known action');
    expect(h.markdown).toContain('`ecr:PutImage`');
  });

  it('a condition key: type and description', () => {
    const h = hover(wrap('{"Effect": "Allow", "Action": "ecs:RunTask", "Resource": "*", "Condition": {"ArnEquals": {"ecs:clu|ster": "arn:aws:ecs:us-east-1:123456789012:cluster/a"}}}'))!;
    expect(h.at).toBe('"ecs:cluster"');
    expect(h.markdown).toContain('**`ecs:cluster`** · ARN');
    const tag = hover(wrap('{"Effect": "Allow", "Action": "ecr:*", "Resource": "*", "Condition": {"StringEquals": {"aws:Resource|Tag/team": "a"}}}'))!;
    expect(tag.markdown).toContain('Instance of `aws:ResourceTag/${TagKey}`');
    const multi = hover(wrap('{"Effect": "Allow", "Action": "ecr:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:Tag|Keys": "a"}}}'))!;
    expect(multi.markdown).toContain('multivalued');
  });

  it('an operator: what it does, with its qualifier and IfExists', () => {
    const h = hover(wrap('{"Effect": "Allow", "Action": "ecr:*", "Resource": "*", "Condition": {"ForAllValues:StringLike|IfExists": {"aws:TagKeys": "a"}}}'))!;
    expect(h.at).toBe('"ForAllValues:StringLikeIfExists"');
    expect(h.markdown).toContain('wildcards');
    expect(h.markdown).toContain('`ForAllValues:`');
    expect(h.markdown).toContain('`IfExists`');
    expect(hover(wrap('{"Effect": "Allow", "Action": "ecr:*", "Resource": "*", "Condition": {"Null|": {"aws:TagKeys": "true"}}}'))!.markdown).toContain('absent');
  });

  it('a resource ARN: its resource type and format', () => {
    const h = hover(wrap('{"Effect": "Allow", "Action": "ecr:*", "Resource": "arn:aws:ecr:us-east-1:123456789012:repo|sitory/app"}'))!;
    expect(h.markdown).toContain('ecr `repository`');
  });

  it('an element name', () => {
    expect(hover(wrap('{"Effect": "Allow", "Not|Action": "ecr:*", "Resource": "*"}'))!.markdown).toContain('every other action');
  });

  it('nothing outside strings', () => {
    expect(hover(wrap('{"Effect": "Allow", "Action": "ecr:*",| "Resource": "*"}'))).toBeUndefined();
    expect(hover('|')).toBeUndefined();
  });
});
