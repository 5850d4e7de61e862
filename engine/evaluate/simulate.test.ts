import { describe, expect, it } from 'vitest';
import { simulate } from '../index.ts';

const allowPut = { Version: '2012-10-17', Statement: [{ Sid: 'Put', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }] };
const req = { principal: 'arn:aws:iam::123456789012:user/alice', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/web' };

describe('the AccessDenied message AWS returns', () => {
  it('implicit deny names the missing policy type', () => {
    const r = simulate({ identityPolicies: [], request: req });
    expect(r.message).toBe(
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: ecr:PutImage on resource: arn:aws:ecr:us-east-1:123456789012:repository/web because no identity-based policy allows the ecr:PutImage action',
    );
  });
  it('explicit deny names where the deny is', () => {
    const r = simulate({ identityPolicies: [allowPut], scps: [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }], request: req });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.message).toMatch(/with an explicit deny in a service control policy$/);
  });
  it('a permissions boundary that allows nothing names the boundary', () => {
    const r = simulate({ identityPolicies: [allowPut], permissionsBoundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, request: req });
    expect(r.message).toMatch(/because no permissions boundary allows the ecr:PutImage action$/);
    expect(r.decidingStage).toBe('boundary');
  });
});

describe('the request context AWS derives from the request (global condition keys)', () => {
  it('derives principal and resource keys, and the caller can override them', () => {
    const r = simulate({ identityPolicies: [allowPut], request: { ...req, context: { 'aws:SecureTransport': 'false' } }, now: '2026-01-02T03:04:05Z' });
    const ctx = Object.fromEntries(r.context.map((e) => [e.key, e.values]));
    expect(ctx['aws:PrincipalArn']).toEqual(['arn:aws:iam::123456789012:user/alice']);
    expect(ctx['aws:PrincipalAccount']).toEqual(['123456789012']);
    expect(ctx['aws:PrincipalType']).toEqual(['User']);
    expect(ctx['aws:username']).toEqual(['alice']);
    expect(ctx['aws:ResourceAccount']).toEqual(['123456789012']);
    expect(ctx['aws:RequestedRegion']).toEqual(['us-east-1']);
    expect(ctx['aws:CurrentTime']).toEqual(['2026-01-02T03:04:05Z']);
    expect(ctx['aws:EpochTime']).toEqual([String(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000)]);
    expect(ctx['aws:SecureTransport']).toEqual(['false']);
  });

  it('a session reports its role as aws:PrincipalArn and has no aws:username', () => {
    const r = simulate({ identityPolicies: [allowPut], request: { ...req, principal: 'arn:aws:sts::123456789012:assumed-role/ci/b1' } });
    const ctx = Object.fromEntries(r.context.map((e) => [e.key, e.values]));
    expect(ctx['aws:PrincipalArn']).toEqual(['arn:aws:iam::123456789012:role/ci']);
    expect(ctx['aws:PrincipalType']).toEqual(['AssumedRole']);
    expect(ctx['aws:username']).toBeUndefined();
  });

  it('condition keys are case-insensitive; values are case-sensitive', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { StringEquals: { 'AWS:RESOURCETAG/Team': 'blue' } } }] };
    expect(simulate({ identityPolicies: [policy], request: { ...req, context: { 'aws:resourcetag/team': 'blue' } } }).decision).toBe('Allow');
    expect(simulate({ identityPolicies: [policy], request: { ...req, context: { 'aws:ResourceTag/Team': 'Blue' } } }).decision).toBe('ImplicitDeny');
  });

  it('reports the context keys the matching statements read but the request lacks', () => {
    const policy = { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:*:*:repository/${aws:PrincipalTag/team}/*', Condition: { StringEquals: { 'ecr:ResourceTag/env': 'dev' } } },
      { Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:123456789012:cluster/x' } } },
    ] };
    const r = simulate({ identityPolicies: [policy], request: req });
    expect(r.missingContextKeys).toEqual(['aws:PrincipalTag/team', 'ecr:ResourceTag/env']);
  });
});

describe('bad input comes back as errors in the result, never as an exception', () => {
  it('policy syntax errors carry the policy and the position', () => {
    const r = simulate({ identityPolicies: ['{"Statement": [ {"Effect": "Allow",, } ]}'], request: req });
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].policy).toMatchObject({ kind: 'identity', index: 0 });
    expect(r.errors[0].range.start.line).toBe(1);
  });
  it('an incomplete request is an error with the field it is about', () => {
    const r = simulate({ identityPolicies: [allowPut], request: { principal: 'someone', action: 'PutImage', resource: '' } });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.errors.map((e) => e.field).sort()).toEqual(['action', 'principal', 'resource']);
  });
  it('the deciding statement points into its policy text', () => {
    const text = JSON.stringify(allowPut, null, 2);
    const r = simulate({ identityPolicies: [text], request: req });
    const d = r.decisiveStatements[0];
    expect(text.slice(d.span.start, d.span.end)).toContain('"Sid": "Put"');
    expect(d.range.start.line).toBe(4);
  });
});
