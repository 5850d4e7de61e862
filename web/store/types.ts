// Shapes of the app's store. The store holds texts and engine results; editor
// objects live in web/monaco and web/features/editor, never here.
import type { ActionNames, Decision, PolicyKind, Refusal, SimulationRequest, SimulationResult, Span } from '../../engine';
import type { AccessLevel, Diagnostic, Workspace } from '../engine-extras';

export interface PolicyTab {
  /** Local id, stable while the tab lives; not part of share links. */
  id: string;
  kind: PolicyKind;
  name: string;
  text: string;
  /** False: kept, but left out of the decision. */
  enabled?: boolean;
}

export interface TestCase {
  id: string;
  name: string;
  request: SimulationRequest;
  expect: Decision;
}

export interface TestOutcome {
  actual: Decision;
  pass: boolean;
}

export interface BatchRow {
  action: string;
  accessLevel: AccessLevel;
  description: string;
  resource: string;
  decision: Decision;
}

export type View = 'explain' | 'batch' | 'tests' | 'examples' | 'problems' | 'reason';
export type ThemePref = 'system' | 'light' | 'dark';
export type BatchService = 'ecr' | 'ecs';

/** What a notice's button does; `arg` names the history entry or the test. */
export interface NoticeAction {
  label: string;
  run: 'restore-previous' | 'restore-removed' | 'restore-history' | 'unremove-history' | 'restore-test' | 'download-workspace';
  arg?: string;
}

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
  /** A button that undoes what the notice reports. */
  action?: NoticeAction;
  /** Goes away by itself after a few seconds (a notice that needs no decision); it stays in the list of notices, its action too. */
  expires: boolean;
  /** Dismissed or expired: no longer shown, still in the list of notices. */
  done?: boolean;
  /** When it was shown (ms since the epoch). */
  at: number;
}

/** Why the workspace is replaced; other features (file open, AWS import) pass their own. */
export type ReplaceReason = 'example' | 'shared' | 'reset' | 'restore' | 'file' | 'import' | 'access';

/** A workspace that was replaced, kept so that it can be restored. */
export interface HistoryEntry {
  id: string;
  /** The workspace's name when it was replaced, e.g. the example it came from. */
  name: string;
  /** When it left (ISO 8601). */
  at: string;
  /** What happened to it, for people: `Replaced by the example “…”`. */
  note: string;
  /** One line: `3 policies · ecr:PutImage on web · 4 tests`. */
  summary: string;
  workspace: Workspace;
  /** Set on the work of another open tab, kept here when this tab saved over it: one entry per tab, the latest. */
  tab?: string;
}

export interface HistoryState {
  /** Newest first, at most HISTORY_LIMIT. */
  history: HistoryEntry[];
  /** How many of the newest entries are saved in the browser (the rest last until the page closes). */
  historySaved: number;
  /** Entries dropped this session because the history was full, oldest first. */
  historyDropped: { name: string; at: string }[];
  /** The current workspace's name (shown in the history once it is replaced). */
  workspaceName: string;
  historyOpen: boolean;
}

/** What "Add to workspace" adds: tabs after the current ones, the whole new request, tests after the current ones. */
export interface WorkspaceAddition {
  policies: Workspace['policies'];
  request?: SimulationRequest;
  tests?: NonNullable<Workspace['tests']>;
}

export interface WorkspaceState {
  policies: PolicyTab[];
  activeId: string;
  request: SimulationRequest;
  tests: TestCase[];
}

/** Where a policy's JSON stops being well formed (mid-typing). */
export interface Malformed {
  policyId: string;
  name: string;
  message: string;
  span: Span;
  line: number;
  column: number;
}

export interface ResultState {
  /** The decision shown: computed from policies that all parse; null until there is one. */
  result: SimulationResult | null;
  /** Set while a policy's JSON does not parse: `result` and the panels then show the last decision, out of date. */
  stale: Malformed | null;
  /** Whether AWS would accept every policy that takes part, as written (of the current text). */
  accepted: boolean;
  /** Why not: the refusing findings, with their policy (by id) and place. */
  refusals: Refusal[];
  /** Per policy id. */
  diagnostics: Record<string, Diagnostic[]>;
  /** Per test id. */
  testOutcomes: Record<string, TestOutcome>;
  failingTests: number;
  batch: BatchRow[] | null;
  /** Policy id -> why the engine leaves it out (a second boundary, turned off). */
  leftOut: Record<string, string>;
  /**
   * Conditions left out of a statement's trace on the page, by `kind:policyIndex:statementIndex`:
   * an evaluation from the worker keeps the first TRACE_CONDITIONS of a statement with more.
   */
  traceCut: Record<string, number>;
  /** Every condition key the policies read, in order of first use, and whether the request lacks it. */
  conditionKeys: string[];
  /**
   * Whether the request lacks each of them, by position: two flat lists, since a list of
   * objects took the page 60 ms to receive from the worker at 65,000 keys.
   */
  conditionKeyMissing: boolean[];
  /** Counts evaluations; the page benchmark waits on it. */
  evalSeq: number;
  evalMs: number;
  /** Which checks the diagnostics come from: `refusals` until the first full check after the first paint. */
  checks: 'all' | 'refusals';
  /** Every service's action names, once loaded after the first paint (they let the validator check any action). */
  actionNames: ActionNames | null;
  /** Set while a large workspace is evaluated in the analysis worker: what is shown is the evaluation before it. */
  analyzing: boolean;
}

