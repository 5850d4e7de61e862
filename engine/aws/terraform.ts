// `terraform show -json` of a plan (`planned_values.root_module`) or a state
// (`values.root_module`), modules nested in `child_modules` (Terraform, "JSON
// output format"). Attributes a plan only knows after apply are absent from
// `values`; links to them are followed through `configuration`'s expression
// references instead.
import { repositoryArn, DEFAULT_REGION } from './ecr.ts';
import { readTaskDefinition, taskRequests } from './ecs.ts';
import { arnAccount, arr, code, count, decodeDocument, isRecord, obj, partitionOf, pretty, records, str, type Json, type JsonObject } from './text.ts';
import type { ImportedPolicy, ImportedPrincipal, ImportedRequest, ImportOptions, ImportResult } from './types.ts';

interface Resource {
  address: string;
  /** `module.a.module.b`, or '' at the root. */
  module: string;
  type: string;
  name: string;
  values: JsonObject;
  /** The configuration block, for expression references. */
  config?: JsonObject;
}

interface Principal {
  resource: Resource;
  type: 'role' | 'user';
  name?: string;
  arn: string;
  policies: ImportedPolicy[];
}

export function isTerraform(o: JsonObject): boolean {
  return typeof o.format_version === 'string' && (isRecord(o.planned_values) || isRecord(o.values) || typeof o.terraform_version === 'string');
}

function walk(module: JsonObject | undefined, out: JsonObject[]): void {
  if (!module) return;
  out.push(...records(module, 'resources'));
  for (const child of records(module, 'child_modules')) walk(child, out);
}

/** The configuration module at a module path (`module.a[0].module.b`). */
function configModule(root: JsonObject | undefined, path: string): JsonObject | undefined {
  let m = root;
  for (const name of path.split('.').filter((_, i) => i % 2 === 1)) {
    m = obj(obj(obj(m, 'module_calls'), name.replace(/\[.*\]$/, '')), 'module');
  }
  return m;
}

