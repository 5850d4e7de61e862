// The table's rows, worked out from the matrix and the filters: which (principal,
// repository) pairs show, in which groups, with counts per group. Pure and fast enough
// for 5,000 principals × 500 repositories (2.5 million pairs) on every filter change.
import { DECISION_CODES, type Decision } from '../../../engine';
import { globMatcher } from './glob';
import { decisionKeeps } from './levels';
import type { AccessFilter } from './query';

export interface PrincipalInfo {
  arn: string;
  name: string;
  pathName: string;
  type: 'role' | 'user' | 'other';
}

export interface ResourceInfo {
  arn: string;
  name: string;
  hasPolicy: boolean;
}

/** The computed matrix (see engine WhoCanMatrix) and what it is about. */
export interface AccessData {
  principals: PrincipalInfo[];
  resources: ResourceInfo[];
  actions: string[];
  /** Principal-major: cell `(p * R + r) * A + a`; index into DECISION_CODES. */
  decisions: Uint8Array;
  /** Index into STAGE_CODES. */
  stages: Uint8Array;
  /** Principals `0 .. done - 1` have their cells (the worker fills them in order). */
  done: number;
}

export type GroupBy = 'principal' | 'repository';

export interface Group {
  /** The principal (group by principal) or the repository index. */
  id: number;
  /** Matching rows in the group. */
  rows: number;
  /** Per action: matching rows that are allowed, explicitly denied. */
  allow: Int32Array;
  explicit: Int32Array;
  expanded: boolean;
}

export interface RowsView {
  /**
   * The visible rows: `-(g + 1)` is the header of group `g` (an index into `groups`),
   * `k >= 0` the pair principal `floor(k / R)`, repository `k % R`.
   */
  rows: Int32Array;
  groups: Group[];
  /** Matching pairs, collapsed ones included. */
  matches: number;
  /** All pairs. */
  pairs: number;
}

export interface ViewOptions {
  filter: AccessFilter;
  groupBy: GroupBy;
  /** Whether groups start expanded; `toggled` lists the groups (by id) that differ. */
  expandAll: boolean;
  toggled: ReadonlySet<number>;
  /** Order of the principals and repositories (indexes); default: as given. */
  principalOrder?: Int32Array;
  resourceOrder?: Int32Array;
}

/** The indexes of principals whose name, path/name or ARN match the glob. */
export function matchingPrincipals(principals: readonly PrincipalInfo[], glob: string): Uint8Array {
  const m = globMatcher(glob);
  const out = new Uint8Array(principals.length);
  for (let i = 0; i < principals.length; i++) {
    const p = principals[i];
    out[i] = m(p.name) || m(p.pathName) || m(p.arn) ? 1 : 0;
  }
  return out;
}

/** The indexes of repositories whose name or ARN match the glob. */
export function matchingResources(resources: readonly ResourceInfo[], glob: string): Uint8Array {
  const m = globMatcher(glob);
  const out = new Uint8Array(resources.length);
  for (let i = 0; i < resources.length; i++) out[i] = m(resources[i].name) || m(resources[i].arn) ? 1 : 0;
  return out;
}

/** Decides, for one pair, whether it answers the filter: some cell of it (or of the filter's action) keeps its decision. */
export function pairTest(data: AccessData, filter: AccessFilter): (p: number, r: number) => boolean {
  const A = data.actions.length;
  const R = data.resources.length;
  const d = data.decisions;
  const keep = DECISION_CODES.map((x) => decisionKeeps(filter.decision, x));
  const a = filter.action ? data.actions.findIndex((x) => x.toLowerCase() === filter.action.toLowerCase()) : -1;
  if (filter.action && a < 0) return () => false;
  // Every cell has some decision: with any decision, every pair answers.
  if (filter.decision === 'any') return () => true;
  if (a >= 0) return (p, r) => p < data.done && keep[d[(p * R + r) * A + a]];
  return (p, r) => {
    if (p >= data.done) return false;
    const base = (p * R + r) * A;
    for (let k = 0; k < A; k++) if (keep[d[base + k]]) return true;
    return false;
  };
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Calls `fn(p, r)` for every pair that matches, group by group, in order. */
export function forEachMatch(data: AccessData, o: Omit<ViewOptions, 'expandAll' | 'toggled'>, fn: (p: number, r: number) => void): void {
  const pm = matchingPrincipals(data.principals, o.filter.principal);
  const rm = matchingResources(data.resources, o.filter.repository);
  const test = pairTest(data, o.filter);
  const pOrder = o.principalOrder ?? identity(data.principals.length);
  const rOrder = o.resourceOrder ?? identity(data.resources.length);
  const [outer, inner, om, im] = o.groupBy === 'principal' ? [pOrder, rOrder, pm, rm] : [rOrder, pOrder, rm, pm];
  for (let i = 0; i < outer.length; i++) {
    const g = outer[i];
    if (!om[g]) continue;
    for (let j = 0; j < inner.length; j++) {
      const c = inner[j];
      if (!im[c]) continue;
      const [p, r] = o.groupBy === 'principal' ? [g, c] : [c, g];
      if (test(p, r)) fn(p, r);
    }
  }
}

/** The rows to show, with group headers and counts. */
export function buildRows(data: AccessData, o: ViewOptions): RowsView {
  const R = data.resources.length;
  const A = data.actions.length;
  const d = data.decisions;
  const ALLOW = DECISION_CODES.indexOf('Allow' satisfies Decision);
  const EXPLICIT = DECISION_CODES.indexOf('ExplicitDeny' satisfies Decision);
  const groups: Group[] = [];
  let rows = new Int32Array(1024);
  let n = 0;
  const push = (v: number) => {
    if (n === rows.length) {
      const bigger = new Int32Array(rows.length * 2);
      bigger.set(rows);
      rows = bigger;
    }
    rows[n++] = v;
  };
  let current: Group | undefined;
  let currentId = -1;
  let matches = 0;
  forEachMatch(data, o, (p, r) => {
    const id = o.groupBy === 'principal' ? p : r;
    if (id !== currentId) {
      currentId = id;
      const expanded = o.expandAll !== o.toggled.has(id);
      current = { id, rows: 0, allow: new Int32Array(A), explicit: new Int32Array(A), expanded };
      groups.push(current);
      push(-groups.length);
    }
    const g = current!;
    g.rows++;
    matches++;
    if (p < data.done) {
      const base = (p * R + r) * A;
      for (let a = 0; a < A; a++) {
        const c = d[base + a];
        if (c === ALLOW) g.allow[a]++;
        else if (c === EXPLICIT) g.explicit[a]++;
      }
    }
    if (g.expanded) push(p * R + r);
  });
  return { rows: rows.subarray(0, n), groups, matches, pairs: data.principals.length * R };
}

/** Orders principals by type (roles, users, others), then name (naturally, case aside); repositories by name. */
export function principalOrder(principals: readonly PrincipalInfo[]): Int32Array {
  const rank = { role: 0, user: 1, other: 2 } as const;
  return Int32Array.from(
    principals
      .map((p, i) => i)
      .sort((a, b) => rank[principals[a].type] - rank[principals[b].type] || cmp(principals[a].name, principals[b].name) || cmp(principals[a].pathName, principals[b].pathName) || a - b),
  );
}

export function resourceOrder(resources: readonly ResourceInfo[]): Int32Array {
  return Int32Array.from(resources.map((_, i) => i).sort((a, b) => cmp(resources[a].name, resources[b].name) || a - b));
}

// Natural order: `app-9` before `app-10`, case aside.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
function cmp(a: string, b: string): number {
  return collator.compare(a, b);
}
