// The Reason view's own state: which sub-view is open, each job's status and result, the
// two versions chosen for a comparison, and the difference opened in the simulator. A
// feature store: its results are large, belong to no workspace, and load with the view.
import { create } from 'zustand';
import { decodeShareFragment, readWorkspaceFile, type Workspace } from '../../../engine';
import { appStore } from '../../store';
import { toWorkspace } from '../../store/workspace';
import { ReasonClient } from './client';
import type { JobKind, JobResults, ReasonJob } from './protocol';

export type ReasonTab = 'compare' | 'coverage' | 'edges' | 'fix' | 'matrix';

export type JobStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobState<K extends JobKind> {
  status: JobStatus;
  result?: JobResults[K];
  error?: string;
  ms?: number;
  /** The policy tabs (ids and texts) the job read, in the order sent: result indexes and spans point into these. */
  tabs?: { id: string; text: string }[];
  /** The workspace the job read. */
  workspace?: Workspace;
}

/** One side of a comparison. */
export type VersionChoice =
  | { source: 'current' }
  | { source: 'history'; id: string }
  | { source: 'file'; name: string; workspace: Workspace | null; error?: string }
  | { source: 'link'; text: string }
  | { source: 'paste'; policy: number; text: string };

/** A difference opened in the simulator: the request, and both versions to show it against. */
export interface Compared {
  request: Workspace['request'];
  before: Workspace;
  after: Workspace;
  beforeLabel: string;
  afterLabel: string;
}

export interface ReasonState {
  tab: ReasonTab;
  jobs: { [K in JobKind]: JobState<K> };
  before: VersionChoice;
  after: VersionChoice;
  compared: Compared | null;
  /** The versions of the last comparison started, as they were then. */
  versions: Omit<Compared, 'request'> | null;
}

const IDLE = { status: 'idle' } as const;

export const useReason = create<ReasonState>()(() => ({
  tab: 'compare',
  jobs: { compare: IDLE, coverage: IDLE, edges: IDLE, fix: IDLE, matrix: IDLE },
  before: { source: 'history', id: '' },
  after: { source: 'current' },
  compared: null,
  versions: null,
}));

let client: ReasonClient | null = null;
function getClient(): ReasonClient {
  client ??= new ReasonClient(() => new Worker(new URL('./reason.worker.ts', import.meta.url), { type: 'module', name: 'reason-worker' }));
  return client;
}

/** The workspace the engine reads: the enabled tabs only (a tab turned off takes no part in any decision). */
export function currentWorkspace(): { workspace: Workspace; tabs: { id: string; text: string }[] } {
  const s = appStore().getState();
  const enabled = s.policies.filter((p) => p.enabled !== false);
  const ws = toWorkspace({ ...s, policies: enabled });
  delete ws.activePolicy;
  return { workspace: ws, tabs: enabled.map((p) => ({ id: p.id, text: p.text })) };
}

function setJob<K extends JobKind>(kind: K, state: JobState<K>) {
  useReason.setState((s) => ({ jobs: { ...s.jobs, [kind]: state } }));
}

/** Runs a job in the worker and keeps its outcome; a newer job of the same kind replaces it. */
const started: Record<JobKind, number> = { compare: 0, coverage: 0, edges: 0, fix: 0, matrix: 0 };

export async function runJob<K extends JobKind>(job: Extract<ReasonJob, { kind: K }>, tabs?: { id: string; text: string }[]): Promise<void> {
  const kind = job.kind as K;
  const seq = ++started[kind];
  const workspace = 'workspace' in job ? job.workspace : undefined;
  // The previous result stays on screen (marked as being recomputed) until the new one arrives.
  setJob(kind, { ...useReason.getState().jobs[kind], status: 'running', error: undefined });
  const outcome = await getClient().run(job);
  // An answer to a job that a newer one replaced is dropped.
  if (started[kind] !== seq) return;
  if (outcome.status === 'done') setJob(kind, { status: 'done', result: outcome.result, ms: outcome.ms, tabs, workspace });
  else if (outcome.status === 'failed') setJob(kind, { status: 'failed', error: outcome.error, tabs, workspace });
  else setJob(kind, { ...useReason.getState().jobs[kind], status: 'cancelled' });
}

