// The store's three slices. Each gives its initial state and its actions; index.ts
// puts them in one store with every action under `actions`.
import { kindInfo, type PolicyKind } from '../../engine';
import type { Workspace } from '../engine-extras';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import { evaluate, type Evaluation } from './evaluate';
import { isPristine, readStoredWorkspace, STORAGE_KEYS, writeStoredWorkspace, type StorageLike } from './persistence';
import type { Actions, Malformed, PolicyTab, ResultState, StoreState, UiState, WorkspaceState } from './types';
import { fromWorkspace, newId, sameWorkspace, toWorkspace } from './workspace';

export type SetState = (partial: Partial<StoreState> | ((s: StoreState) => Partial<StoreState>)) => void;
export type GetState = () => StoreState;
export interface SliceEnv {
  storage: StorageLike | null;
}
type SliceActions<K extends keyof Actions> = (set: SetState, get: GetState, env: SliceEnv) => Pick<Actions, K>;

/** A kind's name for people (the engine's kind table holds it). */
export function kindLabel(kind: PolicyKind): string {
  return kindInfo(kind).label;
}

/** Kinds a request is evaluated with only one of. */
function singleKind(kind: PolicyKind): boolean {
  return kindInfo(kind).cardinality === 'one';
}

const NEW_POLICY_TEXT: Record<PolicyKind, string> = {
  identity: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "ecr:DescribeRepositories",\n      "Resource": "*"\n    }\n  ]\n}\n',
  resource:
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },\n      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]\n    }\n  ]\n}\n',
  boundary: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["ecr:*", "ecs:*"],\n      "Resource": "*"\n    }\n  ]\n}\n',
  scp: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}\n',
  rcp: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}\n',
  session: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "ecr:*",\n      "Resource": "*"\n    }\n  ]\n}\n',
};

// ------------------------------------------------------------------ workspace

export function workspaceState(ws: Workspace): WorkspaceState {
  return fromWorkspace(ws);
}

/** The last removed tab, for Undo. Module scope: it is not part of what the page shows. */
let removed: { tab: PolicyTab; index: number } | null = null;

export const workspaceActions: SliceActions<
  | 'setPolicyText'
  | 'addPolicy'
  | 'renamePolicy'
  | 'setPolicyKind'
  | 'removePolicy'
  | 'movePolicy'
  | 'setActive'
  | 'cycleActive'
  | 'setRequest'
  | 'setContextValue'
  | 'renameContextKey'
  | 'addTestFromRequest'
  | 'updateTest'
  | 'removeTest'
  | 'openRequest'
  | 'loadWorkspace'
  | 'restorePrevious'
  | 'restoreRemoved'
