import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAws } from './detect.ts';
import { allPretty, docs, ok, parseErrors } from './testing.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const text = fixture('iam-get-account-authorization-details.json');
const raw = JSON.parse(text);
const decode = (s: string) => JSON.parse(decodeURIComponent(s));

const versions = raw.Policies[0].PolicyVersionList;
const push = decode(versions[1].Document); // v2, the default
const boundary = raw.Policies[1].PolicyVersionList[0].Document;
const execPolicy = raw.Policies[2].PolicyVersionList[0].Document;
const ci = raw.RoleDetailList[0];
const exec = raw.RoleDetailList[1];
const alice = raw.UserDetailList[0];
const developers = raw.GroupDetailList[0];

describe('aws iam get-account-authorization-details', () => {
  const r = ok(importAws(text));

  it('names the account and what it holds; policies stay empty for the app to pick a principal', () => {
    expect(r.format).toBe('iam-account-details');
    expect(r.source).toBe('Account authorization details of 111111111111: 2 roles, 1 user, 1 group, 3 managed policies');
    expect(r.policies).toEqual([]);
  });

  it('resolves every role with its trust policy, inline, managed (default version only) and boundary policies', () => {
    const [ciRole, execRole] = r.principals ?? [];
    expect(ciRole.arn).toBe('arn:aws:iam::111111111111:role/service/ci');
    expect(ciRole.type).toBe('role');
    expect(ciRole.tags).toEqual({ team: 'platform' });
    expect(docs(ciRole.policies)).toEqual([
      { kind: 'resource', name: 'ci trust policy', doc: decode(ci.AssumeRolePolicyDocument) },
      { kind: 'identity', name: 'build-cache', doc: decode(ci.RolePolicyList[0].PolicyDocument) },
      { kind: 'identity', name: 'ecr-push', doc: push },
      { kind: 'boundary', name: 'workload-boundary', doc: boundary },
    ]);
    expect(push).not.toEqual(decode(versions[0].Document));
    expect(execRole.arn).toBe('arn:aws:iam::111111111111:role/ecsTaskExecutionRole');
    expect(execRole.tags).toBeUndefined();
    expect(docs(execRole.policies)).toEqual([
      { kind: 'resource', name: 'ecsTaskExecutionRole trust policy', doc: exec.AssumeRolePolicyDocument },
      { kind: 'identity', name: 'AmazonECSTaskExecutionRolePolicy', doc: execPolicy },
    ]);
  });

  it("gives each user its own, its groups' (each managed policy once) and its boundary policies", () => {
    const user = r.principals?.[2];
    expect(user?.arn).toBe('arn:aws:iam::111111111111:user/alice');
    expect(user?.type).toBe('user');
    expect(docs(user?.policies ?? [])).toEqual([
      { kind: 'identity', name: 'no-delete', doc: decode(alice.UserPolicyList[0].PolicyDocument) },
      { kind: 'identity', name: 'ecr-push', doc: push },
      { kind: 'identity', name: 'developers/read-ecr', doc: decode(developers.GroupPolicyList[0].PolicyDocument) },
      { kind: 'boundary', name: 'workload-boundary', doc: boundary },
    ]);
  });

  it('warns about a managed policy whose document the output lacks, naming it', () => {
    expect(r.warnings).toEqual([
      'The managed policy `AmazonEC2ContainerRegistryReadOnly` (`arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly`), attached to 1 principal, is not in this output, so it was left out; add its default version by hand.',
    ]);
  });

  it('produces texts the engine parses cleanly, pretty-printed', () => {
    const all = (r.principals ?? []).flatMap((p) => p.policies);
    expect(parseErrors(all)).toEqual([]);
    expect(allPretty(all)).toBe(true);
  });

  it('warns about truncation, missing groups and missing default versions', () => {
    const cut = {
      IsTruncated: true,
      Marker: 'abc',
      UserDetailList: [{ UserName: 'bob', Arn: 'arn:aws:iam::111111111111:user/bob', GroupList: ['ops'], AttachedManagedPolicies: [{ PolicyName: 'p', PolicyArn: 'arn:aws:iam::111111111111:policy/p' }] }],
      Policies: [{ PolicyName: 'p', Arn: 'arn:aws:iam::111111111111:policy/p', DefaultVersionId: 'v3', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: false, Document: {} }] }],
    };
    const w = ok(importAws(JSON.stringify(cut))).warnings;
    expect(w).toEqual([
      'The output is truncated (`IsTruncated` is true), so principals and policies may be missing; run the command again without `--max-items`.',
      'The user `arn:aws:iam::111111111111:user/bob` is in the group `ops`, which is not in this output, so that group\'s policies are missing.',
      'The managed policy `p` (`arn:aws:iam::111111111111:policy/p`), attached to 1 principal, has no default version in this output, so it was left out; add its default version by hand.',
    ]);
  });
});
