// Shapes of the app's store. The store holds texts and engine results; editor
// objects live in web/monaco and web/features/editor, never here.
import type { Decision, PolicyKind, SimulationRequest, SimulationResult, Span } from '../../engine';
import type { AccessLevel, Diagnostic, Workspace } from '../engine-extras';

export interface PolicyTab {
  /** Local id, stable while the tab lives; not part of share links. */
  id: string;
  kind: PolicyKind;
  name: string;
  text: string;
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

export interface ResultState {
  result: SimulationResult | null;
  /** Per policy id. */
  diagnostics: Record<string, Diagnostic[]>;
  /** Per test id. */
  testOutcomes: Record<string, TestOutcome>;
  failingTests: number;
  batch: BatchRow[] | null;
  /** `${kind}:${index}` of the engine's PolicyRef -> policy id. */
  refIds: Record<string, string>;
  /** Tabs the engine leaves out (a second resource policy, say). */
  ignored: string[];
  /** Every condition key the policies read, in order of first use, and whether the request lacks it. */
  conditionKeys: { key: string; missing: boolean }[];
  /** Counts evaluations; the page benchmark waits on it. */
  evalSeq: number;
  evalMs: number;
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
  loadWorkspace(ws: Workspace, reason: 'example' | 'shared' | 'reset' | 'restore'): void;
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
}

export type StoreState = WorkspaceState & ResultState & UiState & { actions: Actions };
