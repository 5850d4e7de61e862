import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAws } from './detect.ts';
import { allPretty, docs, ok, parseErrors } from './testing.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** Every `values` object of a `terraform show -json` document, by address. */
function valuesOf(doc: { planned_values?: unknown; values?: unknown }): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (m: { resources?: Array<{ address: string; values: Record<string, unknown> }>; child_modules?: unknown[] }) => {
    for (const r of m.resources ?? []) out[r.address] = r.values;
    for (const c of m.child_modules ?? []) walk(c as typeof m);
  };
  walk(((doc.planned_values ?? doc.values) as { root_module: Parameters<typeof walk>[0] }).root_module);
  return out;
}
const doc = (v: Record<string, unknown>, key = 'policy') => JSON.parse(v[key] as string);

describe('terraform show -json of a plan, with nested modules and values known only after apply', () => {
  const text = fixture('terraform-plan.json');
  const v = valuesOf(JSON.parse(text));
  const r = ok(importAws(text, { accountId: '111111111111' }));
  const TASK = 'arn:aws:iam::111111111111:role/api-task';
  const EXEC = 'arn:aws:iam::111111111111:role/api-exec';

  it('reads every policy of every module', () => {
    expect(r.format).toBe('terraform-plan');
    expect(r.source).toBe('Terraform plan with 2 roles, 4 policies, 1 repository policy');
    expect(docs(r.policies)).toEqual([
      { kind: 'resource', name: 'api-task trust policy', doc: doc(v['module.service.aws_iam_role.task'], 'assume_role_policy') },
      { kind: 'identity', name: 'api-task/read-config', doc: JSON.parse((v['module.service.aws_iam_role.task'].inline_policy as Array<{ policy: string }>)[0].policy) },
      { kind: 'resource', name: 'api-exec trust policy', doc: doc(v['module.service.aws_iam_role.execution'], 'assume_role_policy') },
      { kind: 'identity', name: 'api-pull', doc: doc(v['module.service.aws_iam_policy.pull']) },
      { kind: 'boundary', name: 'workload-boundary', doc: doc(v['module.service.module.boundary.aws_iam_policy.this']) },
      { kind: 'identity', name: 'send-jobs', doc: doc(v['module.service.aws_iam_role_policy.sqs']) },
      { kind: 'resource', name: 'prod/api repository policy', doc: doc(v['aws_ecr_repository_policy.api']) },
    ]);
    expect(parseErrors(r.policies)).toEqual([]);
    expect(allPretty(r.policies)).toBe(true);
  });

  it('links unknown ARNs and names through configuration references, module outputs included', () => {
    expect(r.principals?.map((p) => ({ arn: p.arn, type: p.type, policies: p.policies.map((x) => `${x.kind} ${x.name}`) }))).toEqual([
      { arn: TASK, type: 'role', policies: ['resource api-task trust policy', 'identity api-task/read-config', 'identity send-jobs', 'boundary workload-boundary'] },
      { arn: EXEC, type: 'role', policies: ['resource api-exec trust policy', 'identity api-pull'] },
    ]);
    expect(r.request).toEqual({ resource: 'arn:aws:ecr:eu-west-1:111111111111:repository/prod/api' });
  });

  it('gives the task definition tests with the roles it references', () => {
    expect(r.requests?.map((q) => `${q.principal} ${q.action} ${q.resource}`)).toEqual([
      `${EXEC} ecr:GetAuthorizationToken *`,
      `${EXEC} ecr:BatchGetImage arn:aws:ecr:eu-west-1:111111111111:repository/prod/api`,
      `${EXEC} ecr:GetDownloadUrlForLayer arn:aws:ecr:eu-west-1:111111111111:repository/prod/api`,
      `${EXEC} ecr:BatchCheckLayerAvailability arn:aws:ecr:eu-west-1:111111111111:repository/prod/api`,
      `${EXEC} ssm:GetParameters arn:aws:ssm:eu-west-1:111111111111:parameter/api/token`,
      `ecs-tasks.amazonaws.com sts:AssumeRole ${EXEC}`,
      `ecs-tasks.amazonaws.com sts:AssumeRole ${TASK}`,
    ]);
    expect(r.requests?.every((q) => q.expect === 'Allow')).toBe(true);
  });

  it('warns about ARNs it built, and policies outside the output', () => {
    expect(r.warnings).toEqual([
      'The ARN of `module.service.aws_iam_role.task` is only known after apply, so it was built as `arn:aws:iam::111111111111:role/api-task`.',
      'The ARN of `module.service.aws_iam_role.execution` is only known after apply, so it was built as `arn:aws:iam::111111111111:role/api-exec`.',
      'The policy `arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy` that `module.service.aws_iam_role_policy_attachment.logs` attaches is not in this output (an AWS managed or existing policy), so it was left out; add it by hand.',
      'A secret encrypted with a customer managed KMS key also needs `kms:Decrypt` on that key for the execution role, which these tests do not cover.',
    ]);
  });

  it('keeps a visible placeholder for the account when none is given', () => {
    const bare = ok(importAws(text));
    expect(bare.principals?.map((p) => p.arn)).toEqual(['arn:aws:iam::{{AccountId}}:role/api-task', 'arn:aws:iam::{{AccountId}}:role/api-exec']);
    expect(bare.request).toEqual({ resource: 'arn:aws:ecr:eu-west-1:{{AccountId}}:repository/prod/api' });
    expect(bare.warnings).toContain('The registry of `aws_ecr_repository_policy.api` is only known after apply; give the account id to fill in `{{AccountId}}`.');
  });
});

