// The store's three slices. Each gives its initial state and its actions; index.ts
// puts them in one store with every action under `actions`.
import { kindInfo, type PolicyKind } from '../../engine';
import type { Workspace } from '../engine-extras';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import { evaluate, evaluationWork, OFF_THREAD_WORK, type EvaluateOptions, type Evaluation, type OffThread } from './evaluate';
import { isPristine, type StorageLike } from './persistence';
import type { Actions, Malformed, PolicyTab, ResultState, StoreState, TestCase, UiState, WorkspaceState } from './types';
import { fromWorkspace, newId, sameWorkspace, toWorkspace } from './workspace';

export type SetState = (partial: Partial<StoreState> | ((s: StoreState) => Partial<StoreState>)) => void;
export type GetState = () => StoreState;
export interface SliceEnv {
  storage: StorageLike | null;
  /** Where a large workspace is evaluated, away from the page's thread; without it, every evaluation runs here. */
  analyzeOffThread?: OffThread;
}
export type SliceActions<K extends keyof Actions> = (set: SetState, get: GetState, env: SliceEnv) => Pick<Actions, K>;

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
  // Custom RCPs only deny (RCPFullAWSAccess allows at every level): the data perimeter example.
  rcp: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "OnlyOurOrganization",\n      "Effect": "Deny",\n      "Principal": "*",\n      "Action": "ecr:*",\n      "Resource": "*",\n      "Condition": {\n        "StringNotEqualsIfExists": { "aws:PrincipalOrgID": "o-exampleorgid" },\n        "Bool": { "aws:PrincipalIsAWSService": "false" }\n      }\n    }\n  ]\n}\n',
  session: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "ecr:*",\n      "Resource": "*"\n    }\n  ]\n}\n',
};

// ------------------------------------------------------------------ workspace

export function workspaceState(ws: Workspace): WorkspaceState {
  return fromWorkspace(ws);
}

/** The last removed tab, for Undo. Module scope: it is not part of what the page shows. */
let removed: { tab: PolicyTab; index: number } | null = null;
/** Removed tests by id, for Undo. */
const removedTests = new Map<string, { test: TestCase; index: number }>();

export const workspaceActions: SliceActions<
  | 'setPolicyText'
  | 'addPolicy'
  | 'renamePolicy'
  | 'setPolicyKind'
  | 'removePolicy'
  | 'movePolicy'
  | 'moveLevel'
  | 'setActive'
  | 'cycleActive'
  | 'setRequest'
  | 'setContextValue'
  | 'renameContextKey'
  | 'addTestFromRequest'
  | 'updateTest'
  | 'removeTest'
  | 'openRequest'
  | 'addToWorkspace'
  | 'restoreRemoved'
  | 'restoreTest'
