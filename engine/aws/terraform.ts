// `terraform show -json` of a plan (`planned_values.root_module`) or a state
// (`values.root_module`), modules nested in `child_modules` (Terraform, "JSON
// output format"). Attributes a plan only knows after apply are absent from
// `values`; links to them are followed through `configuration`'s expression
// references instead.
import { repositoryArn, DEFAULT_REGION } from './ecr.ts';
import { readTaskDefinition, taskRequests } from './ecs.ts';
import { arnAccount, arr, code, decodeDocument, describeDefinitions, isRecord, obj, partitionOf, pretty, records, str, type Json, type JsonObject } from './text.ts';
import type { ImportedPolicy, ImportedPrincipal, ImportedRequest, ImportOptions, ImportResult } from './types.ts';

interface Resource {
  address: string;
  /** `module.a.module.b`, or '' at the root, without instance keys (`[0]`). */
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
  /** Names of the inline policies the role's `inline_policy` blocks already give (a state lists them all). */
  inline: Set<string>;
}

/** Adds a policy once: a state lists attachments both in `managed_policy_arns` and as their own resources. */
function attach(p: Principal, policy: ImportedPolicy): void {
  if (!p.policies.includes(policy)) p.policies.push(policy);
}

export function isTerraform(o: JsonObject): boolean {
  return typeof o.format_version === 'string' && (isRecord(o.planned_values) || isRecord(o.values) || typeof o.terraform_version === 'string');
}

function walk(module: JsonObject | undefined, out: JsonObject[]): void {
  if (!module) return;
  out.push(...records(module, 'resources'));
  for (const child of records(module, 'child_modules')) walk(child, out);
}

const INSTANCE_KEY = /\[[^\]]*\]/g;

/** The configuration module at a module path (`module.a.module.b`). */
function configModule(root: JsonObject | undefined, path: string): JsonObject | undefined {
  let m = root;
  for (const name of path.split('.').filter((_, i) => i % 2 === 1)) m = obj(obj(obj(m, 'module_calls'), name), 'module');
  return m;
}