> = (set, get, env) => {
  const update = (partial: Partial<StoreState>) => {
    set(partial);
    get().actions.recompute();
  };
  return {
    setPolicyText(id, text) {
      const policies = get().policies;
      const i = policies.findIndex((p) => p.id === id);
      if (i < 0 || policies[i].text === text) return;
      const next = policies.slice();
      next[i] = { ...next[i], text };
      update({ policies: next });
    },
    addPolicy(kind) {
      const { policies, actions } = get();
      const existing = policies.find((p) => p.kind === kind);
      if (existing && singleKind(kind)) {
        actions.setActive(existing.id);
        actions.notify({ tone: 'info', text: `A request is evaluated with one ${kindLabel(kind).toLowerCase()}; it is already open.` });
        return;
      }
      const count = policies.filter((p) => p.kind === kind).length;
      const name = count ? `${kindLabel(kind)} ${count + 1}` : kindLabel(kind);
      const tab: PolicyTab = { id: newId('p'), kind, name, text: NEW_POLICY_TEXT[kind] };
      update({ policies: [...policies, tab], activeId: tab.id });
    },
    renamePolicy(id, name) {
      const trimmed = name.trim();
      if (!trimmed) return;
      update({ policies: get().policies.map((p) => (p.id === id ? { ...p, name: trimmed } : p)) });
    },
    setPolicyKind(id, kind) {
      const { policies, actions } = get();
      if (singleKind(kind) && policies.some((p) => p.kind === kind && p.id !== id)) {
        actions.notify({ tone: 'error', text: `There is already a ${kindLabel(kind).toLowerCase()}; a request is evaluated with one.` });
        return;
      }
      update({ policies: policies.map((p) => (p.id === id ? { ...p, kind } : p)) });
    },
    removePolicy(id) {
      const { policies, activeId, actions } = get();
      const index = policies.findIndex((p) => p.id === id);
      if (index < 0) return;
      removed = { tab: policies[index], index };
      const next = policies.filter((p) => p.id !== id);
      const nextActive = activeId === id ? (next[Math.min(index, next.length - 1)]?.id ?? '') : activeId;
      update({ policies: next, activeId: nextActive });
      actions.notify({ tone: 'info', text: `Removed “${removed.tab.name}”.`, action: { label: 'Undo', run: 'restore-removed' } });
    },
    restoreRemoved() {
      if (!removed) return;
      const { tab, index } = removed;
      removed = null;
      const next = get().policies.slice();
      next.splice(Math.min(index, next.length), 0, tab);
      update({ policies: next, activeId: tab.id });
    },
    movePolicy(id, delta) {
      const policies = get().policies.slice();
      const i = policies.findIndex((p) => p.id === id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= policies.length) return;
      const [tab] = policies.splice(i, 1);
      policies.splice(j, 0, tab);
      update({ policies });
    },
    setActive(id) {
      if (get().policies.some((p) => p.id === id)) set({ activeId: id });
    },
    cycleActive(delta) {
      const { policies, activeId } = get();
      if (!policies.length) return;
      const i = policies.findIndex((p) => p.id === activeId);
      set({ activeId: policies[(i + delta + policies.length) % policies.length].id });
    },
    setRequest(patch) {
      update({ request: { ...get().request, ...patch } });
    },
    setContextValue(key, value) {
      const context = { ...(get().request.context ?? {}) };
      if (value === undefined) delete context[key];
      else context[key] = value;
      const { context: _old, ...rest } = get().request;
      update({ request: Object.keys(context).length ? { ...rest, context } : rest });
    },
    renameContextKey(from, to) {
      const old = get().request.context ?? {};
      if (from === to || !(from in old)) return;
      // Keep the order of keys so the row does not jump.
      const context = Object.fromEntries(Object.entries(old).map(([k, v]) => [k === from ? to : k, v]));
      update({ request: { ...get().request, context } });
    },
    addTestFromRequest() {
      const { request, result, tests } = get();
      const resource = request.resource.split(/[:/]/).pop() || request.resource;
      const name = `${request.action} on ${resource}`;
      update({ tests: [...tests, { id: newId('t'), name, request, expect: result?.decision ?? 'ImplicitDeny' }] });
    },
    updateTest(id, patch) {
      update({ tests: get().tests.map((t) => (t.id === id ? { ...t, ...patch } : t)) });
    },
    removeTest(id) {
      update({ tests: get().tests.filter((t) => t.id !== id) });
    },
    openRequest(request) {
      update({ request, view: 'explain' });
    },
    loadWorkspace(ws, reason) {
      const current = toWorkspace(get());
      let kept = false;
      if (!isPristine(current) && !sameWorkspace(current, ws) && reason !== 'restore') {
        kept = writeStoredWorkspace(env.storage, current, STORAGE_KEYS.previous);
      }
      const next = fromWorkspace(ws);
      update({ ...next, incoming: null, hasPrevious: get().hasPrevious || kept });
      const what = { example: 'Opened the example.', shared: 'Opened the shared workspace.', reset: 'Started a new workspace from the default example.', restore: 'Restored your previous workspace.', access: 'Opened the request from the Access table.' }[reason];
      get().actions.notify(
        kept ? { tone: 'info', text: `${what} Your previous work was kept.`, action: { label: 'Restore previous workspace', run: 'restore-previous' } } : { tone: 'info', text: what },
      );
    },
    restorePrevious() {
      const prev = readStoredWorkspace(env.storage, STORAGE_KEYS.previous);
      if (!prev) {
        get().actions.notify({ tone: 'error', text: 'There is no previous workspace to restore.' });
        return;
      }
      const current = toWorkspace(get());
      // Swap, so restoring twice goes back again: nothing is ever lost.
      if (!isPristine(current)) writeStoredWorkspace(env.storage, current, STORAGE_KEYS.previous);
      get().actions.loadWorkspace(prev, 'restore');
    },
  };
};

// ------------------------------------------------------------------ results

export const initialResultState: ResultState = {
  result: null,
  stale: null,
  accepted: true,
  refusals: [],
  diagnostics: {},
  testOutcomes: {},
  failingTests: 0,
  batch: null,
  leftOut: {},
  conditionKeys: [],
  evalSeq: 0,
  evalMs: 0,
  actionNames: null,
};

