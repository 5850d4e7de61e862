import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAccount } from './account.ts';
import { importAws } from './detect.ts';
import { ok } from './testing.ts';
import type { AccountResult } from './types.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const file = (name: string) => ({ name, text: fixture(name) });
const pretty = (v: unknown) => JSON.stringify(typeof v === 'string' ? JSON.parse(v) : v, null, 2);
const loaded = (r: AccountResult) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};

const details = file('iam-get-account-authorization-details.json');
const repoPolicy = JSON.parse(JSON.parse(fixture('ecr-get-repository-policy.json')).policyText);
const map = JSON.parse(fixture('ecr-repository-policies.json'));
const scp = JSON.parse(fixture('deny-regions.scp.json'));
const org = JSON.parse(fixture('org-policies.json'));
const rcp = JSON.parse(JSON.parse(fixture('organizations-describe-policy-rcp.json')).Policy.Content);

describe('loadAccount', () => {
  it('gives the same principals as importing the account details', () => {
    const r = loaded(loadAccount([details], { region: 'us-east-1' }));
    expect(r.principals).toEqual(ok(importAws(details.text)).principals);
    expect(r).toMatchObject({ resources: [], scps: [], rcps: [] });
  });

  it('reads repository policies, repository lists, name maps, SCPs and RCPs, each by its content or name', () => {
    const r = loaded(
      loadAccount(
        [
          details,
          file('ecr-get-repository-policy.json'),
          file('ecr-describe-repositories.json'),
          file('ecr-repository-policies.json'),
          file('deny-regions.scp.json'),
          file('org-policies.json'),
          file('organizations-describe-policy-rcp.json'),
          file('ecr-get-registry-policy.json'),
        ],
        { region: 'us-east-1' },
      ),
    );
    expect(r.resources).toEqual([
      { arn: 'arn:aws:ecr:us-east-1:111111111111:repository/prod/api', policy: pretty(repoPolicy) },
      { arn: 'arn:aws:ecr:us-east-1:111111111111:repository/tools/base' },
      { arn: 'arn:aws:ecr:us-east-1:111111111111:repository/team-a/api', policy: pretty(map['team-a/api']) },
      { arn: 'arn:aws:ecr:us-east-1:111111111111:repository/team-b/worker', policy: pretty(map['team-b/worker']) },
    ]);
    expect(r.scps).toEqual([pretty(scp), pretty(org.scps[0])]);
    expect(r.rcps).toEqual([pretty(org.rcps[0]), pretty(rcp)]);
    expect(r.warnings).toEqual([
      '`ecr-get-registry-policy.json` is a registry policy, which governs replication and pull-through cache rather than who reaches a repository, so it was not used.',
      'The managed policy `AmazonEC2ContainerRegistryReadOnly` (`arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly`), attached to 1 principal, is not in this output, so it was left out; add its default version by hand.',
    ]);
  });

  it('assumes us-east-1 when no region is given, and says so once', () => {
    const r = loaded(loadAccount([details, file('ecr-get-repository-policy.json'), file('ecr-repository-policies.json')]));
    expect(r.resources.map((x) => x.arn)).toEqual([
      'arn:aws:ecr:us-east-1:111111111111:repository/prod/api',
      'arn:aws:ecr:us-east-1:111111111111:repository/team-a/api',
      'arn:aws:ecr:us-east-1:111111111111:repository/team-b/worker',
    ]);
    expect(r.warnings.filter((w) => w.includes('us-east-1'))).toEqual([
      'The output does not say the region, so `us-east-1` was assumed for the repository ARNs; give the region to change it.',
    ]);
  });

  it('names the file it cannot read', () => {
    expect(loadAccount([details, { name: 'notes.txt', text: 'hello' }])).toEqual({
      ok: false,
      error:
        'The file `notes.txt` is not a JSON object; it should be one of `aws iam get-account-authorization-details`, `aws ecr get-repository-policy` or `describe-repositories` output, a map of repository names to policies, `aws organizations describe-policy` output, `{"scps": [...], "rcps": [...]}`, or a policy document named `*scp*` or `*rcp*`.',
    });
    expect(loadAccount([details, { name: 'broken.json', text: '{"a": ' }])).toEqual({
      ok: false,
      error: 'The file `broken.json` is not valid JSON at line 1, column 7: a value is expected here.',
    });
    expect(loadAccount([details, { name: 'policy.json', text: JSON.stringify(scp) }])).toEqual({
      ok: false,
      error: '`policy.json` is a policy document, but its name does not say whether it is an SCP or an RCP; put `scp` or `rcp` in the file name.',
    });
    expect(loadAccount([file('ecr-get-repository-policy.json')])).toEqual({
      ok: false,
      error: 'None of the files is `aws iam get-account-authorization-details` output, which gives the principals.',
    });
    expect(loadAccount([details, { name: 'rcps.json', text: JSON.stringify({ rcps: ['not json'] }) }])).toEqual({
      ok: false,
      error: 'Item 1 of `rcps` in `rcps.json` is a string that is not JSON.',
    });
  });

  it('merges several pages of account details', () => {
    const raw = JSON.parse(details.text);
    const page1 = { ...raw, UserDetailList: [], GroupDetailList: [] };
    const page2 = { UserDetailList: raw.UserDetailList, GroupDetailList: raw.GroupDetailList, RoleDetailList: [], Policies: [] };
    const r = loaded(loadAccount([{ name: 'p1.json', text: JSON.stringify(page1) }, { name: 'p2.json', text: JSON.stringify(page2) }], { region: 'us-east-1' }));
    expect(r.principals).toEqual(ok(importAws(details.text)).principals);
    expect(r.warnings[0]).toBe('2 files of `get-account-authorization-details` output were read as one account.');
  });
});
