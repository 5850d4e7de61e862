// The access levels a registry security review asks about, each one ECR action.
import type { Decision } from '../../../engine';

export interface AccessLevelColumn {
  /** The query word: `who can push ...`. */
  verb: 'pull' | 'push' | 'delete' | 'manage';
  label: string;
  action: string;
}

export const LEVELS: readonly AccessLevelColumn[] = [
  { verb: 'pull', label: 'Pull', action: 'ecr:BatchGetImage' },
  { verb: 'push', label: 'Push', action: 'ecr:PutImage' },
  { verb: 'delete', label: 'Delete', action: 'ecr:BatchDeleteImage' },
  { verb: 'manage', label: 'Manage policy', action: 'ecr:SetRepositoryPolicy' },
];

export const DEFAULT_ACTIONS: readonly string[] = LEVELS.map((l) => l.action);

/** A column's heading: the level's name for the four levels, else the action. */
export function columnLabel(action: string): string {
  return LEVELS.find((l) => l.action.toLowerCase() === action.toLowerCase())?.label ?? action;
}

/** What a decision filter keeps: one decision, both denies, or everything. */
export type DecisionFilter = 'any' | Decision | 'Deny';

export function decisionKeeps(filter: DecisionFilter, d: Decision): boolean {
  return filter === 'any' || filter === d || (filter === 'Deny' && d !== 'Allow');
}

/** Decisions as people read them, readable without colour (icon and words). */
export const DECISION_LOOK: Record<Decision, { icon: string; text: string; short: string; tone: string }> = {
  Allow: { icon: '✔', text: 'Allow', short: 'Allow', tone: 'access-allow' },
  ExplicitDeny: { icon: '⊘', text: 'Explicit deny', short: 'Explicit deny', tone: 'access-explicit' },
  ImplicitDeny: { icon: '–', text: 'Implicit deny', short: 'Implicit deny', tone: 'access-implicit' },
};
