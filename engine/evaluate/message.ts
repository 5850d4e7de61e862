// The words AWS uses in an AccessDenied message.
import type { DecisionOutcome } from './decide.ts';
import type { StageName } from './result.ts';
import type { PolicyKind } from '../types.ts';

const POLICY_WORDS: Record<PolicyKind, { a: string; no: string }> = {
  identity: { a: 'an identity-based policy', no: 'identity-based policy' },
  resource: { a: 'a resource-based policy', no: 'resource-based policy' },
  boundary: { a: 'a permissions boundary', no: 'permissions boundary' },
  session: { a: 'a session policy', no: 'session policy' },
  scp: { a: 'a service control policy', no: 'service control policy' },
  rcp: { a: 'a resource control policy', no: 'resource control policy' },
};

const STAGE_KIND: Partial<Record<StageName, PolicyKind>> = {
  identity: 'identity',
  resource: 'resource',
  boundary: 'boundary',
  session: 'session',
  scp: 'scp',
  rcp: 'rcp',
};

/** The AccessDenied message for a denied request, or a sentence saying what allowed it. */
export function decisionMessage(
  outcome: DecisionOutcome,
  request: { principal: string; action: string; resource: string },
  denyingKind: PolicyKind | undefined,
): string {
  const who = `User: ${request.principal} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
  if (outcome.decision === 'ExplicitDeny') {
    return `${who} with an explicit deny in ${POLICY_WORDS[denyingKind ?? 'identity'].a}`;
  }
  if (outcome.decision === 'ImplicitDeny') {
    const kind = STAGE_KIND[outcome.stage] ?? 'identity';
    return `${who} because no ${POLICY_WORDS[kind].no} allows the ${request.action} action`;
  }
  switch (outcome.grantedBy) {
    case 'resource':
      return `Allowed: the resource-based policy grants ${request.action} to ${request.principal}.`;
    case 'root':
      return `Allowed: the account's root user has full access to its own account's resources.`;
    default:
      return `Allowed: an identity-based policy grants ${request.action}, and nothing limits or denies it.`;
  }
}

/** Names of the policy kinds for people. */
export function policyKindName(kind: PolicyKind): string {
  return POLICY_WORDS[kind].no;
}
