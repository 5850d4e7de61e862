// The Access feature's own state: the worker's client, the loaded files, the table's
// columns and filters, the cell being explained. A feature store rather than a slice
// of the app's store: it holds an account (possibly large) that is not part of the
// workspace, and it loads only with the panel.
import { create } from 'zustand';
import { getAction, type AccountFile } from '../../../engine';
import { keepForOffline } from '../../offline';
import { AccessClient, EMPTY_STATE, type ClientState, type Explained } from './client';
import { DEFAULT_ACTIONS } from './levels';
import { OPEN_FILTER, parseQuery, queryOf, type AccessFilter } from './query';
import type { Context } from './protocol';
import type { GroupBy } from './view';

export interface Selected {
  principal: number;
  resource: number;
  action: number;
  /** The compute job of the table the cell was chosen in. */
  job: number;
}

export interface AccessState {
  client: ClientState;
  /** The files of the account shown, and where they came from. */
  files: AccountFile[];
  source: 'files' | 'example' | null;
  region: string;
  accountId: string;
  orgId: string;
  /** More request context, one `key=value` a line. */
  contextText: string;
  /** The table's columns. */
  actions: string[];
  query: string;
  queryError: string | null;
  querySummary: string | null;
  filter: AccessFilter;
  groupBy: GroupBy;
  /** Whether groups start expanded; `auto`: when the answer has at most EXPAND_UP_TO rows. */
  expandAll: boolean | 'auto';
  /** Groups (by id) whose expansion differs from expandAll. */
  toggled: ReadonlySet<number>;
  selected: Selected | null;
  explained: (Explained & { for: Selected }) | null;
  /** The account pane on the left is shown. */
  sidebar: boolean;
}

/** The catalog's spelling of an action, for the query box (`ecr:putimage` -> `ecr:PutImage`). */
export function resolveAction(action: string): string | undefined {
  const info = getAction(action);
  return info ? `${info.service}:${info.name}` : undefined;
}

/** `key=value` lines (blank lines and `#` comments skipped) as request context. */
export function parseContext(text: string): { context: Context; errors: string[] } {
  const context: Context = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const eq = t.indexOf('=');
    if (eq <= 0) {
      errors.push(`Line ${i + 1} is not \`key=value\`.`);
      return;
    }
    context[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  });
  return { context, errors };
}

export function requestContext(s: Pick<AccessState, 'orgId' | 'contextText'>): Context {
  const { context } = parseContext(s.contextText);
  if (s.orgId.trim()) context['aws:PrincipalOrgID'] = s.orgId.trim();
  return context;
}

let client: AccessClient | null = null;
let reloadTimer: ReturnType<typeof setTimeout> | undefined;
let computeTimer: ReturnType<typeof setTimeout> | undefined;

function theClient(): AccessClient {
  client ??= new AccessClient(
    () => new Worker(new URL('./access.worker.ts', import.meta.url), { type: 'module', name: 'access-worker' }),
    (next) => {
      const before = useAccess.getState().client;
      useAccess.setState({ client: next });
      // A freshly loaded account: compute its table.
      if (next.account && next.account !== before.account) compute();
    },
    // The table is counted again on each update: a few a second while rows arrive.
    { throttleMs: 250, onWorkerFiles: (urls) => import.meta.env.PROD && keepForOffline(() => urls) },
  );
  return client;
}

function compute(): void {
  clearTimeout(computeTimer);
  const s = useAccess.getState();
  useAccess.setState({ selected: null, explained: null });
  theClient().compute(s.actions, requestContext(s));
}

function later(fn: () => void, ms: number, timer: 'reload' | 'compute'): void {
  if (timer === 'reload') {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(fn, ms);
  } else {
    clearTimeout(computeTimer);
    computeTimer = setTimeout(fn, ms);
  }
}