describe('terraform show -json of a state', () => {
  const text = fixture('terraform-state.json');
  const v = valuesOf(JSON.parse(text));
  const r = ok(importAws(text));
  const ci = v['aws_iam_role.ci'] as { inline_policy: Array<{ policy: string }>; assume_role_policy: string };

  it('reads roles, users, attachments by ARN, boundaries and ECR policies, each policy once', () => {
    expect(r.format).toBe('terraform-state');
    expect(r.source).toBe('Terraform state with 1 role, 1 user, 5 policies, 1 repository policy');
    expect(docs(r.policies)).toEqual([
      { kind: 'resource', name: 'ci trust policy', doc: JSON.parse(ci.assume_role_policy) },
      { kind: 'identity', name: 'ci/build-cache', doc: JSON.parse(ci.inline_policy[0].policy) },
      { kind: 'identity', name: 'ci/tagging', doc: JSON.parse(ci.inline_policy[1].policy) },
      { kind: 'identity', name: 'ecr-push', doc: doc(v['aws_iam_policy.push']) },
      { kind: 'boundary', name: 'ci-boundary', doc: doc(v['aws_iam_policy.boundary']) },
      { kind: 'identity', name: 'describe', doc: doc(v['aws_iam_user_policy.alice']) },
      { kind: 'resource', name: 'team-a/api repository policy', doc: doc(v['aws_ecr_repository_policy.team_a']) },
      { kind: 'resource', name: 'registry policy', doc: doc(v['aws_ecr_registry_policy.this']) },
    ]);
    expect(r.principals?.map((p) => ({ arn: p.arn, type: p.type, policies: p.policies.map((x) => `${x.kind} ${x.name}`) }))).toEqual([
      {
        arn: 'arn:aws:iam::111111111111:role/ci',
        type: 'role',
        policies: ['resource ci trust policy', 'identity ci/build-cache', 'identity ci/tagging', 'identity ecr-push', 'boundary ci-boundary'],
      },
      { arn: 'arn:aws:iam::111111111111:user/alice', type: 'user', policies: ['identity describe'] },
    ]);
    expect(r.request).toEqual({ principal: 'arn:aws:iam::111111111111:role/ci', resource: 'arn:aws:ecr:us-west-2:111111111111:repository/team-a/api' });
    expect(r.warnings).toEqual([
      'The policy `arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly` that `aws_iam_role.ci` attaches is not in this output (an AWS managed or existing policy), so it was left out; add it by hand.',
    ]);
    expect(parseErrors(r.policies)).toEqual([]);
  });
});

describe('terraform links it cannot follow', () => {
  it('warns when an attachment names a policy that is only known after apply and not in the output', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_iam_role.r', mode: 'managed', type: 'aws_iam_role', name: 'r', values: { name: 'r', assume_role_policy: '{"Version":"2012-10-17","Statement":[]}' } },
            { address: 'aws_iam_role_policy_attachment.a', mode: 'managed', type: 'aws_iam_role_policy_attachment', name: 'a', values: { role: 'r' } },
          ],
        },
      },
      configuration: {
        root_module: {
          resources: [{ address: 'aws_iam_role_policy_attachment.a', type: 'aws_iam_role_policy_attachment', name: 'a', expressions: { policy_arn: { references: ['var.policy_arn'] } } }],
        },
      },
    };
    const r = ok(importAws(JSON.stringify(plan), { accountId: '111111111111' }));
    expect(r.principals?.map((p) => p.policies.map((x) => x.name))).toEqual([['r trust policy']]);
    expect(r.warnings).toContain('The policy that `aws_iam_role_policy_attachment.a` attaches is only known after apply (`var.policy_arn`), so it was left out.');
  });

  it('says when the output has nothing it reads', () => {
    const r = ok(importAws(JSON.stringify({ format_version: '1.0', terraform_version: '1.9.5', values: { root_module: {} } })));
    expect(r).toMatchObject({ source: 'Terraform state', policies: [], principals: [], warnings: ['The output has no IAM, ECR or ECS resources that this import reads.'] });
  });
});
