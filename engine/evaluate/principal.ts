// Who is making the request, and which names in a Principal element refer to them.
// AWS: "IAM JSON policy elements: Principal" and "NotPrincipal".
import type { PrincipalEntry } from '../types.ts';

/** The kinds of caller the simulator understands. */
export type PrincipalKind =
  | 'user'
  | 'role'
  | 'assumed-role'
  | 'federated-user'
  | 'root'
  | 'service'
  | 'federated'
  | 'anonymous';

export interface PrincipalInfo {
  kind: PrincipalKind;
  /** The caller as given (account ids are expanded to the root ARN). */
  arn: string;
  partition: string;
  account?: string;
  /** For users, the user name (the last path segment). */
  userName?: string;
  /** For roles and assumed-role sessions. */
  roleName?: string;
  /** For assumed-role sessions. A role ARN as the caller stands for a session whose name is not known. */
  sessionName?: string;
  /** The role's ARN as AWS reports it in aws:PrincipalArn (without a path: the session ARN has none). */
  roleArn?: string;
  /** Service principal (`ecs-tasks.amazonaws.com`) or identity provider. */
  service?: string;
}

/** How a Principal element named the caller; decides which policies can limit a resource-policy grant. */
export type PrincipalMatchKind =
  | 'everyone' // "*" or {"AWS": "*"}
  | 'self' // the user, session, federated user, service or provider itself
  | 'role' // the role whose session is calling
  | 'account'; // the caller's account (delegation to that account's IAM)

/**
 * How one value of a Principal element relates to the caller. Besides the match kinds,
 * `some-session`: the value names one session of the caller's role, and the caller is
 * a role ARN, which stands for a session whose name is not known. Whether the value
 * names the caller then depends on that name, so the evaluator takes the reading that
 * cannot produce a wrong Allow (a Deny applies, an Allow does not grant).
 */
export type PrincipalValueMatch = PrincipalMatchKind | 'some-session';

/**
 * Identity-provider hosts AWS lets a `Federated` entry name that look like service
 * principals (`*.amazonaws.com`). IAM User Guide: "AWS JSON policy elements: Principal"
 * (web identity session principals).
 */
const PROVIDER_HOSTS: ReadonlySet<string> = new Set(['cognito-identity.amazonaws.com']);

/** Whether a host name is an AWS service principal (and not an identity provider). */
export function isServicePrincipalName(name: string): boolean {
  const lower = name.toLowerCase();
  return /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(lower) && !PROVIDER_HOSTS.has(lower);
}

const ACCOUNT_ID = /^\d{12}$/;

/** Parses the request's principal string. Undefined when it is not a principal AWS could authenticate. */
export function parsePrincipal(text: string): PrincipalInfo | undefined {
  const s = text.trim();
  if (s === '' ) return undefined;
  if (s === '*' || s.toLowerCase() === 'anonymous') return { kind: 'anonymous', arn: 'anonymous', partition: 'aws' };
  if (ACCOUNT_ID.test(s)) return { kind: 'root', arn: `arn:aws:iam::${s}:root`, partition: 'aws', account: s };
  if (!s.startsWith('arn:')) {
    // Service principals look like host names: ecs-tasks.amazonaws.com, or accounts.google.com for web identity.
    if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(s)) {
      return { kind: isServicePrincipalName(s) ? 'service' : 'federated', arn: s, partition: 'aws', service: s };
    }
    return undefined;
  }
  const parts = s.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, , account] = parts;
  const resource = parts.slice(5).join(':');
  if (service === 'iam') {
    if (resource === 'root') return { kind: 'root', arn: s, partition, account };
    const slash = resource.indexOf('/');
    const type = slash < 0 ? resource : resource.slice(0, slash);
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    if (slash < 0 || name === '') return undefined;
    if (type === 'user') return { kind: 'user', arn: s, partition, account, userName: name };
    if (type === 'role') return { kind: 'role', arn: s, partition, account, roleName: name, roleArn: s };
    if (type === 'oidc-provider' || type === 'saml-provider') {
      return { kind: 'federated', arn: s, partition, account, service: s };
    }
    return undefined;
  }
  if (service === 'sts') {
    const segs = resource.split('/');
    if (segs[0] === 'assumed-role' && segs.length >= 3 && segs[1] && segs[segs.length - 1]) {
      const roleName = segs[1];
      return {
        kind: 'assumed-role',
        arn: s,
        partition,
        account,
        roleName,
        sessionName: segs.slice(2).join('/'),
        roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
      };
    }
    if (segs[0] === 'federated-user' && segs.length === 2 && segs[1]) {
      return { kind: 'federated-user', arn: s, partition, account, userName: segs[1] };
    }
  }
  return undefined;
}