/** The references of an expression (`{"references": ["aws_iam_policy.p.arn", "aws_iam_policy.p"]}`). */
function references(expression: JsonObject | undefined): string[] {
  return arr(expression, 'references').filter((x): x is string => typeof x === 'string');
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
      const module = (at > 0 ? address.slice(0, at - 1) : '').replace(INSTANCE_KEY, '');
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

  /** Resources of a type that references reach, following module outputs (`module.x.arn`) and inputs (`var.x`). */
  const follow = (module: string, refs: string[], type: string, depth: number): Resource[] => {
    const found: Resource[] = [];
    for (const ref of refs) {
      const parts = ref.replace(INSTANCE_KEY, '').split('.');
      if (parts[0] === type && parts[1]) {
        found.push(...resources.filter((o) => o.type === type && o.module === module && o.name === parts[1]));
      } else if (depth < 16 && parts[0] === 'module' && parts[1] && parts[2]) {
        const child = `${module ? `${module}.` : ''}module.${parts[1]}`;
        const output = obj(obj(obj(configModule(configRoot, child), 'outputs'), parts[2]), 'expression');
        found.push(...follow(child, references(output), type, depth + 1));
      } else if (depth < 16 && parts[0] === 'var' && parts[1] && module) {
        const segments = module.split('.');
        const parent = segments.slice(0, -2).join('.');
        const call = obj(obj(configModule(configRoot, parent), 'module_calls'), segments[segments.length - 1]);
        found.push(...follow(parent, references(obj(obj(call, 'expressions'), parts[1])), type, depth + 1));
      }
    }
    return [...new Set(found)];
  };
  /** Resources an attribute's configuration expression refers to. */
  const referenced = (r: Resource, attr: string, type: string): Resource[] => follow(r.module, references(obj(obj(r.config, 'expressions'), attr)), type, 0);
  /** The references of an attribute a plan only knows after apply (absent from `values`). */
  const unknownRefs = (r: Resource, attr: string): string[] => (r.values[attr] === undefined ? references(obj(obj(r.config, 'expressions'), attr)) : []);

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
      const p: Principal = { resource: r, type: kind, ...(name ? { name } : {}), arn, policies: [], inline: new Set() };
      if (kind === 'role') {
        const trust = documentOf(r, 'assume_role_policy', 'trust policy');
        if (trust) p.policies.push(add({ kind: 'resource', name: `${name ?? r.name} trust policy`, text: pretty(trust) }));
        for (const block of records(r.values, 'inline_policy')) {
          const policyName = str(block, 'name');
          if (!policyName && !str(block, 'policy')) continue;
          const d = decodeDocument(block.policy);
          if (policyName) p.inline.add(policyName);
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
  const missing = new Set<string>();
  const asBoundary = new Set<ImportedPolicy>();
  const asIdentity = new Set<ImportedPolicy>();
  /** The `aws_iam_policy` an ARN attribute names, by value or by reference. */
  const policyFor = (r: Resource, attr: string, arn: string | undefined, kind: 'identity' | 'boundary'): ImportedPolicy | undefined => {
    const target = arn
      ? [...managed.keys()].find((m) => str(m.values, 'arn') === arn)
      : referenced(r, attr, 'aws_iam_policy').find((m) => managed.has(m));
    const policy = target ? managed.get(target) : undefined;
    if (policy) {
      (kind === 'boundary' ? asBoundary : asIdentity).add(policy);
      return policy;
    }
    const key = arn ?? `${r.address}.${attr}`;
    if (missing.has(key)) return undefined;
    missing.add(key);
    if (arn) warn(`The policy ${code(arn)} that ${code(r.address)} attaches is not in this output (an AWS managed or existing policy), so it was left out; add it by hand.`);
    else warn(`The ${kind === 'boundary' ? 'permissions boundary' : 'policy'} that ${code(r.address)} attaches is only known after apply (${unknownRefs(r, attr).map((x) => code(x)).join(', ') || 'no reference'}), so it was left out.`);
    return undefined;
  };

  for (const p of principals) {
    for (const arn of arr(p.resource.values, 'managed_policy_arns')) {
      if (typeof arn !== 'string') continue;
      const policy = policyFor(p.resource, 'managed_policy_arns', arn, 'identity');
      if (policy) attach(p, policy);
    }
  }
  for (const [type, attr] of [['aws_iam_role_policy_attachment', 'role'], ['aws_iam_user_policy_attachment', 'user']] as const) {
    for (const r of ofType(type)) {
      const target = owner(r, attr);
      const policy = policyFor(r, 'policy_arn', str(r.values, 'policy_arn'), 'identity');
      if (target && policy) attach(target, policy);
    }
  }
  for (const [type, attr] of [['aws_iam_role_policy', 'role'], ['aws_iam_user_policy', 'user']] as const) {
    for (const r of ofType(type)) {
      const target = owner(r, attr);
      const name = str(r.values, 'name');
      // The role's own `inline_policy` blocks already hold it.
      if (name && target?.inline.has(name)) continue;
      const d = documentOf(r, 'policy', 'policy document');
      if (!d) continue;
      const policy = add({ kind: 'identity', name: name ?? r.address, text: pretty(d) });
      if (target) attach(target, policy);
    }
  }
  for (const p of principals) {
    const arn = str(p.resource.values, 'permissions_boundary');
    if (!arn && unknownRefs(p.resource, 'permissions_boundary').length === 0) continue;
    const policy = policyFor(p.resource, 'permissions_boundary', arn, 'boundary');
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
    const role = (attr: string): Json => {
      const known = r.values[attr];
      if (typeof known === 'string') return known;
      const linked = referenced(r, attr, 'aws_iam_role').map((x) => principals.find((p) => p.resource === x)?.arn)[0];
      if (!linked && unknownRefs(r, attr).length > 0) warn(`The ${attr === 'task_role_arn' ? 'task' : 'execution'} role of ${code(r.address)} is only known after apply and not in this output.`);
      return linked ?? null;
    };
    const td: JsonObject = { taskDefinitionArn: r.values.arn ?? null, taskRoleArn: role('task_role_arn'), executionRoleArn: role('execution_role_arn') };
    const shape = readTaskDefinition(td, containers);
    const known = new Set(principals.map((p) => p.arn));
    const result = taskRequests({ ...shape, region: shape.region ?? region, account: shape.account ?? account }, warnings, known);
    requests.push(...result.requests);
    extra.push(...result.principals.filter((x) => !principals.some((p) => p.arn === x.arn)));
  }

  // A policy used only as a boundary is listed as one.
  for (const p of asBoundary) if (!asIdentity.has(p)) p.kind = 'boundary';
  const out: ImportedPrincipal[] = principals.map((p) => ({ arn: p.arn, type: p.type, policies: p.policies.map((x) => ({ ...x })) }));
  out.push(...extra);
  const { described, request } = describeDefinitions(principals, policies, repositories);
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
