import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAws } from './detect.ts';
import { allPretty, docs, ok, parseErrors } from './testing.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(fixture(name));

const trust = json('iam-get-role.json').Role.AssumeRolePolicyDocument;
const push = json('iam-get-role-policy.json').PolicyDocument;
const ROLE = 'arn:aws:iam::111111111111:role/service/api-task';

describe('aws iam get-role', () => {
  it('gives the trust policy, the role as principal and request principal, and says what the output leaves out', () => {
    const r = ok(importAws(fixture('iam-get-role.json')));
    expect(r.format).toBe('iam-role');
    expect(r.source).toBe('IAM role `api-task` in 111111111111');
    expect(docs(r.policies)).toEqual([{ kind: 'resource', name: 'api-task trust policy', doc: trust }]);
    expect(r.principals).toEqual([{ arn: ROLE, type: 'role', policies: r.policies, tags: { team: 'payments', env: 'prod' } }]);
    expect(r.request).toEqual({ principal: ROLE, context: { 'aws:PrincipalTag/team': 'payments', 'aws:PrincipalTag/env': 'prod' } });
    expect(r.warnings).toEqual([
      '`aws iam get-role` does not list the permission policies of `api-task`; add them from `aws iam get-role-policy` and `aws iam get-policy-version`, or import `aws iam get-account-authorization-details`.',
      'The permissions boundary `arn:aws:iam::111111111111:policy/boundaries/workload-boundary` is only named here; add its document from `aws iam get-policy-version` as a boundary.',
    ]);
    expect(parseErrors(r.policies)).toEqual([]);
    expect(allPretty(r.policies)).toBe(true);
  });

  it.each([['iam-get-role-urlencoded.json'], ['iam-get-role-jsonstring.json']])('reads the trust policy from %s', (name) => {
    const r = ok(importAws(fixture(name)));
    expect(docs(r.policies)).toEqual([{ kind: 'resource', name: 'api-task trust policy', doc: trust }]);
    expect(r.principals?.map((p) => p.arn)).toEqual([ROLE]);
    expect(r.request).toEqual({ principal: ROLE });
    expect(r.warnings).toHaveLength(1);
  });

  it('refuses a role without an ARN or with a broken trust policy, naming the field', () => {
    expect(importAws('{"Role": {"RoleName": "x"}}')).toEqual({ ok: false, error: 'This `aws iam get-role` output has no `Role.Arn`.' });
    expect(importAws('{"Role": {"Arn": "arn:aws:iam::111111111111:role/x", "AssumeRolePolicyDocument": "%7B%22Version"}}')).toEqual({
      ok: false,
      error: '`Role.AssumeRolePolicyDocument` of this `aws iam get-role` output is URL-encoded but is not JSON once decoded.',
    });
  });
});

describe('aws iam get-role-policy, get-user-policy, get-group-policy', () => {
  it.each([
    ['iam-get-role-policy.json', 'Inline policy `ecr-push` of role `ci`'],
    ['iam-get-user-policy-urlencoded.json', 'Inline policy `ecr-push` of user `alice`'],
    ['iam-get-group-policy.json', 'Inline policy `ecr-push` of group `developers`'],
  ])('%s gives one identity policy', (name, source) => {
    const r = ok(importAws(fixture(name)));
    expect(r.format).toBe('iam-inline-policy');
    expect(r.source).toBe(source);
    expect(docs(r.policies)).toEqual([{ kind: 'identity', name: 'ecr-push', doc: push }]);
    expect(r.warnings).toEqual([]);
    expect(r.principals).toBeUndefined();
    expect(parseErrors(r.policies)).toEqual([]);
  });
});

describe('aws iam get-policy-version', () => {
  it('gives an identity policy and says a boundary looks the same', () => {
    const r = ok(importAws(fixture('iam-get-policy-version.json')));
    expect(r.format).toBe('iam-policy-version');
    expect(r.source).toBe('Managed policy version `v2`');
    expect(docs(r.policies)).toEqual([{ kind: 'identity', name: 'policy version v2', doc: push }]);
    expect(r.warnings).toEqual([
      'This output does not say whether the policy is attached as a permissions boundary, so it was imported as an identity policy; change its kind if it is a boundary.',
    ]);
  });

  it('warns that a version that is not the default is not evaluated', () => {
    const r = ok(importAws(JSON.stringify({ PolicyVersion: { Document: encodeURIComponent(JSON.stringify(push)), VersionId: 'v1', IsDefaultVersion: false } })));
    expect(docs(r.policies)).toEqual([{ kind: 'identity', name: 'policy version v1', doc: push }]);
    expect(r.warnings[1]).toBe('Version `v1` is not the default version, and AWS evaluates only the default version of a managed policy.');
  });

  it('points `aws iam get-policy` output to get-policy-version', () => {
    const r = importAws(JSON.stringify({ Policy: { PolicyName: 'ecr-push', Arn: 'arn:aws:iam::111111111111:policy/ecr-push', DefaultVersionId: 'v2' } }));
    expect(r).toEqual({
      ok: false,
      error:
        '`aws iam get-policy` prints no policy document; run `aws iam get-policy-version --policy-arn arn:aws:iam::111111111111:policy/ecr-push --version-id v2` and paste that instead.',
    });
  });
});

describe('aws organizations describe-policy', () => {
  it.each([
    ['organizations-describe-policy-scp.json', 'scp', 'Service control policy `deny-outside-regions`', 'deny-outside-regions'],
    ['organizations-describe-policy-rcp.json', 'rcp', 'Resource control policy `ecr-org-only`', 'ecr-org-only'],
  ])('%s gives a %s', (name, kind, source, policyName) => {
    const r = ok(importAws(fixture(name)));
    expect(r.format).toBe('organizations-policy');
    expect(r.source).toBe(source);
    expect(docs(r.policies)).toEqual([{ kind, name: policyName, doc: JSON.parse(json(name).Policy.Content) }]);
    expect(parseErrors(r.policies)).toEqual([]);
  });

  it('refuses organization policies that take no part in authorization', () => {
    const r = importAws(JSON.stringify({ Policy: { PolicySummary: { Type: 'TAG_POLICY', Name: 't' }, Content: '{}' } }));
    expect(r).toEqual({ ok: false, error: 'This organization policy is of type `TAG_POLICY`; only service control and resource control policies take part in authorization.' });
  });
});