/** Is this principal an IAM identity (policies can be attached to it)? */
export function isIamIdentity(p: PrincipalInfo): boolean {
  return p.kind === 'user' || p.kind === 'role' || p.kind === 'assumed-role' || p.kind === 'federated-user';
}

function accountOf(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  const m = /^arn:[^:]+:iam::(\d{12}):root$/.exec(value);
  return m ? m[1] : undefined;
}

/** Role name from a role ARN with any path (`role/path/name`), if it is one. */
function roleArnParts(value: string): { account: string; name: string } | undefined {
  const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(value);
  return m ? { account: m[1], name: m[2] } : undefined;
}

/**
 * How one value of a Principal element names the caller, or undefined when it does not.
 * `type` is the principal type key (`AWS`, `Service`, `Federated`, `CanonicalUser`).
 */
export function principalValueMatch(type: string, value: string, p: PrincipalInfo): PrincipalValueMatch | undefined {
  if (type === 'AWS') {
    if (value === '*') return 'everyone';
    if (p.kind === 'service' || p.kind === 'federated' || p.kind === 'anonymous') return undefined;
    const account = accountOf(value);
    if (account !== undefined) return account === p.account ? 'account' : undefined;
    if ((p.kind === 'assumed-role' || p.kind === 'role') && p.roleName) {
      // A grant to a role covers its sessions. Role names are unique in an account, whatever the path.
      // A role ARN as the caller is some session of the role: a grant to the role names its role, never
      // the session itself ("the principal making the request is the IAM role session ARN").
      const role = roleArnParts(value);
      if (role && role.account === p.account && role.name === p.roleName) return 'role';
      if (p.kind === 'role' && sessionOfRole(value, p)) return 'some-session';
    }
    if (value === p.arn) return 'self';
    return undefined;
  }
  if (type === 'Service') {
    if (value === '*') return p.kind === 'service' ? 'everyone' : undefined;
    return p.kind === 'service' && p.service?.toLowerCase() === value.toLowerCase() ? 'self' : undefined;
  }
  if (type === 'Federated') {
    // Identity providers only (an OIDC/SAML provider ARN, or a provider host such as
    // cognito-identity.amazonaws.com), never an AWS service: that is what `Service` names.
    return p.kind === 'federated' && p.service === value ? 'self' : undefined;
  }
  return undefined; // CanonicalUser names S3 canonical ids, never an IAM caller here.
}

/** Does `value` name a session of the caller's role (`arn:…:sts::A:assumed-role/R/S`)? */
function sessionOfRole(value: string, p: PrincipalInfo): boolean {
  const m = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(value);
  return !!m && m[1] === p.account && m[2] === p.roleName;
}

const RANK: Record<PrincipalMatchKind, number> = { self: 4, everyone: 3, role: 2, account: 1 };

/** The strongest of two match kinds (a direct grant beats a grant to the role or the account). */
export function strongerMatch(a: PrincipalMatchKind | undefined, b: PrincipalMatchKind | undefined) {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Does a NotPrincipal list leave the caller out? It must list every name AWS may check:
 * the caller, its role (for sessions) and its account. `unknown` when the caller is a
 * role ARN (a session of unknown name) and the list names a session of that role.
 */
export function notPrincipalLeavesOut(entries: readonly PrincipalEntry[], p: PrincipalInfo): 'yes' | 'no' | 'unknown' {
  const lists = (want: PrincipalValueMatch) => entries.some((e) => e.values.some((v) => principalValueMatch(e.type.value, v.value, p) === want));
  if (p.account && !lists('account')) return 'no';
  if (p.kind === 'root') return 'yes';
  if (p.kind === 'assumed-role') return lists('role') && lists('self') ? 'yes' : 'no';
  if (p.kind === 'role') return lists('role') && lists('some-session') ? 'unknown' : 'no';
  return lists('self') ? 'yes' : 'no';
}

/** Value of aws:PrincipalType for the caller. */
export function principalType(p: PrincipalInfo): string | undefined {
  switch (p.kind) {
    case 'user':
      return 'User';
    case 'assumed-role':
    case 'role':
      return 'AssumedRole';
    case 'federated-user':
      return 'FederatedUser';
    case 'root':
      return 'Account';
    case 'anonymous':
      return 'Anonymous';
    default:
      return undefined;
  }
}
