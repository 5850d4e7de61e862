// Single-entity IAM output: `aws iam get-role`, `get-role-policy`,
// `get-user-policy`, `get-group-policy`, `get-policy-version`, and
// `aws organizations describe-policy` (an SCP or RCP).
import type { PolicyKind } from '../types.ts';
import { arnAccount, code, decodeDocument, isRecord, obj, pretty, records, str, type JsonObject } from './text.ts';
import type { ImportResult } from './types.ts';

/** IAM tags (`[{Key, Value}]`) as a record, or undefined when there are none. */
export function tagsOf(list: JsonObject[]): Record<string, string> | undefined {
  const tags: Record<string, string> = {};
  for (const t of list) {
    const k = str(t, 'Key');
    if (k !== undefined) tags[k] = str(t, 'Value') ?? '';
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** Tags as request context keys, as AWS derives them for the caller. */
export function principalTagContext(tags: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!tags) return undefined;
  const context: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) context[`aws:PrincipalTag/${k}`] = v;
  return context;
}

/** `aws iam get-role`: the trust policy, the role as principal, and what the output leaves out. */
export function fromGetRole(o: JsonObject): ImportResult {
  const role = obj(o, 'Role') ?? {};
  const arn = str(role, 'Arn');
  const name = str(role, 'RoleName') ?? (arn ? arn.slice(arn.lastIndexOf('/') + 1) : 'role');
  if (!arn) return { ok: false, error: 'This `aws iam get-role` output has no `Role.Arn`.' };
  const trust = decodeDocument(role.AssumeRolePolicyDocument);
  if (!trust.ok) return { ok: false, error: `\`Role.AssumeRolePolicyDocument\` of this \`aws iam get-role\` output ${trust.error}.` };
  const warnings = [
    `\`aws iam get-role\` does not list the permission policies of ${code(name)}; add them from \`aws iam get-role-policy\` and \`aws iam get-policy-version\`, or import \`aws iam get-account-authorization-details\`.`,
  ];
  const boundary = str(obj(role, 'PermissionsBoundary'), 'PermissionsBoundaryArn');
  if (boundary) {
    warnings.push(`The permissions boundary ${code(boundary)} is only named here; add its document from \`aws iam get-policy-version\` as a boundary.`);
  }
  const policy = { kind: 'resource' as const, name: `${name} trust policy`, text: pretty(trust.value) };
  const tags = tagsOf(records(role, 'Tags'));
  const context = principalTagContext(tags);
  const account = arnAccount(arn);
  return {
    ok: true,
    format: 'iam-role',
    source: `IAM role ${code(name)}${account ? ` in ${account}` : ''}`,
    policies: [policy],
    principals: [{ arn, type: 'role', policies: [policy], ...(tags ? { tags } : {}) }],
    request: { principal: arn, ...(context ? { context } : {}) },
    warnings,
  };
}

const OWNERS: Array<{ key: string; word: string; command: string }> = [
  { key: 'RoleName', word: 'role', command: 'get-role-policy' },
  { key: 'UserName', word: 'user', command: 'get-user-policy' },
  { key: 'GroupName', word: 'group', command: 'get-group-policy' },
];

/** `aws iam get-role-policy` / `get-user-policy` / `get-group-policy`: one inline identity policy. */
export function fromInlinePolicy(o: JsonObject): ImportResult {
  const owner = OWNERS.find((x) => typeof o[x.key] === 'string');
  const name = str(o, 'PolicyName') ?? 'inline policy';
  const where = owner ? `this \`aws iam ${owner.command}\` output` : 'this output';
  const doc = decodeDocument(o.PolicyDocument);
  if (!doc.ok) return { ok: false, error: `\`PolicyDocument\` of ${where} ${doc.error}.` };
  const of = owner ? ` of ${owner.word} ${code(str(o, owner.key) ?? '')}` : '';
  return {
    ok: true,
    format: 'iam-inline-policy',
    source: `Inline policy ${code(name)}${of}`,
    policies: [{ kind: 'identity', name, text: pretty(doc.value) }],
    warnings: [],
  };
}

/** `aws iam get-policy-version`: a managed policy's version, which may be an identity policy or a boundary. */
export function fromPolicyVersion(o: JsonObject): ImportResult {
  const version = obj(o, 'PolicyVersion') ?? {};
  const id = str(version, 'VersionId') ?? '';
  const doc = decodeDocument(version.Document);
  if (!doc.ok) return { ok: false, error: `\`PolicyVersion.Document\` of this \`aws iam get-policy-version\` output ${doc.error}.` };
  const warnings = [
    'This output does not say whether the policy is attached as a permissions boundary, so it was imported as an identity policy; change its kind if it is a boundary.',
  ];
  if (version.IsDefaultVersion === false) {
    warnings.push(`Version ${code(id)} is not the default version, and AWS evaluates only the default version of a managed policy.`);
  }
  return {
    ok: true,
    format: 'iam-policy-version',
    source: `Managed policy version ${code(id || 'unknown')}`,
    policies: [{ kind: 'identity', name: id ? `policy version ${id}` : 'policy version', text: pretty(doc.value) }],
    warnings,
  };
}

const ORG_KINDS: Record<string, PolicyKind> = { SERVICE_CONTROL_POLICY: 'scp', RESOURCE_CONTROL_POLICY: 'rcp' };

/** The kind of an `aws organizations describe-policy` output: `scp`, `rcp`, or undefined for other policy types. */
export function organizationsKind(o: JsonObject): PolicyKind | undefined {
  return ORG_KINDS[str(obj(obj(o, 'Policy'), 'PolicySummary'), 'Type') ?? ''];
}

/** `aws organizations describe-policy`: `Policy.PolicySummary.Type` says SCP or RCP, `Policy.Content` holds it. */
export function fromOrganizationsPolicy(o: JsonObject): ImportResult {
  const policy = obj(o, 'Policy') ?? {};
  const summary = obj(policy, 'PolicySummary') ?? {};
  const type = str(summary, 'Type') ?? '';
  const kind = ORG_KINDS[type];
  if (!kind) {
    return { ok: false, error: `This organization policy is of type ${code(type || 'unknown')}; only service control and resource control policies take part in authorization.` };
  }
  const doc = decodeDocument(policy.Content);
  if (!doc.ok) return { ok: false, error: `\`Policy.Content\` of this \`aws organizations describe-policy\` output ${doc.error}.` };
  const name = str(summary, 'Name') ?? (kind === 'scp' ? 'SCP' : 'RCP');
  return {
    ok: true,
    format: 'organizations-policy',
    source: `${kind === 'scp' ? 'Service control policy' : 'Resource control policy'} ${code(name)}`,
    policies: [{ kind, name, text: pretty(doc.value) }],
    warnings: [],
  };
}

/** True for `aws iam get-policy` output, which names a managed policy but holds no document. */
export function isGetPolicy(o: JsonObject): boolean {
  const p = o.Policy;
  return isRecord(p) && typeof p.DefaultVersionId === 'string' && !('Content' in p);
}

export function getPolicyError(o: JsonObject): string {
  const p = obj(o, 'Policy');
  const arn = str(p, 'Arn') ?? '<policy ARN>';
  const version = str(p, 'DefaultVersionId') ?? 'v1';
  return `\`aws iam get-policy\` prints no policy document; run \`aws iam get-policy-version --policy-arn ${arn} --version-id ${version}\` and paste that instead.`;
}