export const useAccess = create<AccessState>()(() => ({
  client: EMPTY_STATE,
  files: [],
  source: null,
  region: '',
  accountId: '',
  orgId: '',
  contextText: '',
  actions: [...DEFAULT_ACTIONS],
  query: '',
  queryError: null,
  querySummary: null,
  filter: { ...OPEN_FILTER },
  groupBy: 'principal',
  expandAll: 'auto',
  toggled: new Set<number>(),
  selected: null,
  explained: null,
  sidebar: true,
}));

const set = useAccess.setState;
const get = useAccess.getState;

/** Groups start expanded up to this many rows; larger answers start as one line per group. */
export const EXPAND_UP_TO = 2000;

export const access = {
  loadFiles(files: AccountFile[], source: 'files' | 'example', extra: Partial<Pick<AccessState, 'region' | 'accountId' | 'orgId'>> = {}): void {
    clearTimeout(reloadTimer);
    set({ files, source, ...extra, selected: null, explained: null, expandAll: 'auto', toggled: new Set() });
    const s = get();
    theClient().load(files, { region: s.region, accountId: s.accountId });
  },
  setPlace(patch: Partial<Pick<AccessState, 'region' | 'accountId'>>): void {
    set(patch);
    // Region and account make the repository ARNs: read the files again.
    if (get().files.length) later(() => access.loadFiles(get().files, get().source ?? 'files'), 500, 'reload');
  },
  setContext(patch: Partial<Pick<AccessState, 'orgId' | 'contextText'>>): void {
    set(patch);
    if (get().client.account) later(compute, 400, 'compute');
  },
  setActions(actions: string[]): void {
    const unique = [...new Map(actions.filter((a) => a.trim()).map((a) => [a.toLowerCase(), a.trim()])).values()];
    if (unique.length === 0) return;
    const filter = get().filter;
    set({ actions: unique, filter: filter.action && !unique.some((a) => a.toLowerCase() === filter.action.toLowerCase()) ? { ...filter, action: '' } : filter });
    if (get().client.account) compute();
  },
  cancel(): void {
    theClient().cancel();
  },
  resume(): void {
    theClient().resume();
  },
  recompute(): void {
    if (get().client.account) compute();
  },
  /** Runs a query: its filters replace the table's, and an action it names becomes a column. */
  ask(query: string): void {
    const r = parseQuery(query, resolveAction);
    if (!r.ok) {
      set({ query, queryError: r.error });
      return;
    }
    set({ query, queryError: null, querySummary: r.summary, filter: r.filter, groupBy: r.groupBy ?? get().groupBy, expandAll: 'auto', toggled: new Set() });
    const action = r.filter.action;
    if (action && !get().actions.some((a) => a.toLowerCase() === action.toLowerCase())) access.setActions([...get().actions, action]);
  },
  setQueryText(query: string): void {
    set({ query });
  },
  setFilter(patch: Partial<AccessFilter>): void {
    const filter = { ...get().filter, ...patch };
    set({ filter, query: queryOf(filter), queryError: null, querySummary: null });
  },
  setGroupBy(groupBy: GroupBy): void {
    set({ groupBy, toggled: new Set() });
  },
  setExpandAll(expandAll: boolean | 'auto'): void {
    set({ expandAll, toggled: new Set() });
  },
  toggleGroup(id: number): void {
    const toggled = new Set(get().toggled);
    if (!toggled.delete(id)) toggled.add(id);
    set({ toggled });
  },
  async openCell(principal: number, resource: number, action: number): Promise<void> {
    const selected = { principal, resource, action, job: get().client.job };
    set({ selected, explained: null });
    const answer = await theClient().explain(principal, resource, action);
    // Only the latest choice is shown.
    if (get().selected === selected) set({ explained: { ...answer, for: selected } });
  },
  toggleSidebar(): void {
    set({ sidebar: !get().sidebar });
  },
  closeCell(): void {
    set({ selected: null, explained: null });
  },
};
