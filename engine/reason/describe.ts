// Words for requests: how a difference, an edge case or a matrix cell names its request.
import { parseArn } from '../match/arn.ts';
import type { Decision, SimulationRequest } from '../evaluate/result.ts';
import type { DecisionChange } from './types.ts';

/** The part of an ARN people read: `repository/team-b/web`, `role/ci`. */
export function shortArn(arn: string): string {
  const parsed = parseArn(arn);
  return parsed ? parsed.resource : arn;
}

/** A resource as its cell names it: the most specific pattern it matches, or the ARN. */
export function resourceWords(arn: string, matches: readonly string[]): string {
  if (arn === '*') return '`*`';
  const specific = matches.filter((m) => m !== '*').sort((a, b) => b.replace(/[*?]/g, '').length - a.replace(/[*?]/g, '').length)[0];
  return specific ? `${shortArn(specific)} (${shortArn(arn)})` : `${shortArn(arn)} (no pattern names it)`;
}

/** `aws:PrincipalTag/team = b`, `aws:TagKeys = [a, b]`, `aws:TagKeys = []`, joined by "and". */
export function contextWords(context: SimulationRequest['context']): string {
  const parts = Object.entries(context ?? {}).map(([k, v]) => `${k} = ${Array.isArray(v) ? `[${v.join(', ')}]` : v}`);
  return parts.join(' and ');
}

/** Decisions in order of what they let through: an implicit deny can still be granted elsewhere, an explicit one cannot. */
export const DECISION_RANK: Readonly<Record<Decision, number>> = { ExplicitDeny: 0, ImplicitDeny: 1, Allow: 2 };

export function changeOf(before: Decision, after: Decision): DecisionChange {
  if (after === 'Allow') return 'now-allowed';
  if (before === 'Allow') return 'now-denied';
  return after === 'ImplicitDeny' ? 'deny-lifted' : 'deny-added';
}

const CHANGE_WORDS: Readonly<Record<DecisionChange, string>> = {
  'now-allowed': 'now allowed',
  'now-denied': 'now denied',
  'deny-lifted': 'explicit deny lifted (still not allowed)',
  'deny-added': 'now explicitly denied',
};

/** "now allowed: ecr:PutImage on repository/team-b/* (repository/team-b/x) for role/ci, with aws:PrincipalTag/team = b". */
export function differenceSummary(change: DecisionChange, request: SimulationRequest, resourceLabel: string, principalLabel: string): string {
  const ctx = contextWords(request.context);
  return `${CHANGE_WORDS[change]}: ${request.action} on ${resourceLabel} for ${principalLabel}${ctx ? `, with ${ctx}` : ''}`;
}
