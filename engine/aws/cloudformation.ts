// CloudFormation templates (JSON, or YAML read by ./yaml.ts): IAM roles, users,
// groups and their policies, ECR repository and registry policies, and ECS
// task definitions, as the CloudFormation resource reference defines them.
import { Resolver, NO_VALUE, hasPlaceholder } from './intrinsics.ts';
import { repositoryArn } from './ecr.ts';
import { taskRequests, type TaskShape } from './ecs.ts';
import { code, decodeDocument, describeDefinitions, isRecord, obj, pretty, records, type Json, type JsonObject } from './text.ts';
import type { ImportedPolicy, ImportedPrincipal, ImportedRequest, ImportOptions, ImportResult } from './types.ts';

type IdentityType = 'role' | 'user' | 'group';

interface Identity {
  id: string;
  type: IdentityType;
  name: string;
  arn: string;
  policies: ImportedPolicy[];
  /** For users: the names of their groups. */
  groups: string[];
}

const IDENTITY_TYPES: Record<string, { type: IdentityType; nameProp: string }> = {
  'AWS::IAM::Role': { type: 'role', nameProp: 'RoleName' },
  'AWS::IAM::User': { type: 'user', nameProp: 'UserName' },
  'AWS::IAM::Group': { type: 'group', nameProp: 'GroupName' },
};

const NAME_PROPS: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::ECR::Repository': 'RepositoryName',
};

/** Policies attached through a list of role, user or group names. */
const ATTACH_LISTS: Array<[string, IdentityType]> = [
  ['Roles', 'role'],
  ['Users', 'user'],
  ['Groups', 'group'],
];

const INLINE_TYPES: Record<string, [string, IdentityType]> = {
  'AWS::IAM::RolePolicy': ['RoleName', 'role'],
  'AWS::IAM::UserPolicy': ['UserName', 'user'],
  'AWS::IAM::GroupPolicy': ['GroupName', 'group'],
};

export function isCloudFormation(o: JsonObject): boolean {
  if ('AWSTemplateFormatVersion' in o) return true;
  const resources = obj(o, 'Resources');
  return !!resources && Object.values(resources).some((r) => isRecord(r) && typeof r.Type === 'string' && r.Type.includes('::'));
}

