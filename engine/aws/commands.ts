// "AWS out": the AWS CLI commands that check a workspace against AWS itself,
// `aws iam simulate-custom-policy` and `aws accessanalyzer validate-policy`
// (IAM and IAM Access Analyzer API references), as text for a POSIX shell.
import { getConditionKey, type ConditionKeyType } from '../catalog/index.ts';
import { parsePrincipal, type PrincipalKind } from '../evaluate/principal.ts';
import { parsePolicy } from '../policy/parse.ts';
import type { PolicyKind } from '../types.ts';
import { count } from './text.ts';
import type { CommandInput, CommandResult } from './types.ts';

/** One word for a POSIX shell: bare when it is plainly safe, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line, one option per line, continued with `\`. */
function commandLine(head: string, options: Array<[string, string[]]>): string {
  const lines = [head, ...options.map(([flag, values]) => `  ${[flag, ...values.map(shellQuote)].join(' ')}`)];
  return lines.join(' \\\n');
}

/** The policy on one line (AWS takes it as a string), or the text as given when it is not JSON. */
function minified(text: string, name: string, notes: string[]): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    notes.push(`The policy \`${name}\` is not valid JSON, so it was passed as written and AWS will reject it.`);
    return text;
  }
}

const CONTEXT_TYPES: Record<string, string> = {
  String: 'string',
  ARN: 'string',
  Bool: 'boolean',
  Numeric: 'numeric',
  Date: 'date',
  IPAddress: 'ip',
  Binary: 'binary',
};

/** The `ContextKeyType` AWS expects for a key: from the catalog, a list when several values are given. */
function contextType(key: string, values: string[]): string {
  const type: ConditionKeyType | undefined = getConditionKey(key)?.type;
  const base = type ? CONTEXT_TYPES[type.replace(/^ArrayOf/, '')] ?? 'string' : 'string';
  return type?.startsWith('ArrayOf') || values.length > 1 ? `${base}List` : base;
}

