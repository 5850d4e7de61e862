// An access denied message beside the workspace: the request it names, what AWS said,
// and whether the workspace decides the same. Pure: the engine reads the message and
// decides the request; this only words the comparison.
import { kindInfo, type AccessDeniedSuccess, type Decision, type PolicyKind, type SimulationRequest, type SimulationResult } from '../../../engine';

/** The policy type AWS named, in AWS's words, with its article. */
export function policyTypeWords(type: string): string {
  const words: Record<string, string> = {
    'identity-based': 'an identity-based policy',
    'resource-based': 'a resource-based policy',
    'permissions-boundary': 'a permissions boundary',
    session: 'a session policy',
    'service-control': 'a service control policy',
    'resource-control': 'a resource control policy',
    'vpc-endpoint': 'a VPC endpoint policy',
    'role-trust': 'the role trust policy',
  };
  return words[type] ?? `a ${type.replace(/-/g, ' ')} policy`;
}

/** The workspace's kind of policy for a type AWS names; undefined for types the simulator has no tab for. */
export function kindOfType(type: string | undefined): PolicyKind | undefined {
  const kinds: Record<string, PolicyKind> = {
    'identity-based': 'identity',
    'resource-based': 'resource',
    'permissions-boundary': 'boundary',
    session: 'session',
    'service-control': 'scp',
    'resource-control': 'rcp',
    'role-trust': 'resource',
  };
  return type ? kinds[type] : undefined;
}

/** "AWS said: …", one line. */
export function awsSaid(d: AccessDeniedSuccess): string {
  const type = d.policyType ? policyTypeWords(d.policyType) : undefined;
  if (d.denial === 'explicit') return `AWS said: explicit deny${type ? ` in ${type}` : ''}.`;
  if (d.denial === 'implicit') return `AWS said: implicit deny: ${type ? `no ${type.replace(/^(an?|the) /, '')} allows it` : 'nothing allows it'}.`;
  if (type) return `AWS said: access denied by ${type} (the message does not say whether explicitly).`;
  return 'AWS said: access denied (the message gives no reason).';
}

/** The request the message names; a message without a resource names an action on `*`. */
export function deniedRequest(d: AccessDeniedSuccess, current: SimulationRequest): { request: SimulationRequest; notes: string[] } {
  const notes: string[] = [];
  const context = { ...(current.context ?? {}), ...(d.context ?? {}) };
  const resource = d.resource ?? '*';
  if (!d.resource) notes.push('The message names no resource, so the request is for `*`; set the resource if the action takes one.');
  else if (resource !== '*' && !resource.startsWith('arn:')) notes.push(`AWS names the resource in words (\`${resource}\`), not as an ARN; replace it with the ARN.`);
  const { context: _c, ...rest } = current;
  return { request: { ...rest, principal: d.principal, action: d.action, resource, ...(Object.keys(context).length ? { context } : {}) }, notes };
}

export interface Comparison {
  /** Whether the workspace decides as AWS did (explicit deny, implicit deny). */
  agrees: boolean;
  /** One or two sentences for people. */
  text: string;
}

const DECISION_WORDS: Record<Decision, string> = {
  Allow: 'allows this',
  ExplicitDeny: 'denies this explicitly',
  ImplicitDeny: 'denies this implicitly',
};

function kindName(kind: PolicyKind): string {
  return kindInfo(kind).label.toLowerCase().replace(/^scp$/, 'SCP').replace(/^rcp$/, 'RCP');
}

/** What the workspace's decision says about AWS's: the same, or what the workspace lacks or has more of. */
export function compareWithAws(d: AccessDeniedSuccess, result: Pick<SimulationResult, 'decision' | 'decidingStage' | 'decisiveStatements'>, kinds: ReadonlySet<PolicyKind>): Comparison {
  const decision = result.decision;
  const ws = `The workspace ${DECISION_WORDS[decision]}`;
  const type = d.policyType;
  const typeText = type ? policyTypeWords(type).replace(/^(an?|the) /, 'the ') : undefined;
  const kind = kindOfType(type);
  const arn = d.policyArn ? ` (\`${d.policyArn}\`)` : '';
  const noTab = type === 'vpc-endpoint' ? ' The simulator does not evaluate VPC endpoint policies, so it cannot show this deny.' : '';
  const denyNames = result.decisiveStatements.filter((s) => s.effect === 'Deny').map((s) => `\`${s.policy.name} › ${s.sid ?? `statement ${s.statementIndex + 1}`}\``);

  if (decision === 'Allow') {
    if (d.denial === 'explicit') {
      if (!typeText) return { agrees: false, text: `${ws}, but AWS denied it explicitly: a policy in AWS has a Deny that the workspace lacks.${noTab}` };
      if (!kind || !kinds.has(kind)) return { agrees: false, text: `${ws}, but AWS denied it: the workspace lacks ${typeText} that denied it${arn}.${noTab}` };
      return { agrees: false, text: `${ws}, but AWS denied it explicitly in ${typeText}${arn}: the workspace's ${kindName(kind)} lacks the Deny that AWS found; compare it with the one in AWS.` };
    }
    if (d.denial === 'implicit') {
      if (!typeText) return { agrees: false, text: `${ws}, but AWS denied it implicitly: nothing in AWS allows it.` };
      if (!kind || !kinds.has(kind)) {
        return { agrees: false, text: `${ws}, but AWS denied it implicitly: the workspace lacks ${typeText} in which AWS found no Allow${arn}; add it to reproduce the denial.${noTab}` };
      }
      return { agrees: false, text: `${ws}, but AWS denied it implicitly: the workspace's ${kindName(kind)} allows what ${typeText} in AWS does not; compare them.` };
    }
    return { agrees: false, text: `${ws}, but AWS denied it; the message does not say why.` };
  }

  const same = (d.denial === 'explicit' && decision === 'ExplicitDeny') || (d.denial === 'implicit' && decision === 'ImplicitDeny') || d.denial === undefined;
  if (!same) {
    if (decision === 'ExplicitDeny') {
      return {
        agrees: false,
        text: `${ws}, but AWS denied it implicitly${typeText ? ` (no Allow in ${typeText})` : ''}: the workspace has a Deny${denyNames.length ? ` (${denyNames.join(', ')})` : ''} that the policies in AWS do not.`,
      };
    }
    return {
      agrees: false,
      text: `${ws}, but AWS denied it explicitly${typeText ? ` in ${typeText}${arn}` : ''}: the workspace lacks that Deny (nothing in it allows the request either).${noTab}`,
    };
  }

  // Same kind of denial: say where each found it when that differs.
  const stageKind: PolicyKind | undefined =
    decision === 'ExplicitDeny' ? result.decisiveStatements.find((s) => s.effect === 'Deny')?.policy.kind : (['identity', 'resource', 'boundary', 'session', 'scp', 'rcp'] as const).find((k) => k === result.decidingStage);
  const both = d.denial === undefined ? 'Both deny' : `The workspace agrees with AWS: both deny ${d.denial === 'explicit' ? 'explicitly' : 'implicitly'}`;
  if (kind && stageKind && kind !== stageKind) {
    return { agrees: true, text: `${both}, but AWS named ${typeText} and the workspace's decision comes from its ${kindName(stageKind)}.` };
  }
  if (type === 'vpc-endpoint') return { agrees: true, text: `${both}, though AWS named a VPC endpoint policy, which the simulator does not evaluate: the workspace denies for another reason.` };
  return { agrees: true, text: `${both}${stageKind ? ` (${kindName(stageKind)})` : ''}.` };
}