export function fromTerraform(doc: JsonObject, options: ImportOptions): ImportResult {
  const plan = isRecord(doc.planned_values);
  const root = obj(obj(doc, plan ? 'planned_values' : 'values'), 'root_module');
  const configRoot = obj(obj(doc, 'configuration'), 'root_module');
  const warnings: string[] = [];
  const warn = (m: string) => {
    if (!warnings.includes(m)) warnings.push(m);
  };

  const raw: JsonObject[] = [];
  walk(root, raw);
  const resources: Resource[] = raw
    .filter((r) => str(r, 'mode') !== 'data' && typeof r.type === 'string' && typeof r.name === 'string')
    .map((r) => {
      const address = str(r, 'address') ?? `${str(r, 'type')}.${str(r, 'name')}`;
      const local = `${str(r, 'type')}.${str(r, 'name')}`;
      const at = address.lastIndexOf(local);
      const module = at > 0 ? address.slice(0, at - 1) : '';
      const config = records(configModule(configRoot, module), 'resources').find((c) => str(c, 'address') === local);
      return { address, module, type: String(r.type), name: String(r.name), values: obj(r, 'values') ?? {}, ...(config ? { config } : {}) };
    });
  const ofType = (type: string) => resources.filter((r) => r.type === type);

  // Where ARNs the plan does not know yet are built.
  const knownArn = resources.map((r) => str(r.values, 'arn')).find((a) => a?.startsWith('arn:') && arnAccount(a));
  const providerRegion = str(obj(obj(obj(obj(obj(doc, 'configuration'), 'provider_config'), 'aws'), 'expressions'), 'region'), 'constant_value');
  const region = options.region ?? providerRegion;
  const account = options.accountId ?? (knownArn ? arnAccount(knownArn) : undefined);
  const partition = options.partition ?? (knownArn ? knownArn.split(':')[1] : partitionOf(region));

  /** Resources an attribute's configuration expression refers to, in the same module. */
  const referenced = (r: Resource, attr: string, type: string): Resource[] => {
    const refs = obj(obj(r.config, 'expressions'), attr)?.references;
    const names = (Array.isArray(refs) ? refs : [])
      .filter((x): x is string => typeof x === 'string' && x.startsWith(`${type}.`))
      .map((x) => x.split('.')[1].replace(/\[.*\]$/, ''));
    return resources.filter((o) => o.type === type && o.module === r.module && names.includes(o.name));
  };

  const policies: ImportedPolicy[] = [];
  const add = (p: ImportedPolicy) => {
    policies.push(p);
    return p;
  };
  const documentOf = (r: Resource, attr: string, label: string): JsonObject | undefined => {
    const v = r.values[attr];
    if (v === undefined || v === null || v === '') {
      warn(`The ${label} of ${code(r.address)} is only known after apply, so it was left out.`);
      return undefined;
    }
    const d = decodeDocument(v);
    if (!d.ok) warn(`The ${label} of ${code(r.address)} was left out: it ${d.error}.`);
    return d.ok ? d.value : undefined;
  };

  const principals: Principal[] = [];
  for (const [type, kind] of [['aws_iam_role', 'role'], ['aws_iam_user', 'user']] as const) {
    for (const r of ofType(type)) {
      const name = str(r.values, 'name');
      const path = str(r.values, 'path') ?? '/';
      let arn = str(r.values, 'arn');
      if (!arn) {
        arn = `arn:${partition}:iam::${account ?? '{{AccountId}}'}:${kind}${path}${name ?? `{{${r.address}.name}}`}`;
        warn(`The ARN of ${code(r.address)} is only known after apply, so it was built as ${code(arn)}${account ? '' : '; give the account id to fill in `{{AccountId}}`'}.`);
      }
      const p: Principal = { resource: r, type: kind, ...(name ? { name } : {}), arn, policies: [] };
      if (kind === 'role') {
        const trust = documentOf(r, 'assume_role_policy', 'trust policy');
        if (trust) p.policies.push(add({ kind: 'resource', name: `${name ?? r.name} trust policy`, text: pretty(trust) }));
        for (const block of records(r.values, 'inline_policy')) {
          const policyName = str(block, 'name');
          if (!policyName && !str(block, 'policy')) continue;
          const d = decodeDocument(block.policy);
          if (d.ok) p.policies.push(add({ kind: 'identity', name: `${name ?? r.name}/${policyName ?? 'inline'}`, text: pretty(d.value) }));
          else warn(`The inline policy ${code(policyName ?? '')} of ${code(r.address)} was left out: it ${d.error}.`);
        }
      }
      principals.push(p);
    }
  }

  /** The principal a resource's `role`/`user` attribute names, by value or by reference. */
  const owner = (r: Resource, attr: 'role' | 'user'): Principal | undefined => {
    const type = attr === 'role' ? 'aws_iam_role' : 'aws_iam_user';
    const value = str(r.values, attr);
    const found = value
      ? principals.find((p) => p.resource.type === type && (p.name === value || p.arn === value))
      : principals.find((p) => referenced(r, attr, type).includes(p.resource));
    if (!found) warn(`${code(r.address)} is attached to ${attr} ${code(value ?? 'known after apply')}, which is not in this output.`);
    return found;
  };

  const managed = new Map<Resource, ImportedPolicy>();
  for (const r of ofType('aws_iam_policy')) {
    const d = documentOf(r, 'policy', 'policy document');
    if (d) managed.set(r, add({ kind: 'identity', name: str(r.values, 'name') ?? r.address, text: pretty(d) }));
  }
  /** The `aws_iam_policy` an ARN attribute names, by value or by reference. */
  const policyFor = (r: Resource, attr: string, arn: string | undefined): ImportedPolicy | undefined => {
    const target = arn
      ? [...managed.keys()].find((m) => str(m.values, 'arn') === arn)
      : referenced(r, attr, 'aws_iam_policy').find((m) => managed.has(m));
    if (target) return managed.get(target);
    warn(`The policy ${code(arn ?? 'known after apply')} that ${code(r.address)} attaches is not in this output (an AWS managed or existing policy), so it was left out; add it by hand.`);
    return undefined;
  };

  for (const p of principals) {
    for (const arn of arr(p.resource.values, 'managed_policy_arns')) {
      if (typeof arn !== 'string') continue;
      const policy = policyFor(p.resource, 'managed_policy_arns', arn);
      if (policy) p.policies.push(policy);
    }
  }
  for (const [type, attr] of [['aws_iam_role_policy_attachment', 'role'], ['aws_iam_user_policy_attachment', 'user']] as const) {
    for (const r of ofType(type)) {
      const target = owner(r, attr);
      const policy = policyFor(r, 'policy_arn', str(r.values, 'policy_arn'));
      if (target && policy) target.policies.push(policy);
    }
  }
  for (const [type, attr] of [['aws_iam_role_policy', 'role'], ['aws_iam_user_policy', 'user']] as const) {
    for (const r of ofType(type)) {
      const d = documentOf(r, 'policy', 'policy document');
      if (!d) continue;
      const policy = add({ kind: 'identity', name: str(r.values, 'name') ?? r.address, text: pretty(d) });
      owner(r, attr)?.policies.push(policy);
    }
  }
  for (const p of principals) {
    const arn = str(p.resource.values, 'permissions_boundary');
    const refs = arn ? [] : referenced(p.resource, 'permissions_boundary', 'aws_iam_policy');
    if (!arn && refs.length === 0) continue;
    const policy = policyFor(p.resource, 'permissions_boundary', arn);
    if (policy) p.policies.push({ ...policy, kind: 'boundary' });
  }

  const repositories: string[] = [];
  for (const r of ofType('aws_ecr_repository_policy')) {
    const d = documentOf(r, 'policy', 'repository policy');
    const name = str(r.values, 'repository');
    if (!d) continue;
    add({ kind: 'resource', name: `${name ?? r.address} repository policy`, text: pretty(d) });
    if (!name) continue;
    const repo = ofType('aws_ecr_repository').find((x) => str(x.values, 'name') === name);
    const repoArn = repo ? str(repo.values, 'arn') : undefined;
    if (repoArn) {
      repositories.push(repoArn);
      continue;
    }
    const where = str(r.values, 'region') ?? region;
    if (!where) warn(`The output does not say the region, so \`${DEFAULT_REGION}\` was assumed for the repository ARN; give the region to change it.`);
    const registry = str(r.values, 'registry_id') ?? account;
    if (!registry) warn(`The registry of ${code(r.address)} is only known after apply; give the account id to fill in \`{{AccountId}}\`.`);
    repositories.push(repositoryArn(partition, where ?? DEFAULT_REGION, registry ?? '{{AccountId}}', name));
  }
  for (const r of ofType('aws_ecr_registry_policy')) {
    const d = documentOf(r, 'policy', 'registry policy');
    if (d) add({ kind: 'resource', name: 'registry policy', text: pretty(d) });
  }

  const requests: ImportedRequest[] = [];
  const extra: ImportedPrincipal[] = [];
  for (const r of ofType('aws_ecs_task_definition')) {
    const containers = decodeContainers(r.values.container_definitions);
    const td: JsonObject = {
      taskDefinitionArn: r.values.arn ?? null,
      taskRoleArn: r.values.task_role_arn ?? referenced(r, 'task_role_arn', 'aws_iam_role').map((x) => principals.find((p) => p.resource === x)?.arn ?? null)[0] ?? null,
      executionRoleArn:
        r.values.execution_role_arn ?? referenced(r, 'execution_role_arn', 'aws_iam_role').map((x) => principals.find((p) => p.resource === x)?.arn ?? null)[0] ?? null,
    };
    const shape = readTaskDefinition(td, containers);
    const result = taskRequests({ ...shape, region: shape.region ?? region, account: shape.account ?? account }, warnings);
    requests.push(...result.requests);
    extra.push(...result.principals.filter((x) => !principals.some((p) => p.arn === x.arn)));
  }

  const out: ImportedPrincipal[] = principals.map((p) => ({ arn: p.arn, type: p.type, policies: p.policies.map((x) => ({ ...x })) }));
  out.push(...extra);
  const roles = principals.filter((p) => p.type === 'role');
  const request: { principal?: string; resource?: string } = {};
  if (roles.length === 1) request.principal = roles[0].arn;
  if (repositories.length === 1) request.resource = repositories[0];
  const summary = [
    [roles.length, 'role'],
    [principals.length - roles.length, 'user'],
    [policies.filter((p) => p.kind !== 'resource').length, 'policy'],
    [repositories.length, 'repository policy'],
  ] as const;
  const described = summary.filter(([n]) => n > 0).map(([n, w]) => count(n, w));
  if (described.length === 0) warn('The output has no IAM, ECR or ECS resources that this import reads.');
  return {
    ok: true,
    format: plan ? 'terraform-plan' : 'terraform-state',
    source: `Terraform ${plan ? 'plan' : 'state'}${described.length ? ` with ${described.join(', ')}` : ''}`,
    policies,
    principals: out,
    ...(requests.length ? { requests } : {}),
    request,
    warnings,
  };
}

function decodeContainers(v: Json | undefined): JsonObject[] {
  if (typeof v !== 'string') return Array.isArray(v) ? v.filter(isRecord) : [];
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
  } catch {
    return [];
  }
}
