// The words AWS uses in an AccessDenied message.
import type { DecisionOutcome } from './decide.ts';
import type { StageName } from './result.ts';
import { kindInfo } from '../policy/kinds.ts';
import type { PolicyKind } from '../types.ts';


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
    return `${who} with an explicit deny in ${kindInfo(denyingKind ?? 'identity').awsNameWithArticle}`;
  }
  if (outcome.decision === 'ImplicitDeny') {
    const kind = STAGE_KIND[outcome.stage] ?? 'identity';
    return `${who} because no ${kindInfo(kind).awsName} allows the ${request.action} action`;
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
  return kindInfo(kind).awsName;
}