export function cancelJob(kind: JobKind): void {
  getClient().cancel(kind);
}

/** Runs a job over the current workspace. */
export function runOnCurrent(kind: Exclude<JobKind, 'compare' | 'fix'>): void {
  const { workspace, tabs } = currentWorkspace();
  void runJob({ kind, workspace }, tabs);
}

export function runFix(): void {
  const { workspace, tabs } = currentWorkspace();
  void runJob({ kind: 'fix', workspace, request: workspace.request }, tabs);
}

/** A share link or its fragment (`#v1.…` or `v1.…`) as a workspace. */
export function workspaceFromLink(text: string): { ok: true; workspace: Workspace } | { ok: false; error: string } {
  const t = text.trim();
  if (!t) return { ok: false, error: 'Paste a share link.' };
  const hash = t.indexOf('#');
  const r = decodeShareFragment(hash >= 0 ? t.slice(hash + 1) : t);
  return r.ok ? { ok: true, workspace: r.workspace } : { ok: false, error: r.error };
}

export function workspaceFromFile(text: string): { ok: true; workspace: Workspace } | { ok: false; error: string } {
  const r = readWorkspaceFile(text);
  return r.ok ? { ok: true, workspace: r.workspace } : { ok: false, error: r.error };
}

/** The workspace a choice stands for, or why there is none. */
export function resolveChoice(c: VersionChoice): { ok: true; workspace: Workspace; label: string } | { ok: false; error: string } {
  const current = currentWorkspace().workspace;
  switch (c.source) {
    case 'current':
      return { ok: true, workspace: current, label: 'the current workspace' };
    case 'history': {
      const entry = appStore().getState().history.find((e) => e.id === c.id);
      if (!entry) return { ok: false, error: 'Choose a history entry.' };
      return { ok: true, workspace: entry.workspace, label: `“${entry.name}” (history)` };
    }
    case 'file':
      if (c.error) return { ok: false, error: c.error };
      return c.workspace ? { ok: true, workspace: c.workspace, label: `the file ${c.name}` } : { ok: false, error: 'Choose a workspace file.' };
    case 'link': {
      const r = workspaceFromLink(c.text);
      return r.ok ? { ok: true, workspace: r.workspace, label: 'the pasted link' } : r;
    }
    case 'paste': {
      const p = current.policies[c.policy];
      if (!p) return { ok: false, error: 'Choose the tab the pasted policy replaces.' };
      if (!c.text.trim()) return { ok: false, error: 'Paste a policy.' };
      const policies = current.policies.map((q, i) => (i === c.policy ? { ...q, text: c.text } : q));
      return { ok: true, workspace: { ...current, policies }, label: `the pasted policy in place of “${p.name}”` };
    }
  }
}

export function setChoice(side: 'before' | 'after', choice: VersionChoice): void {
  useReason.setState({ [side]: choice } as Pick<ReasonState, 'before'>);
}

export function runCompare(): { ok: true } | { ok: false; error: string } {
  const s = useReason.getState();
  const before = resolveChoice(s.before);
  if (!before.ok) return { ok: false, error: `Before: ${before.error}` };
  const after = resolveChoice(s.after);
  if (!after.ok) return { ok: false, error: `After: ${after.error}` };
  useReason.setState({ versions: { before: before.workspace, after: after.workspace, beforeLabel: before.label, afterLabel: after.label } });
  void runJob({ kind: 'compare', before: before.workspace, after: after.workspace });
  return { ok: true };
}

export function setTab(tab: ReasonTab): void {
  useReason.setState({ tab });
}

export function setCompared(c: Compared | null): void {
  useReason.setState({ compared: c });
}