export interface UiState {
  view: View;
  batchService: BatchService;
  theme: ThemePref;
  /** Asks the editor to show and select a span of a policy. */
  reveal: { policyId: string; span: Span; seq: number } | null;
  /** Newest first: the newest one not done is shown, all of them are in the list. */
  notices: Notice[];
  noticesOpen: boolean;
  /** A shared workspace waiting for the person to choose (their own work differs). */
  incoming: Workspace | null;
  /** A long share link that opened the page is being decoded (in a worker). */
  openingLink: boolean;
  shareError: string | null;
  helpOpen: boolean;
  /** The policy tab whose name is being edited. */
  renamingId: string | null;
  /** Monaco's tab focus mode (Ctrl+M): Tab moves the focus instead of indenting. */
  editorTabMovesFocus: boolean;
  /** True when the history holds a workspace to go back to (`restorePrevious`). */
  hasPrevious: boolean;
}

export interface Actions {
  setPolicyText(id: string, text: string): void;
  addPolicy(kind: PolicyKind): void;
  renamePolicy(id: string, name: string): void;
  setPolicyKind(id: string, kind: PolicyKind): void;
  removePolicy(id: string): void;
  movePolicy(id: string, delta: number): void;
  /** SCPs and RCPs: moves a policy one organization level out (-1, toward the root) or in (+1, toward the account). */
  moveLevel(id: string, delta: -1 | 1): void;
  setActive(id: string): void;
  cycleActive(delta: number): void;
  setRequest(patch: Partial<SimulationRequest>): void;
  setContextValue(key: string, value: string | string[] | undefined): void;
  renameContextKey(from: string, to: string): void;
  addTestFromRequest(): void;
  updateTest(id: string, patch: Partial<Omit<TestCase, 'id'>>): void;
  removeTest(id: string): void;
  openRequest(request: SimulationRequest): void;
  /**
   * Replaces the whole workspace; the replaced one goes into the history first (unless it is
   * the untouched default), and a notice offers it back. Every path that swaps the workspace
   * (examples, links, New, file open, imports) calls this.
   */
  replaceWorkspace(ws: Workspace, reason: ReplaceReason, options?: { name?: string }): void;
  /** The same as replaceWorkspace, kept for callers written before the history. */
  loadWorkspace(ws: Workspace, reason: ReplaceReason): void;
  /** Opens a history entry; the current work goes into the history in its place. */
  restoreHistory(id: string): void;
  /** Deletes one entry (a notice offers it back). */
  removeHistoryEntry(id: string): void;
  unremoveHistoryEntry(id: string): void;
  /** Puts a workspace into the history without opening it (a shared link set aside); returns its entry. */
  keepInHistory(ws: Workspace, name: string, note: string): HistoryEntry;
  /** After a quota error on the workspace: saves fewer history entries; false when none are left to drop. */
  shrinkSavedHistory(): boolean;
  /** Another tab changed the saved history: its entries join this tab's (none is dropped unseen). */
  mergeStoredHistory(): void;
  /** Keeps the work another tab saved (before this tab saves over it): one entry per tab, replaced by its latest. */
  keepOtherTabWork(ws: Workspace, tab: string, name: string): HistoryEntry;
  setHistoryOpen(open: boolean): void;
  restoreTest(id: string): void;
  /** Adds policy tabs and tests, and sets the request; the workspace before goes into the history. `summary` is the notice's first sentence. */
  addToWorkspace(add: WorkspaceAddition, summary: string): void;
  acceptIncoming(): void;
  dismissIncoming(): void;
  receiveShared(ws: Workspace): void;
  setShareError(error: string | null): void;
  /** Restores the newest history entry. */
  restorePrevious(): void;
  restoreRemoved(): void;
  setView(view: View): void;
  setBatchService(s: BatchService): void;
  setTheme(t: ThemePref): void;
  setHelpOpen(open: boolean): void;
  setRenaming(id: string | null): void;
  setEditorTabMovesFocus(on: boolean): void;
  revealStatement(policyId: string, span: Span): void;
  /** Shows a notice; it goes away by itself unless `expires: false` (it waits for a decision). */
  notify(n: Omit<Notice, 'id' | 'expires' | 'at' | 'done'> & { expires?: boolean }): void;
  /** Hides a notice; it stays in the list of notices. */
  dismissNotice(id: number): void;
  setNoticesOpen(open: boolean): void;
  /** Evaluates the workspace again; `checks: 'refusals'` leaves the findings that cannot refuse for later (`completeChecks`). */
  recompute(options?: { checks?: 'all' | 'refusals' }): void;
  /** Runs every check when the last evaluation ran only the refusing ones (the first paint does). */
  completeChecks(): void;
  setActionNames(names: ActionNames): void;
}

export type StoreState = WorkspaceState & ResultState & UiState & HistoryState & { actions: Actions };