/** The first place a policy's JSON stops being well formed, for the out-of-date banner. */
function malformedOf(e: Evaluation, policies: readonly PolicyTab[]): Malformed | null {
  const id = e.analysis.malformed[0];
  if (id === undefined) return null;
  const d = (e.diagnostics[id] ?? []).find((x) => x.severity === 'error') ?? e.refusals.find((r) => r.policy.id === id);
  const name = policies.find((p) => p.id === id)?.name ?? id;
  const span = d?.span ?? { start: 0, end: 0 };
  return { policyId: id, name, message: d?.message ?? 'The JSON is not complete.', span, line: d?.range.start.line ?? 1, column: d?.range.start.column ?? 1 };
}

export const resultActions: SliceActions<'recompute' | 'setActionNames'> = (set, get) => ({
  recompute() {
    const s = get();
    const started = performance.now();
    const evaluation = evaluate({
      policies: s.policies,
      request: s.request,
      tests: s.tests,
      batchService: s.view === 'batch' ? s.batchService : null,
      actionNames: s.actionNames,
    });
    const evalMs = performance.now() - started;
    const { analysis: _analysis, ...fresh } = evaluation;
    const stale = malformedOf(evaluation, s.policies);
    if (stale) {
      // Half-typed JSON: a decision from a partial parse could be wrong (a swallowed Deny), so the
      // last decision stays, out of date; the markers and the acceptance follow the text.
      set({
        stale,
        diagnostics: fresh.diagnostics,
        accepted: fresh.accepted,
        refusals: fresh.refusals,
        leftOut: fresh.leftOut,
        evalMs,
        evalSeq: s.evalSeq + 1,
      });
      return;
    }
    set({ ...fresh, stale: null, evalMs, evalSeq: s.evalSeq + 1 });
  },
  setActionNames(actionNames) {
    set({ actionNames });
    get().actions.recompute();
  },
});

// ------------------------------------------------------------------ ui

export function uiState(partial: Partial<UiState>): UiState {
  return {
    view: 'explain',
    batchService: 'ecr',
    theme: 'system',
    reveal: null,
    notices: [],
    incoming: null,
    shareError: null,
    helpOpen: false,
    renamingId: null,
    hasPrevious: false,
    ...partial,
  };
}

let noticeId = 1;

export const uiActions: SliceActions<
  | 'setView'
  | 'setBatchService'
  | 'setTheme'
  | 'setHelpOpen'
  | 'setRenaming'
  | 'revealStatement'
  | 'notify'
  | 'dismissNotice'
  | 'acceptIncoming'
  | 'dismissIncoming'
  | 'receiveShared'
  | 'setShareError'
> = (set, get, env) => ({
  setView(view) {
    const before = get().view;
    set({ view });
    if (view === 'batch' && before !== 'batch') get().actions.recompute();
  },
  setBatchService(batchService) {
    set({ batchService });
    get().actions.recompute();
  },
  setTheme(theme) {
    set({ theme });
  },
  setHelpOpen(helpOpen) {
    set({ helpOpen });
  },
  setRenaming(renamingId) {
    set({ renamingId });
  },
  revealStatement(policyId, span) {
    const seq = (get().reveal?.seq ?? 0) + 1;
    set({ activeId: policyId, reveal: { policyId, span, seq } });
  },
  notify(n) {
    const notice = { ...n, id: noticeId++ };
    // Newest first, a few at most.
    set({ notices: [notice, ...get().notices].slice(0, 3) });
  },
  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  acceptIncoming() {
    const ws = get().incoming;
    if (ws) get().actions.loadWorkspace(ws, 'shared');
  },
  dismissIncoming() {
    const ws = get().incoming;
    set({ incoming: null });
    // The shared workspace stays recoverable, as the previous workspace.
    if (ws && writeStoredWorkspace(env.storage, ws, STORAGE_KEYS.previous)) {
      set({ hasPrevious: true });
      get().actions.notify({ tone: 'info', text: 'Kept your work. The shared workspace is kept as the previous workspace.', action: { label: 'Open it', run: 'restore-previous' } });
    }
  },
  receiveShared(ws) {
    const current = toWorkspace(get());
    if (isPristine(current) || sameWorkspace(current, ws)) get().actions.loadWorkspace(ws, 'shared');
    else set({ incoming: ws });
  },
  setShareError(shareError) {
    set({ shareError });
  },
});

export { DEFAULT_WORKSPACE };
