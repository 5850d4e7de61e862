// The decision itself, from what each kind of policy said about the request.
// AWS: "Policy evaluation logic", "How AWS enforcement code logic evaluates
// requests to allow or deny access", "Cross-account policy evaluation logic",
// "Permissions boundaries for IAM entities" and "Session policies".
import type { Decision, StageName } from './result.ts';
import type { PrincipalKind, PrincipalMatchKind } from './principal.ts';

/** What the policies said, reduced to what the decision depends on. */
export interface DecisionInputs {
  principalKind: PrincipalKind;
  crossAccount: boolean;
  /** Any applicable Deny statement in any policy. */
  explicitDeny: boolean;
  /** One entry per SCP level given: does it allow? Empty when SCPs do not apply to the caller. */
  scpAllows: boolean[];
  /** The strongest way an applicable Allow of the resource-based policy named the caller. */
  resourceAllow: PrincipalMatchKind | undefined;
  /** The resource-based policy is a role trust policy (an `sts:` action), which must always allow. */
  trustPolicy: boolean;
  identityAllow: boolean;
  boundaryPresent: boolean;
  boundaryAllow: boolean;
  sessionPresent: boolean;
  sessionAllow: boolean;
}

export interface DecisionOutcome {
  decision: Decision;
  /** The stage that settled it. */
  stage: StageName;
  /** For Allow: which grant carried it. */
  grantedBy?: 'resource' | 'identity' | 'root';
}

/** The stages at which a missing Allow ends evaluation. */
type DenyStage = 'scp' | 'resource' | 'identity' | 'boundary' | 'session';
const DENY_STAGES: readonly DenyStage[] = ['scp', 'resource', 'identity', 'boundary', 'session'];

// Outcomes are constants: deciding allocates nothing.
const IMPLICIT = Object.fromEntries(DENY_STAGES.map((stage) => [stage, { decision: 'ImplicitDeny', stage }])) as Record<DenyStage, DecisionOutcome>;
const deny = (stage: DenyStage): DecisionOutcome => IMPLICIT[stage];
const EXPLICIT_DENY: DecisionOutcome = { decision: 'ExplicitDeny', stage: 'explicit-deny' };
const ALLOW_BY_IDENTITY: DecisionOutcome = { decision: 'Allow', stage: 'identity', grantedBy: 'identity' };
const ALLOW_BY_ROOT: DecisionOutcome = { decision: 'Allow', stage: 'identity', grantedBy: 'root' };
const ALLOW_BY_RESOURCE: DecisionOutcome = { decision: 'Allow', stage: 'resource', grantedBy: 'resource' };

/**
 * Identity-side chain: identity policies, then the boundary, then the session policy must
 * each allow. A federated user session (GetFederationToken) without a session policy has
 * no permissions from identity policies: "if you do not pass any session policies, then
 * the resulting federated user session has no permissions" (IAM: Session policies).
 */
function identityChain(i: DecisionInputs): DecisionOutcome {
  if (!i.identityAllow) return deny('identity');
  if (i.boundaryPresent && !i.boundaryAllow) return deny('boundary');
  if (i.principalKind === 'federated-user' && !i.sessionPresent) return deny('session');
  if (i.sessionPresent && !i.sessionAllow) return deny('session');
  return ALLOW_BY_IDENTITY;
}

/** A grant that names the role (not the session) is limited by the boundary and the session policy. */
function limitsOnRoleGrant(i: DecisionInputs): DecisionOutcome | undefined {
  if (i.boundaryPresent && !i.boundaryAllow) return deny('boundary');
  if (i.sessionPresent && !i.sessionAllow) return deny('session');
  return undefined;
}


/**
 * The final decision. INVARIANT: any explicit deny gives ExplicitDeny.
 * RCPs never deny implicitly: RCPFullAWSAccess, which allows everything, is attached to
 * every root, OU and account and cannot be detached, "so there is always an Allow
 * statement"; only their Deny statements count (AWS Organizations: RCP evaluation).
 */
export function decide(i: DecisionInputs): DecisionOutcome {
  if (i.explicitDeny) return EXPLICIT_DENY;
  const iamCaller =
    i.principalKind === 'user' ||
    i.principalKind === 'role' ||
    i.principalKind === 'assumed-role' ||
    i.principalKind === 'federated-user';
  // SCPs limit the principals of member accounts, the root user included; they never apply to
  // service principals (gather leaves scpAllows empty for them, and skips their Deny statements).
  if (i.scpAllows.some((a) => !a)) return deny('scp');

  // Service principals, identity providers and anonymous callers have no identity policies:
  // only the resource-based policy can let them in.
  if (!iamCaller && i.principalKind !== 'root') return i.resourceAllow ? ALLOW_BY_RESOURCE : deny('resource');

  if (i.principalKind === 'root') {
    // The root user has full access in its own account; another account's resource must grant it.
    if (i.crossAccount || i.trustPolicy) return i.resourceAllow ? ALLOW_BY_RESOURCE : deny('resource');
    return ALLOW_BY_ROOT;
  }

  if (i.crossAccount) {
    // Cross-account: the caller's side and the resource's side must both allow.
    const own = identityChain(i);
    if (own.decision !== 'Allow') return own;
    return i.resourceAllow ? ALLOW_BY_RESOURCE : deny('resource');
  }

  switch (i.resourceAllow) {
    case 'self':
    case 'everyone':
      // Same account, caller named directly (user or session ARN): not limited by an
      // implicit deny in identity policies, the boundary or the session policy.
      return ALLOW_BY_RESOURCE;
    case 'role': {
      const limited = limitsOnRoleGrant(i);
      return limited ?? ALLOW_BY_RESOURCE;
    }
    case 'account':
    case undefined:
      // A grant to the account delegates to the account's identity policies.
      // A role trust policy must allow in every case.
      if (i.trustPolicy && !i.resourceAllow) return deny('resource');
      return identityChain(i);
  }
}
