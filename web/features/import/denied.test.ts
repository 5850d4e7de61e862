import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, parseAccessDenied, type AccessDeniedSuccess, type PolicyKind, type SimulationRequest } from '../../../engine';
import { awsSaid, compareWithAws, deniedRequest } from './denied';

const cases = JSON.parse(readFileSync(new URL('../../../engine/aws/fixtures/access-denied.json', import.meta.url), 'utf8')) as { form: string; message: string }[];
function denied(form: string): AccessDeniedSuccess {
  const c = cases.find((x) => x.form === form);
  const d = c && parseAccessDenied(c.message);
  if (!d || !d.ok) throw new Error(`no fixture ${form}`);
  return d;
}

const allow = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const deny = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoThanks', Effect: 'Deny', Action: action, Resource: '*' }] });

function compare(d: AccessDeniedSuccess, policies: { kind: PolicyKind; text: string }[]) {
  const request: SimulationRequest = deniedRequest(d, { principal: '', action: '', resource: '' }).request;
  const result = analyzeWorkspace({ policies: policies.map((p, i) => ({ ...p, name: `${p.kind} ${i}` })), request }).result;
  return compareWithAws(d, result, new Set(policies.map((p) => p.kind)));
}

describe('what AWS said', () => {
  it('names the denial and the policy type', () => {
    expect(awsSaid(denied('explicit, service control, with policy ARN (CLI prefix)'))).toBe('AWS said: explicit deny in a service control policy.');
    expect(awsSaid(denied('CLI prefix, ECR push'))).toBe('AWS said: implicit deny: no identity-based policy allows it.');
    expect(awsSaid(denied('explicit, role trust (\'in the role trust policy\')'))).toBe('AWS said: explicit deny in the role trust policy.');
    expect(awsSaid(denied('older message without a reason'))).toBe('AWS said: access denied (the message gives no reason).');
  });
});

describe('the request a message names', () => {
  it('keeps the context and adds the decoded one', () => {
    const d = denied('decoded message as the CLI prints it');
    const { request } = deniedRequest(d, { principal: 'x', action: 'y', resource: 'z', context: { 'aws:SourceIp': '10.0.0.1' } });
    expect(request).toMatchObject({ principal: 'arn:aws:sts::111122223333:assumed-role/Developer/Ana', action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*' });
    expect(request.context).toMatchObject({ 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['team', 'env'] });
  });

  it('a message without a resource is about `*`, and says so', () => {
    const r = deniedRequest(denied('implicit, identity-based'), { principal: '', action: '', resource: 'arn:aws:ecr:us-east-1:1:repository/a' });
    expect(r.request.resource).toBe('*');
    expect(r.notes[0]).toMatch(/names no resource/);
  });

  it('a resource named in words is flagged', () => {
    expect(deniedRequest(denied('XML error body'), { principal: '', action: '', resource: '' }).notes[0]).toMatch(/in words \(`role ci`\)/);
  });
});

describe('the workspace beside AWS', () => {
  const scp = denied('explicit, service control, with policy ARN (CLI prefix)');

  it('a workspace without the SCP that denied it', () => {
    const c = compare(scp, [{ kind: 'identity', text: allow('iam:*') }]);
    expect(c.agrees).toBe(false);
    expect(c.text).toBe(
      'The workspace allows this, but AWS denied it: the workspace lacks the service control policy that denied it (`arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd`).',
    );
  });

  it('a workspace whose SCP lacks the Deny', () => {
    const c = compare(scp, [
      { kind: 'identity', text: allow('iam:*') },
      { kind: 'scp', text: allow('*') },
    ]);
    expect(c.text).toMatch(/^The workspace allows this, but AWS denied it explicitly in the service control policy .*: the workspace's SCP lacks the Deny/);
  });

  it('agrees, and says so', () => {
    const c = compare(scp, [
      { kind: 'identity', text: allow('iam:*') },
      { kind: 'scp', text: deny('iam:ListRoles') },
    ]);
    expect(c).toEqual({ agrees: true, text: 'The workspace agrees with AWS: both deny explicitly (SCP).' });
  });

  it('an implicit deny the workspace turns into an explicit one', () => {
    const c = compare(denied('CLI prefix, ECR push'), [{ kind: 'identity', text: deny('ecr:*') }]);
    expect(c.agrees).toBe(false);
    expect(c.text).toMatch(/denies this explicitly, but AWS denied it implicitly \(no Allow in the identity-based policy\): the workspace has a Deny \(`identity 0 › NoThanks`\)/);
  });

  it('an explicit deny the workspace only denies implicitly', () => {
    const c = compare(denied('JSON error body with a namespaced type and Message'), []);
    expect(c.agrees).toBe(false);
    expect(c.text).toMatch(/denies this implicitly, but AWS denied it explicitly in the identity-based policy: the workspace lacks that Deny/);
  });

  it('both deny implicitly, in different places', () => {
    const c = compare(denied('ECS CannotPullContainerError'), []);
    expect(c.agrees).toBe(true);
    expect(c.text).toMatch(/AWS named the resource-based policy and the workspace's decision comes from its identity policy/);
  });

  it('a VPC endpoint policy the simulator cannot hold', () => {
    const c = compare(denied('explicit, VPC endpoint'), [{ kind: 'identity', text: allow('*') }]);
    expect(c.text).toMatch(/lacks the VPC endpoint policy that denied it\. The simulator does not evaluate VPC endpoint policies/);
  });
});
