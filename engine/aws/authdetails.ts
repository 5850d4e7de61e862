// `aws iam get-account-authorization-details`: every role and user with all of
// its policies resolved. Documents are URL-encoded strings in the raw API and
// objects once the CLI decodes them; only the default version of a managed
// policy counts (IAM API reference, GetAccountAuthorizationDetails).
import { tagsOf } from './iam.ts';
import { arnAccount, arr, code, count, decodeDocument, obj, pretty, records, str, type JsonObject } from './text.ts';
import type { ImportedPolicy, ImportedPrincipal, ImportResult } from './types.ts';

export interface AccountDetails {
  principals: ImportedPrincipal[];
  warnings: string[];
  roles: number;
  users: number;
  groups: number;
  managedPolicies: number;
  account?: string;
}

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** True for output of `get-account-authorization-details` (any of its four lists). */
export function isAccountDetails(o: JsonObject): boolean {
  return LISTS.some((k) => Array.isArray(o[k]) && (k !== 'Policies' || records(o, k).some((p) => 'PolicyVersionList' in p)));
}

interface Managed {
  name: string;
  /** Undefined when the output has no default version for it. */
  doc?: JsonObject;
}

interface Group {
  inline: ImportedPolicy[];
  managed: string[];
}

/** Several pages of the output (or several files) read as one. */
export function mergeAccountDetails(list: JsonObject[]): JsonObject {
  const merged: JsonObject = {};
  for (const k of LISTS) merged[k] = list.flatMap((o) => records(o, k));
  const truncated = list.find((o) => o.IsTruncated === true);
  if (truncated) merged.IsTruncated = true;
  return merged;
}