export function fromCloudFormation(template: JsonObject, options: ImportOptions): ImportResult {
  const resources = obj(template, 'Resources') ?? {};
  const props = (r: JsonObject): JsonObject => obj(r, 'Properties') ?? {};
  const naming = new Set<string>();
  // Answers `Ref` and `Fn::GetAtt` on the template's own resources.
  const resolver: Resolver = new Resolver(template, options, (id, resource, attribute) => {
    const type = typeof resource.Type === 'string' ? resource.Type : '';
    const name = () => nameOf(id, resource);
    const path = () => pathOf(resource);
    const iam = (kind: string) => `arn:${resolver.partition()}:iam::${resolver.account()}:${kind}${path()}${name()}`;
    switch (type) {
      case 'AWS::IAM::Role':
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group': {
        if (attribute === undefined) return name();
        return attribute === 'Arn' ? iam(IDENTITY_TYPES[type].type) : undefined;
      }
      case 'AWS::IAM::ManagedPolicy':
        return attribute === undefined || attribute === 'PolicyArn' ? iam('policy') : undefined;
      case 'AWS::IAM::InstanceProfile':
        return attribute === undefined ? name() : undefined;
      case 'AWS::ECR::Repository':
        if (attribute === undefined) return name();
        if (attribute === 'Arn') return repositoryArn(resolver.partition(), resolver.region(), resolver.account(), name());
        if (attribute === 'RepositoryUri') return `${resolver.account()}.dkr.ecr.${resolver.region()}.${resolver.urlSuffix()}/${name()}`;
        return undefined;
      default:
        return undefined;
    }
  });

  function nameOf(id: string, resource: JsonObject): string {
    const type = String(resource.Type);
    const prop = NAME_PROPS[type];
    const given = prop && !naming.has(id) ? props(resource)[prop] : undefined;
    if (given !== undefined) {
      naming.add(id);
      const r = resolver.resolve(given);
      naming.delete(id);
      if (typeof r === 'string') return r;
    }
    resolver.warn(`The resource ${code(id)} has no \`${prop ?? 'name'}\`, so CloudFormation will generate its name; the logical id stands in for it.`);
    return type === 'AWS::ECR::Repository' ? id.toLowerCase() : id;
  }

  function pathOf(resource: JsonObject): string {
    const p = props(resource).Path;
    const r = p === undefined ? '/' : resolver.resolve(p);
    return typeof r === 'string' && r.startsWith('/') && r.endsWith('/') ? r : '/';
  }

  const strings = (v: Json | undefined): string[] => {
    if (v === undefined) return [];
    const r = resolver.resolve(v);
    const list = Array.isArray(r) ? r : r === NO_VALUE ? [] : [r];
    return list.filter((x): x is string => typeof x === 'string');
  };

  function documentOf(v: Json | undefined, where: string): JsonObject | undefined {
    if (v === undefined) {
      resolver.warn(`${where} has no policy document and was left out.`);
      return undefined;
    }
    const r = resolver.resolve(v);
    const d = decodeDocument(r === NO_VALUE ? undefined : r);
    if (!d.ok) {
      resolver.warn(`${where} was left out: its policy document ${d.error}.`);
      return undefined;
    }
    return d.value;
  }

  const live = Object.entries(resources).filter((entry): entry is [string, JsonObject] => {
    const [id, r] = entry;
    if (!isRecord(r)) return false;
    if (typeof r.Condition !== 'string') return true;
    const decided = resolver.condition(r.Condition);
    if (decided === false) resolver.warn(`The resource ${code(id)} was left out: its condition ${code(r.Condition)} is false.`);
    if (decided === undefined) resolver.warn(`The resource ${code(id)} was kept although its condition ${code(r.Condition)} cannot be decided.`);
    return decided !== false;
  });

  const policies: ImportedPolicy[] = [];
  const identities = new Map<string, Identity>();
  const byName = (type: IdentityType, name: string) => identities.get(`${type}:${name}`);
  const managedById = new Map<string, ImportedPolicy>();
  const extra: ImportedPrincipal[] = [];
  const asBoundary = new Set<ImportedPolicy>();
  const asIdentity = new Set<ImportedPolicy>();
  const repositories: string[] = [];
  const requests: ImportedRequest[] = [];
  let taskDefinitions = 0;

  // First the identities and managed policies, so that attachments can find them.
  for (const [id, r] of live) {
    const type = String(r.Type);
    const p = props(r);
    const spec = IDENTITY_TYPES[type];
    if (spec) {
      const name = nameOf(id, r);
      const arn = `arn:${resolver.partition()}:iam::${resolver.account()}:${spec.type}${pathOf(r)}${name}`;
      const identity: Identity = { id, type: spec.type, name, arn, policies: [], groups: spec.type === 'user' ? strings(p.Groups) : [] };
      if (spec.type === 'role') {
        const trust = documentOf(p.AssumeRolePolicyDocument, `The trust policy of ${code(id)}`);
        if (trust) identity.policies.push(add({ kind: 'resource', name: `${id} trust policy`, text: pretty(trust) }));
      }
      for (const inline of records(p, 'Policies')) {
        const policyName = typeof inline.PolicyName === 'string' ? inline.PolicyName : 'policy';
        const doc = documentOf(inline.PolicyDocument, `The policy ${code(policyName)} of ${code(id)}`);
        if (doc) identity.policies.push(add({ kind: 'identity', name: `${id}/${policyName}`, text: pretty(doc) }));
      }
      identities.set(`${spec.type}:${name}`, identity);
    } else if (type === 'AWS::IAM::ManagedPolicy') {
      const name = nameOf(id, r);
      const doc = documentOf(p.PolicyDocument, `The managed policy ${code(id)}`);
      if (!doc) continue;
      managedById.set(id, add({ kind: 'identity', name, text: pretty(doc) }));
    }
  }

  /** The template's managed policy an entry names: by `Ref` to it, or by the ARN it will have. */
  const managedFor = (entry: Json): { policy?: ImportedPolicy; arn: string } => {
    if (isRecord(entry) && typeof entry.Ref === 'string' && managedById.has(entry.Ref)) return { policy: managedById.get(entry.Ref), arn: entry.Ref };
    const arn = strings(entry)[0] ?? '';
    for (const [id, policy] of managedById) {
      const resource = resources[id];
      if (isRecord(resource) && `arn:${resolver.partition()}:iam::${resolver.account()}:policy${pathOf(resource)}${nameOf(id, resource)}` === arn) return { policy, arn };
    }
    return { arn };
  };
  const attachManaged = (identity: Identity, entry: Json, kind: 'identity' | 'boundary') => {
    const { policy, arn } = managedFor(entry);
    if (!policy && !arn) return;
    if (!policy) {
      const what = kind === 'boundary' ? 'permissions boundary' : 'managed policy';
      resolver.warn(`The ${what} ${code(arn)} of ${code(identity.id)} is not defined in this template, so it was left out; add it by hand.`);
      return;
    }
    (kind === 'boundary' ? asBoundary : asIdentity).add(policy);
    identity.policies.push(kind === 'boundary' ? { ...policy, kind: 'boundary' } : policy);
  };
  const attachByName = (policy: ImportedPolicy, type: IdentityType, name: string, from: string) => {
    const identity = byName(type, name);
    if (identity) identity.policies.push(policy);
    else resolver.warn(`${code(from)} is attached to the ${type} ${code(name)}, which is not in this template.`);
  };

  for (const [id, r] of live) {
    const type = String(r.Type);
    const p = props(r);
    const spec = IDENTITY_TYPES[type];
    if (spec) {
      const identity = identities.get(`${spec.type}:${nameOf(id, r)}`);
      if (!identity) continue;
      const list = p.ManagedPolicyArns;
      for (const entry of Array.isArray(list) ? list : list === undefined ? [] : [list]) attachManaged(identity, entry, 'identity');
      if (p.PermissionsBoundary !== undefined) attachManaged(identity, p.PermissionsBoundary, 'boundary');
    } else if (type === 'AWS::IAM::ManagedPolicy' || type === 'AWS::IAM::Policy') {
      let policy: ImportedPolicy | undefined;
      if (type === 'AWS::IAM::ManagedPolicy') {
        policy = managedById.get(id);
        if (policy && ATTACH_LISTS.some(([list]) => strings(p[list]).length > 0)) asIdentity.add(policy);
      } else {
        const name = typeof p.PolicyName === 'string' ? p.PolicyName : id;
        const doc = documentOf(p.PolicyDocument, `The policy ${code(id)}`);
        if (doc) policy = add({ kind: 'identity', name, text: pretty(doc) });
      }
      if (!policy) continue;
      for (const [list, kind] of ATTACH_LISTS) for (const name of strings(p[list])) attachByName(policy, kind, name, id);
    } else if (INLINE_TYPES[type]) {
      const [prop, kind] = INLINE_TYPES[type];
      const name = typeof p.PolicyName === 'string' ? p.PolicyName : id;
      const doc = documentOf(p.PolicyDocument, `The policy ${code(id)}`);
      const owner = strings(p[prop])[0];
      if (!doc) continue;
      const policy = add({ kind: 'identity', name, text: pretty(doc) });
      if (owner) attachByName(policy, kind, owner, id);
    } else if (type === 'AWS::ECR::Repository') {
      if (p.RepositoryPolicyText === undefined) continue;
      const name = nameOf(id, r);
      const doc = documentOf(p.RepositoryPolicyText, `The repository policy of ${code(id)}`);
      if (!doc) continue;
      add({ kind: 'resource', name: `${name} repository policy`, text: pretty(doc) });
      repositories.push(repositoryArn(resolver.partition(), resolver.region(), resolver.account(), name));
    } else if (type === 'AWS::ECR::RegistryPolicy') {
      const doc = documentOf(p.PolicyText, `The registry policy ${code(id)}`);
      if (doc) add({ kind: 'resource', name: 'registry policy', text: pretty(doc) });
    } else if (type === 'AWS::ECS::TaskDefinition') {
      taskDefinitions++;
      const known = new Set([...identities.values()].map((i) => i.arn));
      const { requests: tests, principals } = taskRequests(taskShape(p), resolver.warnings, known);
      requests.push(...tests);
      for (const pr of principals) if (![...identities.values()].some((i) => i.arn === pr.arn)) extra.push(pr);
    }
  }

  function add(policy: ImportedPolicy): ImportedPolicy {
    policies.push(policy);
    return policy;
  }

  function taskShape(p: JsonObject): TaskShape {
    const role = (v: Json | undefined) => strings(v)[0];
    const containers = (() => {
      const r = p.ContainerDefinitions === undefined ? [] : resolver.resolve(p.ContainerDefinitions);
      return Array.isArray(r) ? r.filter(isRecord) : [];
    })();
    const region = resolver.region();
    const account = resolver.account();
    return {
      taskRoleArn: role(p.TaskRoleArn),
      executionRoleArn: role(p.ExecutionRoleArn),
      containers: containers.map((c) => {
        const image = typeof c.Image === 'string' ? c.Image : undefined;
        return {
          name: typeof c.Name === 'string' ? c.Name : 'container',
          image,
          secrets: records(c, 'Secrets').map((s) => s.ValueFrom).filter((s): s is string => typeof s === 'string'),
          credentialsParameter: typeof obj(c, 'RepositoryCredentials')?.CredentialsParameter === 'string' ? String(obj(c, 'RepositoryCredentials')?.CredentialsParameter) : undefined,
        };
      }),
      ...(hasPlaceholder(region) ? {} : { region }),
      ...(hasPlaceholder(account) ? {} : { account }),
    };
  }

  // A policy used only as a boundary is listed as one.
  for (const p of asBoundary) if (!asIdentity.has(p)) p.kind = 'boundary';

  const principals: ImportedPrincipal[] = [];
  for (const identity of identities.values()) {
    if (identity.type === 'group') continue;
    const list = [...identity.policies];
    for (const g of identity.groups) {
      const group = byName('group', g);
      if (group) list.push(...group.policies.filter((x) => !list.includes(x)));
      else resolver.warn(`The user ${code(identity.id)} is in the group ${code(g)}, which is not in this template.`);
    }
    principals.push({ arn: identity.arn, type: identity.type, policies: list.map((x) => ({ ...x })) });
  }
  principals.push(...extra);

  const { described, request } = describeDefinitions(principals, policies, repositories, [[taskDefinitions, 'task definition']]);
  if (described.length === 0) resolver.warn('The template defines no IAM, ECR or ECS resources that this import reads.');
  return {
    ok: true,
    format: 'cloudformation',
    source: `CloudFormation template${described.length ? ` with ${described.join(', ')}` : ''}`,
    policies,
    principals,
    ...(requests.length ? { requests } : {}),
    request,
    warnings: resolver.warnings,
  };
}