> = (set, get) => {
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
    moveLevel(id, delta) {
      const policies = get().policies;
      const i = policies.findIndex((p) => p.id === id);
      if (i < 0) return;
      // The nearest policy of the same kind in that direction trades places with it.
      let j = i + delta;
      while (j >= 0 && j < policies.length && policies[j].kind !== policies[i].kind) j += delta;
      if (j < 0 || j >= policies.length) return;
      const next = policies.slice();
      [next[i], next[j]] = [next[j], next[i]];
      update({ policies: next });
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
      const tests = get().tests;
      const index = tests.findIndex((t) => t.id === id);
      if (index < 0) return;
      removedTests.set(id, { test: tests[index], index });
      update({ tests: tests.filter((t) => t.id !== id) });
      get().actions.notify({ tone: 'info', text: `Deleted the test “${tests[index].name}”.`, action: { label: 'Undo', run: 'restore-test', arg: id } });
    },
    restoreTest(id) {
      const r = removedTests.get(id);
      if (!r) return;
      removedTests.delete(id);
      const tests = get().tests.slice();
      tests.splice(Math.min(r.index, tests.length), 0, r.test);
      update({ tests });
    },
    openRequest(request) {
      update({ request, view: 'explain' });
    },
    addToWorkspace(add, summary) {
      const s = get();
      const current = toWorkspace(s);
      // Added to, not replaced: the workspace as it was goes into the history all the same.
      const kept = isPristine(current) ? undefined : s.actions.keepInHistory(current, s.workspaceName, `Before: ${summary}`);
      const tabs: PolicyTab[] = add.policies.map((p) => ({ id: newId('p'), kind: p.kind, name: p.name, text: p.text }));
      const tests = (add.tests ?? []).map((t) => ({ id: newId('t'), name: t.name, request: t.request, expect: t.expect }));
      update({ policies: [...s.policies, ...tabs], activeId: tabs[0]?.id ?? s.activeId, request: add.request ?? s.request, tests: [...s.tests, ...tests] });
      get().actions.notify(
        kept
          ? { tone: 'info', text: `${summary} The workspace as it was is in the history.`, action: { label: 'Restore it', run: 'restore-history', arg: kept.id } }
          : { tone: 'info', text: summary },
      );
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
  traceCut: {},
  conditionKeys: [],
  conditionKeyMissing: [],
  evalSeq: 0,
  evalMs: 0,
  checks: 'all',
  actionNames: null,
  analyzing: false,
};

/** The first place a policy's JSON stops being well formed, for the out-of-date banner. */
function malformedOf(e: Evaluation, policies: readonly PolicyTab[]): Malformed | null {
  const id = e.malformed[0];
  if (id === undefined) return null;
  const d = (e.diagnostics[id] ?? []).find((x) => x.severity === 'error') ?? e.refusals.find((r) => r.policy.id === id);
  const name = policies.find((p) => p.id === id)?.name ?? id;
  const span = d?.span ?? { start: 0, end: 0 };
  return { policyId: id, name, message: d?.message ?? 'The JSON is not complete.', span, line: d?.range.start.line ?? 1, column: d?.range.start.column ?? 1 };
}

export const resultActions: SliceActions<'recompute' | 'completeChecks' | 'setActionNames'> = (set, get, env) => {
  /** Counts the evaluations asked for: an answer from the worker is shown only if no later one was asked for. */
  let asked = 0;

  const show = (evaluation: Evaluation, policies: readonly PolicyTab[], evalMs: number, checks: 'all' | 'refusals') => {
    const { malformed: _malformed, ...fresh } = evaluation;
    const stale = malformedOf(evaluation, policies);
    const evalSeq = get().evalSeq + 1;
    if (stale) {
      // Half-typed JSON: a decision from a partial parse could be wrong (a swallowed Deny), so the
      // last decision stays, out of date; the markers and the acceptance follow the text.
      set({ stale, diagnostics: fresh.diagnostics, accepted: fresh.accepted, refusals: fresh.refusals, leftOut: fresh.leftOut, evalMs, evalSeq, checks, analyzing: false });
      return;
    }
    set({ ...fresh, stale: null, evalMs, evalSeq, checks, analyzing: false });
  };

  const here = (o: EvaluateOptions) => {
    const started = performance.now();
    const evaluation = evaluate(o);
    show(evaluation, o.policies, performance.now() - started, o.checks ?? 'all');
  };

  return {
    recompute(options) {
      const s = get();
      const seq = ++asked;
      const o: EvaluateOptions = {
        policies: s.policies,
        request: s.request,
        tests: s.tests,
        batchService: s.view === 'batch' ? s.batchService : null,
        actionNames: s.actionNames,
        checks: options?.checks ?? 'all',
      };
      if (!env.analyzeOffThread || evaluationWork(o) <= OFF_THREAD_WORK) {
        here(o);
        return;
      }
      // A large workspace: the page stays responsive while the worker reads it, with the
      // last evaluation on screen, marked as being redone. It does all the checks: splitting
      // them only paid for a first paint that no longer waits on it.
      const full: EvaluateOptions = { ...o, checks: 'all' };
      set({ analyzing: true, checks: 'all' });
      void env.analyzeOffThread(full).then((outcome) => {
        if (seq !== asked) return;
        if (outcome.status === 'done') show(outcome.result, full.policies, outcome.ms, 'all');
        // The worker could not run it (or it was stopped with no newer evaluation asked for): slow but right, here.
        else here(full);
      });
    },
    completeChecks() {
      if (get().checks !== 'all') get().actions.recompute();
    },
    setActionNames(actionNames) {
      set({ actionNames });
      get().actions.recompute();
    },
  };
};

// ------------------------------------------------------------------ ui

export function uiState(partial: Partial<UiState>): UiState {
  return {
    view: 'explain',
    batchService: 'ecr',
    theme: 'system',
    reveal: null,
    notices: [],
    noticesOpen: false,
    incoming: null,
    openingLink: false,
    shareError: null,
    helpOpen: false,
    renamingId: null,
    editorTabMovesFocus: false,
    hasPrevious: false,
    ...partial,
  };
}

let noticeId = 1;
/** Notices kept in the list at most. */
const NOTICE_LIMIT = 20;

export const uiActions: SliceActions<
  | 'setView'
  | 'setBatchService'
  | 'setTheme'
  | 'setHelpOpen'
  | 'setRenaming'
  | 'setEditorTabMovesFocus'
  | 'revealStatement'
  | 'notify'
  | 'dismissNotice'
  | 'setNoticesOpen'
  | 'acceptIncoming'
  | 'dismissIncoming'
  | 'receiveShared'
  | 'setShareError'
> = (set, get) => ({
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
  setEditorTabMovesFocus(editorTabMovesFocus) {
    set({ editorTabMovesFocus });
  },
  revealStatement(policyId, span) {
    const seq = (get().reveal?.seq ?? 0) + 1;
    set({ activeId: policyId, reveal: { policyId, span, seq } });
  },
  notify(n) {
    // Every notice stays in the list; on screen, only one that waits for a decision stays (expires: false).
    const notice = { ...n, id: noticeId++, expires: n.expires ?? true, at: Date.now() };
    // Newest first; the page shows the newest, the rest stay in a list until dismissed.
    set({ notices: [notice, ...get().notices].slice(0, NOTICE_LIMIT) });
  },
  dismissNotice(id) {
    set({ notices: get().notices.map((n) => (n.id === id && !n.done ? { ...n, done: true } : n)) });
  },
  setNoticesOpen(noticesOpen) {
    set({ noticesOpen });
  },
  acceptIncoming() {
    const ws = get().incoming;
    if (ws) get().actions.replaceWorkspace(ws, 'shared');
  },
  dismissIncoming() {
    const ws = get().incoming;
    set({ incoming: null });
    // The shared workspace stays recoverable, in the history.
    if (ws) {
      const entry = get().actions.keepInHistory(ws, 'Shared workspace', 'A shared link you did not open');
      get().actions.notify({ tone: 'info', text: 'Kept your work. The shared workspace is in the history.', action: { label: 'Open it', run: 'restore-history', arg: entry.id } });
    }
  },
  receiveShared(ws) {
    const current = toWorkspace(get());
    if (isPristine(current) || sameWorkspace(current, ws)) get().actions.replaceWorkspace(ws, 'shared');
    else set({ incoming: ws });
  },
  setShareError(shareError) {
    set({ shareError });
  },
});

export { DEFAULT_WORKSPACE };
