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

/** How a pair is tested against the filter, for the tight loops below. */
interface PairFilter {
  /** 0: every pair; 1: the cell of action `a` must be kept; 2: some cell must be kept; 3: no pair. */
  mode: 0 | 1 | 2 | 3;
  a: number;
  /** By decision code: 1 when the filter keeps it. */
  keep: Uint8Array;
}

function pairFilter(data: AccessData, filter: AccessFilter): PairFilter {
  const keep = Uint8Array.from(DECISION_CODES.map((x) => (decisionKeeps(filter.decision, x) ? 1 : 0)));
  const a = filter.action ? data.actions.findIndex((x) => x.toLowerCase() === filter.action.toLowerCase()) : -1;
  if (filter.action && a < 0) return { mode: 3, a, keep };
  // Every cell has some decision: with any decision, every pair answers.
  if (filter.decision === 'any') return { mode: 0, a, keep };
  return { mode: a >= 0 ? 1 : 2, a, keep };
}

/** Whether the pair whose cells start at `k` answers; pairs of principals not computed yet answer only mode 0. */
function passes(f: PairFilter, d: Uint8Array, k: number, A: number, computed: boolean): boolean {
  if (f.mode === 0) return true;
  if (f.mode === 3 || !computed) return false;
  if (f.mode === 1) return f.keep[d[k + f.a]] === 1;
  for (let x = 0; x < A; x++) if (f.keep[d[k + x]] === 1) return true;
  return false;
}

/** Decides, for one pair, whether it answers the filter: some cell of it (or of the filter's action) keeps its decision. */
export function pairTest(data: AccessData, filter: AccessFilter): (p: number, r: number) => boolean {
  const f = pairFilter(data, filter);
  const R = data.resources.length;
  const A = data.actions.length;
  return (p, r) => passes(f, data.decisions, (p * R + r) * A, A, p < data.done);
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function ordered(order: Int32Array | undefined, n: number, match: Uint8Array): Int32Array {
  const o = order ?? identity(n);
  let count = 0;
  for (let i = 0; i < o.length; i++) count += match[o[i]];
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < o.length; i++) if (match[o[i]]) out[j++] = o[i];
  return out;
}

type MatchOptions = Omit<ViewOptions, 'expandAll' | 'toggled'>;

/** Calls `fn(p, r)` for every pair that matches, group by group, in order. */
export function forEachMatch(data: AccessData, o: MatchOptions, fn: (p: number, r: number) => void): void {
  const ps = ordered(o.principalOrder, data.principals.length, matchingPrincipals(data.principals, o.filter.principal));
  const rs = ordered(o.resourceOrder, data.resources.length, matchingResources(data.resources, o.filter.repository));
  const f = pairFilter(data, o.filter);
  const R = data.resources.length;
  const A = data.actions.length;
  const d = data.decisions;
  if (o.groupBy === 'principal') {
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      for (let j = 0; j < rs.length; j++) if (passes(f, d, (p * R + rs[j]) * A, A, p < data.done)) fn(p, rs[j]);
    }
  } else {
    for (let j = 0; j < rs.length; j++) {
      const r = rs[j];
      for (let i = 0; i < ps.length; i++) if (passes(f, d, (ps[i] * R + r) * A, A, ps[i] < data.done)) fn(ps[i], r);
    }
  }
}

/** The groups of an answer with their counts, before any is expanded: one pass over the matching cells. */
export interface RowsSummary {
  data: AccessData;
  groupBy: GroupBy;
  groups: Omit<Group, 'expanded'>[];
  matches: number;
  /** The matching principals and repositories, in order. */
  ps: Int32Array;
  rs: Int32Array;
  filter: PairFilter;
}

export function summarizeRows(data: AccessData, o: MatchOptions): RowsSummary {
  return new Summarizer(data, o).update();
}

/**
 * Counts an answer as the matrix fills: each update reads only the principals computed
 * since the last one (their cells never change), so a table of 2.5 million pairs is not
 * counted again from the start a few times a second while it fills.
 */
export class Summarizer {
  private readonly ps: Int32Array;
  private readonly rs: Int32Array;
  private readonly f: PairFilter;
  private readonly byPrincipal: boolean;
  private readonly rows: Int32Array;
  private readonly allow: Int32Array;
  private readonly explicit: Int32Array;
  private matches = 0;
  /** Principals `0 .. counted - 1` are in the counts. */
  private counted = 0;
  private last: RowsSummary | undefined;

