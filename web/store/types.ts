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

export type View = 'explain' | 'batch' | 'tests' | 'examples';
export type ThemePref = 'system' | 'light' | 'dark';
export type BatchService = 'ecr' | 'ecs';

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
  /** A button that undoes what the notice reports. */
  action?: { label: string; run: 'restore-previous' | 'restore-removed' };
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
  /** Every condition key the policies read, in order of first use, and whether the request lacks it. */
  conditionKeys: { key: string; missing: boolean }[];
  /** Counts evaluations; the page benchmark waits on it. */
  evalSeq: number;
  evalMs: number;
  /** Every service's action names, once loaded after the first paint (they let the validator check any action). */
  actionNames: ActionNames | null;
}

export interface UiState {
  view: View;
  batchService: BatchService;
  theme: ThemePref;
  /** Asks the editor to show and select a span of a policy. */
  reveal: { policyId: string; span: Span; seq: number } | null;
  notices: Notice[];
  /** A shared workspace waiting for the person to choose (their own work differs). */
  incoming: Workspace | null;
  shareError: string | null;
  helpOpen: boolean;
  /** The policy tab whose name is being edited. */
  renamingId: string | null;
  /** True when a previous workspace was kept in storage and can be restored. */
  hasPrevious: boolean;
}

export interface Actions {
  setPolicyText(id: string, text: string): void;
  addPolicy(kind: PolicyKind): void;
  renamePolicy(id: string, name: string): void;
  setPolicyKind(id: string, kind: PolicyKind): void;
  removePolicy(id: string): void;
  movePolicy(id: string, delta: number): void;
  setActive(id: string): void;
  cycleActive(delta: number): void;
  setRequest(patch: Partial<SimulationRequest>): void;
  setContextValue(key: string, value: string | string[] | undefined): void;
  renameContextKey(from: string, to: string): void;
  addTestFromRequest(): void;
  updateTest(id: string, patch: Partial<Omit<TestCase, 'id'>>): void;
  removeTest(id: string): void;
  openRequest(request: SimulationRequest): void;
  loadWorkspace(ws: Workspace, reason: 'example' | 'shared' | 'reset' | 'restore' | 'access'): void;
  acceptIncoming(): void;
  dismissIncoming(): void;
  receiveShared(ws: Workspace): void;
  setShareError(error: string | null): void;
  restorePrevious(): void;
  restoreRemoved(): void;
  setView(view: View): void;
  setBatchService(s: BatchService): void;
  setTheme(t: ThemePref): void;
  setHelpOpen(open: boolean): void;
  setRenaming(id: string | null): void;
  revealStatement(policyId: string, span: Span): void;
  notify(n: Omit<Notice, 'id'>): void;
  dismissNotice(id: number): void;
  recompute(): void;
  setActionNames(names: ActionNames): void;
}

export type StoreState = WorkspaceState & ResultState & UiState & { actions: Actions };
