// SCPs and RCPs: each policy of the kind stands for one level of the organization, in
// order: the root first, then the OUs from the outermost, the account last. Every level
// must allow; a level not given allows everything (FullAWSAccess, RCPFullAWSAccess).
import { kindInfo, type PolicyKind } from '../../engine';

export interface Level {
  /** `root`, `OU`, `OU 2`, `account`. */
  name: string;
  /** 0-based position among the policies of the kind. */
  index: number;
  count: number;
}

export function levelName(index: number, count: number): string {
  if (index === 0) return 'root';
  if (index === count - 1) return 'account';
  return count > 3 ? `OU ${index}` : 'OU';
}

/** The level each policy of an organization-level kind stands for, by policy id. */
export function organizationLevels(policies: readonly { id: string; kind: PolicyKind; enabled?: boolean }[]): Record<string, Level> {
  const byKind = new Map<PolicyKind, string[]>();
  for (const p of policies) {
    if (!kindInfo(p.kind).organizationLevels || p.enabled === false) continue;
    byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.id]);
  }
  const out: Record<string, Level> = {};
  for (const ids of byKind.values()) ids.forEach((id, index) => (out[id] = { name: levelName(index, ids.length), index, count: ids.length }));
  return out;
}

/** `the root`, `an OU`, `the account`, for sentences. */
export function levelPhrase(l: Level): string {
  return l.name === 'root' ? 'the root' : l.name === 'account' ? 'the account' : `an OU (${l.name})`;
}