  constructor(
    private readonly data: AccessData,
    private readonly o: MatchOptions,
  ) {
    this.ps = ordered(o.principalOrder, data.principals.length, matchingPrincipals(data.principals, o.filter.principal));
    this.rs = ordered(o.resourceOrder, data.resources.length, matchingResources(data.resources, o.filter.repository));
    this.f = pairFilter(data, o.filter);
    this.byPrincipal = o.groupBy === 'principal';
    const slots = this.byPrincipal ? data.principals.length : data.resources.length;
    this.rows = new Int32Array(slots);
    this.allow = new Int32Array(slots * data.actions.length);
    this.explicit = new Int32Array(slots * data.actions.length);
  }

  /** The summary as of the principals computed now. */
  update(): RowsSummary {
    const { data, ps, rs, f, rows, allow, explicit, byPrincipal } = this;
    const done = data.done;
    if (this.last && done === this.counted) return this.last;
    const R = data.resources.length;
    const A = data.actions.length;
    const d = data.decisions;
    const ALLOW = DECISION_CODES.indexOf('Allow' satisfies Decision);
    const EXPLICIT = DECISION_CODES.indexOf('ExplicitDeny' satisfies Decision);
    // Principal-major, the matrix's own order, whichever way it is grouped: counts go to the group's slot.
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      if (p < this.counted || p >= done) continue;
      for (let j = 0; j < rs.length; j++) {
        const r = rs[j];
        const k = (p * R + r) * A;
        if (!passes(f, d, k, A, true)) continue;
        const g = byPrincipal ? p : r;
        rows[g]++;
        this.matches++;
        const at = g * A;
        for (let a = 0; a < A; a++) {
          const c = d[k + a];
          if (c === ALLOW) allow[at + a]++;
          else if (c === EXPLICIT) explicit[at + a]++;
        }
      }
    }
    this.counted = done;
    // Principals not computed yet answer only a filter that keeps every pair: their rows, without counts.
    let pending = 0;
    if (f.mode === 0) for (let i = 0; i < ps.length; i++) if (ps[i] >= done) pending++;
    const groups: RowsSummary['groups'] = [];
    for (const g of byPrincipal ? ps : rs) {
      const n = rows[g] + (pending === 0 ? 0 : byPrincipal ? (g >= done ? rs.length : 0) : pending);
      if (n === 0) continue;
      groups.push({ id: g, rows: n, allow: allow.slice(g * A, g * A + A), explicit: explicit.slice(g * A, g * A + A) });
    }
    this.last = { data, groupBy: this.o.groupBy, groups, matches: this.matches + pending * rs.length, ps, rs, filter: f };
    return this.last;
  }
}

/** The visible rows of a summary: every group's header, and the pairs of the expanded ones. */
export function rowsOf(s: RowsSummary, expandAll: boolean, toggled: ReadonlySet<number>): RowsView {
  const { data, ps, rs, filter: f } = s;
  const R = data.resources.length;
  const A = data.actions.length;
  const d = data.decisions;
  const groups: Group[] = s.groups.map((g) => ({ ...g, expanded: expandAll !== toggled.has(g.id) }));
  let size = groups.length;
  for (const g of groups) if (g.expanded) size += g.rows;
  const rows = new Int32Array(size);
  let n = 0;
  groups.forEach((g, gi) => {
    rows[n++] = -(gi + 1);
    if (!g.expanded) return;
    if (s.groupBy === 'principal') {
      const p = g.id;
      for (let j = 0; j < rs.length; j++) if (passes(f, d, (p * R + rs[j]) * A, A, p < data.done)) rows[n++] = p * R + rs[j];
    } else {
      const r = g.id;
      for (let i = 0; i < ps.length; i++) if (passes(f, d, (ps[i] * R + r) * A, A, ps[i] < data.done)) rows[n++] = ps[i] * R + r;
    }
  });
  return { rows, groups, matches: s.matches, pairs: data.principals.length * R };
}

/** The rows to show, with group headers and counts. */
export function buildRows(data: AccessData, o: ViewOptions): RowsView {
  return rowsOf(summarizeRows(data, o), o.expandAll, o.toggled);
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
