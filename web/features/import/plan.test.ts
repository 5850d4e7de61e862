import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAws, type ImportSuccess } from '../../../engine';
import type { Workspace } from '../../engine-extras';
import { addedRequest, addedWorkspace, defaultPrincipal, newTests, planImport, replacedWorkspace, requestChanges } from './plan';

const fixture = (name: string) => readFileSync(new URL(`../../../engine/aws/fixtures/${name}`, import.meta.url), 'utf8');
function imported(name: string, options = {}): ImportSuccess {
  const r = importAws(fixture(name), options);
  if (!r.ok) throw new Error(r.error);
  return r;
}

const identity = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:*","Resource":"*"}]}';
const current: Workspace = {
  policies: [{ kind: 'identity', name: 'mine', text: identity }],
  request: {
    principal: 'arn:aws:iam::111111111111:user/me',
    action: 'ecr:PutImage',
    resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web',
    context: { 'aws:PrincipalTag/team': 'web', 'aws:ResourceTag/team': 'web' },
  },
  tests: [{ name: 'mine', request: { principal: 'arn:aws:iam::111111111111:user/me', action: 'ecr:PutImage', resource: '*' }, expect: 'Allow' }],
};

describe('an ECR repository policy', () => {
  const r = imported('ecr-get-repository-policy.json');
  const plan = planImport(r, defaultPrincipal(r), current);

  it('becomes the resource policy tab and the request resource', () => {
    expect(plan.policies).toEqual([{ kind: 'resource', name: 'prod/api repository policy', text: r.policies[0].text }]);
    expect(plan.request).toEqual({ resource: 'arn:aws:ecr:us-east-1:111111111111:repository/prod/api' });
    expect(plan.tests).toEqual([]);
  });

  it('replaces: its policy alone, the other request fields kept, context from the import', () => {
    const ws = replacedWorkspace(plan, current);
    expect(ws.policies.map((p) => p.kind)).toEqual(['resource']);
    expect(ws.request).toEqual({ principal: current.request.principal, action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/prod/api' });
    expect(ws.tests).toBeUndefined();
  });

  it('adds: after the current tabs, with the current context and tests kept', () => {
    const ws = addedWorkspace(plan, current);
    expect(ws.policies.map((p) => p.name)).toEqual(['mine', 'prod/api repository policy']);
    expect(ws.request.context).toEqual(current.request.context);
    expect(ws.tests).toEqual(current.tests);
  });

  it('lists the request fields it changes', () => {
    expect(requestChanges(plan, current, 'add')).toEqual([['resource', 'arn:aws:ecr:us-east-1:111111111111:repository/prod/api']]);
    expect(requestChanges(plan, current, 'replace')).toContainEqual(['aws:PrincipalTag/team', '(removed)']);
  });

  it('says when the workspace already has a resource policy that comes first', () => {
    const withRepo: Workspace = { ...current, policies: [...current.policies, { kind: 'resource', name: 'web repo', text: '{}' }] };
    expect(planImport(r, null, withRepo).notes.join(' ')).toMatch(/`web repo` comes first/);
  });
});

describe('a role from aws iam get-role', () => {
  for (const file of ['iam-get-role.json', 'iam-get-role-urlencoded.json']) {
    it(`${file}: the role is the principal; its trust policy stays out of an ecr: request`, () => {
      const r = imported(file);
      const plan = planImport(r, defaultPrincipal(r), current);
      expect(plan.request.principal).toBe('arn:aws:iam::111111111111:role/service/api-task');
      expect(plan.policies).toEqual([]);
      expect(plan.leftOut[0]).toMatchObject({ what: 'api-task trust policy' });
      expect(plan.leftOut[0].reason).toMatch(/sts:.*`ecr:PutImage`/);
      expect(plan.notes.join(' ')).toMatch(/any session of the role/);
    });
  }

  it('the trust policy is the resource policy for an sts: request', () => {
    const r = imported('iam-get-role-urlencoded.json');
    const sts: Workspace = { ...current, request: { ...current.request, action: 'sts:AssumeRole' } };
    const plan = planImport(r, defaultPrincipal(r), sts);
    expect(plan.policies.map((p) => [p.kind, p.name])).toEqual([['resource', 'api-task trust policy']]);
    expect(JSON.parse(plan.policies[0].text).Statement[0].Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
  });

  it('the role’s tags replace the previous principal’s', () => {
    const r = imported('iam-get-role.json');
    const plan = planImport(r, defaultPrincipal(r), current);
    expect(addedRequest(plan, current).context).toEqual({ 'aws:ResourceTag/team': 'web', 'aws:PrincipalTag/team': 'payments', 'aws:PrincipalTag/env': 'prod' });
  });
});

describe('account authorization details', () => {
  const r = imported('iam-get-account-authorization-details.json');

  it('a chosen role brings its identity policies and boundary, not the others’', () => {
    const plan = planImport(r, 'arn:aws:iam::111111111111:role/service/ci', current);
    expect(plan.policies.map((p) => [p.kind, p.name])).toEqual([
      ['identity', 'build-cache'],
      ['identity', 'ecr-push'],
      ['boundary', 'workload-boundary'],
    ]);
    expect(plan.request.principal).toBe('arn:aws:iam::111111111111:role/service/ci');
    expect(plan.leftOut.map((l) => l.what).join(' ')).toMatch(/ci trust policy.*2 other principals/);
  });

  it('a chosen user brings its own and its groups’ policies', () => {
    const plan = planImport(r, 'arn:aws:iam::111111111111:user/alice', current);
    expect(plan.policies.map((p) => p.name)).toEqual(['no-delete', 'ecr-push', 'developers/read-ecr', 'workload-boundary']);
    expect(plan.notes.join(' ')).not.toMatch(/role ARN/);
  });

  it('no principal: no principal’s policies', () => {
    expect(planImport(r, null, current).policies).toEqual([]);
  });
});

describe('an ECS task definition', () => {
  const r = imported('ecs-describe-task-definition.json');
  const plan = planImport(r, defaultPrincipal(r), current);

  it('its pulls and secret reads become tests of the execution role', () => {
    expect(defaultPrincipal(r)).toBe('arn:aws:iam::111111111111:role/ecsTaskExecutionRole');
    expect(plan.tests.length).toBe(11);
    expect(plan.tests.every((t) => t.request.principal === 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole' && t.expect === 'Allow')).toBe(true);
    expect(plan.request).toEqual({ principal: 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole', action: 'ecr:GetAuthorizationToken', resource: '*' });
  });

  it('the tests of assuming roles it cannot check are left out, with why', () => {
    const reasons = plan.leftOut.map((l) => `${l.what}: ${l.reason}`);
    expect(reasons).toContain('1 ready-made test: The import has no trust policy of the role they ask to assume.');
    expect(reasons).toContain('1 ready-made test: They ask to assume a role that is not the chosen principal.');
  });

  it('adding twice adds the tests once', () => {
    const once = addedWorkspace(plan, current);
    expect(newTests(plan, once)).toEqual([]);
    expect(addedWorkspace(plan, once).tests?.length).toBe(once.tests?.length);
  });
});

describe('CloudFormation and Terraform', () => {
  it('a template with !Sub: the account and region fill the placeholders', () => {
    const r = imported('cfn-ecs-service.yaml', { accountId: '222222222222', region: 'eu-west-1' });
    const plan = planImport(r, 'arn:aws:iam::222222222222:role/service/prod-api-exec', current);
    expect(plan.request.resource).toBe('arn:aws:ecr:eu-west-1:222222222222:repository/team-a/api');
    expect(plan.policies.map((p) => [p.kind, p.name])).toEqual([
      ['identity', 'prod-ecr-pull'],
      ['boundary', 'workload-boundary'],
      ['resource', 'team-a/api repository policy'],
    ]);
  });

  it('a plan: the execution role is the default, with its tests', () => {
    const r = imported('terraform-plan.json', { accountId: '111111111111' });
    const arn = defaultPrincipal(r);
    expect(arn).toBe('arn:aws:iam::111111111111:role/api-exec');
    const plan = planImport(r, arn, current);
    expect(plan.tests.map((t) => t.request.action)).toContain('ecr:BatchGetImage');
    expect(plan.policies.map((p) => p.name)).toEqual(['api-pull', 'prod/api repository policy']);
  });

  it('the ECS tasks may assume the chosen role: a test, with its trust policy, for an sts: request', () => {
    const r = imported('terraform-plan.json', { accountId: '111111111111' });
    const sts: Workspace = { ...current, request: { ...current.request, action: 'sts:AssumeRole' } };
    const plan = planImport(r, 'arn:aws:iam::111111111111:role/api-task', sts);
    expect(plan.policies[0]).toMatchObject({ kind: 'resource', name: 'api-task trust policy' });
    expect(plan.tests.map((t) => t.name)).toEqual(['ECS tasks can assume the task role']);
    expect(plan.notes.join(' ')).toMatch(/`prod\/api repository policy` is added, but .* `api-task trust policy` comes first/);
  });
});