export function readAccountDetails(o: JsonObject): AccountDetails {
  const warnings: string[] = [];
  if (o.IsTruncated === true) {
    warnings.push('The output is truncated (`IsTruncated` is true), so principals and policies may be missing; run the command again without `--max-items`.');
  }
  const managed = new Map<string, Managed>();
  for (const p of records(o, 'Policies')) {
    const arn = str(p, 'Arn');
    if (!arn) continue;
    const versions = records(p, 'PolicyVersionList');
    const def = versions.find((v) => v.IsDefaultVersion === true) ?? versions.find((v) => str(v, 'VersionId') === str(p, 'DefaultVersionId'));
    const name = str(p, 'PolicyName') ?? arn.slice(arn.lastIndexOf('/') + 1);
    const doc = def ? decodeDocument(def.Document) : undefined;
    if (doc && !doc.ok) warnings.push(`The default version of the managed policy ${code(name)} could not be read: its document ${doc.error}.`);
    managed.set(arn, { name, doc: doc?.ok ? doc.value : undefined });
  }

  const missing = new Map<string, { name: string; users: Set<string> }>();
  const inline = (owner: string, list: JsonObject[], prefix = ''): ImportedPolicy[] => {
    const out: ImportedPolicy[] = [];
    for (const p of list) {
      const name = str(p, 'PolicyName') ?? 'inline policy';
      const doc = decodeDocument(p.PolicyDocument);
      if (doc.ok) out.push({ kind: 'identity', name: prefix + name, text: pretty(doc.value) });
      else warnings.push(`The inline policy ${code(name)} of ${code(owner)} was left out: its document ${doc.error}.`);
    }
    return out;
  };
  const attach = (owner: string, arn: string, label: string | undefined, kind: 'identity' | 'boundary'): ImportedPolicy | undefined => {
    const m = managed.get(arn);
    if (m?.doc) return { kind, name: m.name, text: pretty(m.doc) };
    const name = m?.name ?? label ?? arn.slice(arn.lastIndexOf('/') + 1);
    const entry = missing.get(arn) ?? { name, users: new Set<string>() };
    entry.users.add(owner);
    missing.set(arn, entry);
    return undefined;
  };
  const attachedArns = (list: JsonObject[]) => list.map((a) => ({ arn: str(a, 'PolicyArn') ?? '', name: str(a, 'PolicyName') })).filter((a) => a.arn);

  const groups = new Map<string, Group>();
  for (const g of records(o, 'GroupDetailList')) {
    const name = str(g, 'GroupName');
    if (!name) continue;
    groups.set(name, {
      inline: inline(`group/${name}`, records(g, 'GroupPolicyList'), `${name}/`),
      managed: attachedArns(records(g, 'AttachedManagedPolicies')).map((a) => a.arn),
    });
  }

  const principals: ImportedPrincipal[] = [];
  const build = (e: JsonObject, type: 'role' | 'user'): void => {
    const arn = str(e, 'Arn');
    const entityName = str(e, type === 'role' ? 'RoleName' : 'UserName') ?? '';
    if (!arn) {
      warnings.push(`The ${type} ${code(entityName || 'without a name')} has no \`Arn\` and was left out.`);
      return;
    }
    const policies: ImportedPolicy[] = [];
    const seen = new Set<string>();
    if (type === 'role') {
      const trust = decodeDocument(e.AssumeRolePolicyDocument);
      if (trust.ok) policies.push({ kind: 'resource', name: `${entityName} trust policy`, text: pretty(trust.value) });
      else warnings.push(`The trust policy of ${code(arn)} was left out: it ${trust.error}.`);
    }
    policies.push(...inline(arn, records(e, type === 'role' ? 'RolePolicyList' : 'UserPolicyList')));
    for (const a of attachedArns(records(e, 'AttachedManagedPolicies'))) {
      seen.add(a.arn);
      const p = attach(arn, a.arn, a.name, 'identity');
      if (p) policies.push(p);
    }
    if (type === 'user') {
      for (const g of arr(e, 'GroupList')) {
        if (typeof g !== 'string') continue;
        const group = groups.get(g);
        if (!group) {
          warnings.push(`The user ${code(arn)} is in the group ${code(g)}, which is not in this output, so that group's policies are missing.`);
          continue;
        }
        policies.push(...group.inline);
        for (const m of group.managed) {
          if (seen.has(m)) continue;
          seen.add(m);
          const p = attach(arn, m, undefined, 'identity');
          if (p) policies.push(p);
        }
      }
    }
    const boundary = str(obj(e, 'PermissionsBoundary'), 'PermissionsBoundaryArn');
    if (boundary) {
      const p = attach(arn, boundary, undefined, 'boundary');
      if (p) policies.push(p);
    }
    const tags = tagsOf(records(e, 'Tags'));
    principals.push({ arn, type, policies, ...(tags ? { tags } : {}) });
  };
  for (const r of records(o, 'RoleDetailList')) build(r, 'role');
  for (const u of records(o, 'UserDetailList')) build(u, 'user');

  for (const [arn, m] of missing) {
    const why = managed.has(arn) ? 'has no default version in this output' : 'is not in this output';
    warnings.push(`The managed policy ${code(m.name)} (${code(arn)}), attached to ${count(m.users.size, 'principal')}, ${why}, so it was left out; add its default version by hand.`);
  }
  const account = principals.map((p) => arnAccount(p.arn)).find((a) => a !== undefined);
  return {
    principals,
    warnings,
    roles: records(o, 'RoleDetailList').length,
    users: records(o, 'UserDetailList').length,
    groups: groups.size,
    managedPolicies: managed.size,
    ...(account ? { account } : {}),
  };
}

export function fromAccountDetails(o: JsonObject): ImportResult {
  const d = readAccountDetails(o);
  const what = [count(d.roles, 'role'), count(d.users, 'user'), count(d.groups, 'group'), count(d.managedPolicies, 'managed policy')];
  return {
    ok: true,
    format: 'iam-account-details',
    source: `Account authorization details${d.account ? ` of ${d.account}` : ''}: ${what.join(', ')}`,
    policies: [],
    principals: d.principals,
    warnings: d.warnings,
  };
}