const SHORTHAND_SAFE = /^[^\s,=[\]{}"'\\]*$/;

function contextEntries(context: Record<string, string | string[]>): string[] {
  const entries = Object.entries(context).map(([key, v]) => {
    const values = Array.isArray(v) ? v.map(String) : [String(v)];
    return { key, values, type: contextType(key, values) };
  });
  // Shorthand syntax cannot carry commas, spaces or brackets; JSON can carry anything.
  if (entries.every((e) => SHORTHAND_SAFE.test(e.key) && e.values.every((x) => SHORTHAND_SAFE.test(x) && x !== ''))) {
    return entries.map((e) => `ContextKeyName=${e.key},ContextKeyValues=${e.values.join(',')},ContextKeyType=${e.type}`);
  }
  return [JSON.stringify(entries.map((e) => ({ ContextKeyName: e.key, ContextKeyValues: e.values, ContextKeyType: e.type })))];
}

/** Condition keys the policies read, as written. */
function conditionKeys(texts: Array<{ text: string; kind: PolicyKind }>): string[] {
  const keys = new Map<string, string>();
  for (const { text, kind } of texts) {
    for (const s of parsePolicy(text, kind).policy?.statements ?? []) {
      for (const c of s.condition ?? []) if (!keys.has(c.key.value.toLowerCase())) keys.set(c.key.value.toLowerCase(), c.key.value);
    }
  }
  return [...keys.values()];
}

const CALLER_WORDS: Record<PrincipalKind, string> = {
  user: 'an IAM user',
  role: 'a role',
  'assumed-role': 'a role session',
  'federated-user': 'a federated user',
  root: "an account's root user",
  service: 'a service principal',
  federated: 'a federated principal',
  anonymous: 'an anonymous caller',
};

/** `aws iam simulate-custom-policy` for a workspace's request, and what AWS's simulator cannot check. */
export function simulateCustomPolicyCommand(input: CommandInput): CommandResult {
  const notes: string[] = [];
  const { policies, request } = input;
  const of = (kind: PolicyKind) => policies.filter((p) => p.kind === kind);
  const options: Array<[string, string[]]> = [];
  const used: Array<{ text: string; kind: PolicyKind }> = [];

  const identity = of('identity');
  if (identity.length > 0) {
    options.push(['--policy-input-list', identity.map((p) => minified(p.text, p.name, notes))]);
    used.push(...identity);
  } else {
    notes.push('The workspace has no identity policy, and `simulate-custom-policy` requires `--policy-input-list`; add one before running the command.');
  }
  const boundaries = of('boundary');
  if (boundaries.length > 0) {
    options.push(['--permissions-boundary-policy-input-list', [minified(boundaries[0].text, boundaries[0].name, notes)]]);
    used.push(boundaries[0]);
    if (boundaries.length > 1) notes.push(`AWS's simulator takes one permissions boundary, so only \`${boundaries[0].name}\` was passed.`);
  }
  options.push(['--action-names', [request.action]]);
  if (/[*?]/.test(request.action)) notes.push('AWS\'s simulator does not accept wildcards in action names; name one action.');
  if (request.resource && request.resource !== '*') options.push(['--resource-arns', [request.resource]]);

  const caller = parsePrincipal(request.principal);
  const resources = of('resource');
  if (resources.length > 0) {
    const resource = resources[0];
    if (caller?.kind === 'user') {
      options.push(['--resource-policy', [minified(resource.text, resource.name, notes)]]);
      used.push(resource);
      const arnAccount = request.resource.split(':')[4];
      if (request.resource.startsWith('arn:') && !arnAccount) {
        const owner = request.context?.['aws:ResourceAccount'];
        if (typeof owner === 'string') options.push(['--resource-owner', [`arn:${caller.partition}:iam::${owner}:root`]]);
        else notes.push('The resource ARN names no account; set `aws:ResourceAccount` in the request so the command can pass `--resource-owner`.');
      }
      if (resources.length > 1) notes.push(`AWS's simulator takes one resource policy, so only \`${resource.name}\` was passed.`);
    } else {
      notes.push(
        `AWS's simulator takes only an IAM user as the caller of a resource policy, and the caller here is ${caller ? CALLER_WORDS[caller.kind] : 'not an IAM principal'}, so the resource policy was left out.`,
      );
    }
  }
  if (caller?.kind === 'user') options.push(['--caller-arn', [caller.arn]]);
  else if (caller && caller.kind !== 'role' && caller.kind !== 'assumed-role') {
    notes.push(`AWS's simulator cannot take ${CALLER_WORDS[caller.kind]} as the caller; it evaluates the identity policies alone.`);
  }

  const context = request.context ?? {};
  if (Object.keys(context).length > 0) options.push(['--context-entries', contextEntries(context)]);
  const given = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  const missing = conditionKeys(used).filter((k) => !given.has(k.toLowerCase()));
  if (missing.length > 0) {
    notes.push(`The policies read ${missing.map((k) => '`' + k + '`').join(', ')}, which the request does not set; give them as context entries so that AWS's simulator evaluates them as the engine does.`);
  }

  const scps = of('scp').length;
  if (scps > 0) notes.push(`\`simulate-custom-policy\` takes no service control policies, so the workspace's ${count(scps, 'SCP')} ${scps === 1 ? 'is' : 'are'} not checked.`);
  const rcps = of('rcp').length;
  if (rcps > 0) notes.push(`AWS's simulator does not evaluate resource control policies, so the workspace's ${count(rcps, 'RCP')} ${rcps === 1 ? 'is' : 'are'} not checked.`);
  if (of('session').length > 0) notes.push('`simulate-custom-policy` takes no session policies, so the session policy is not checked.');
  if (caller?.kind === 'assumed-role' || caller?.kind === 'role') {
    notes.push('AWS\'s simulator has no role session as caller: it evaluates the policies as given, without the session\'s own context (its session name, tags and source identity).');
  }
  return { command: commandLine('aws iam simulate-custom-policy', options), notes };
}

const POLICY_TYPES: Record<PolicyKind, string> = {
  identity: 'IDENTITY_POLICY',
  boundary: 'IDENTITY_POLICY',
  session: 'IDENTITY_POLICY',
  resource: 'RESOURCE_POLICY',
  scp: 'SERVICE_CONTROL_POLICY',
  rcp: 'RESOURCE_CONTROL_POLICY',
};

/** What a resource policy is attached to, from its actions: `trust` (all `sts:`), `repository` (all `ecr:`), or unknown. */
function resourceTarget(text: string): 'trust' | 'repository' | undefined {
  const actions = (parsePolicy(text, 'resource').policy?.statements ?? []).flatMap((s) => [...(s.action ?? []), ...(s.notAction ?? [])].map((a) => a.value.toLowerCase()));
  if (actions.length === 0) return undefined;
  if (actions.every((a) => a.startsWith('sts:'))) return 'trust';
  if (actions.every((a) => a.startsWith('ecr:'))) return 'repository';
  return undefined;
}

/** `aws accessanalyzer validate-policy` for one policy, with the resource type when AWS accepts one for it. */
export function validatePolicyCommand(policy: { kind: PolicyKind; text: string; name?: string }): CommandResult {
  const notes: string[] = [];
  const options: Array<[string, string[]]> = [
    ['--policy-type', [POLICY_TYPES[policy.kind] ?? 'IDENTITY_POLICY']],
    ['--policy-document', [minified(policy.text, policy.name ?? policy.kind, notes)]],
  ];
  if (policy.kind === 'boundary') notes.push('Access Analyzer has no policy type for permissions boundaries; a boundary is checked as the identity policy it is.');
  if (policy.kind === 'session') notes.push('Access Analyzer has no policy type for session policies; it is checked as an identity policy.');
  if (policy.kind === 'resource') {
    const target = resourceTarget(policy.text);
    if (target === 'trust') options.push(['--validate-policy-resource-type', ['AWS::IAM::AssumeRolePolicyDocument']]);
    if (target === 'repository') {
      notes.push('`--validate-policy-resource-type` does not accept `AWS::ECR::Repository`, so Access Analyzer runs the checks that apply to every resource policy.');
    }
  }
  return { command: commandLine('aws accessanalyzer validate-policy', options), notes };
}
