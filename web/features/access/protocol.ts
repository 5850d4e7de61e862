// The access worker's message protocol and the logic behind it, as a pure module: the
// worker file (access.worker.ts) only wires it to `self`, so Node tests drive the same
// code with a hand-cranked scheduler.
//
// The page sends `load` (files -> an account kept in the worker), `compute` (the table
// for some actions: rows of principals posted as transferable buffers as they are done),
// `cancel`, and `explain` (one cell, through simulate). Every message carries the page's
// job number; a new `load` or `compute` cancels the running computation, which gives
// way between slices of about SLICE_MS so that messages are read while it runs.
import {
  loadAccount,
  simulate,
  whoCanRows,
  whoCanSimulation,
  type AccountFile,
  type ImportedPrincipal,
  type SimulationResult,
  type WhoCanInput,
  type Workspace,
  type WorkspacePolicy,
} from '../../../engine';
import { principalName, repositoryName } from './names';
import type { PrincipalInfo, ResourceInfo } from './view';

export type Context = Record<string, string | string[]>;

export type ToWorker =
  | { type: 'load'; job: number; files: AccountFile[]; region?: string; accountId?: string }
  | { type: 'compute'; job: number; actions: string[]; context: Context; now?: string; from?: number }
  | { type: 'cancel'; job: number }
  | { type: 'explain'; job: number; request: number; principal: number; resource: number; action: number };

export interface AccountSummary {
  principals: PrincipalInfo[];
  resources: ResourceInfo[];
  roles: number;
  users: number;
  scps: number;
  rcps: number;
  /** Repositories that have a repository policy. */
  withPolicy: number;
  warnings: string[];
  /** What the app itself notices in the files (loadAccount's warnings are apart). */
  notes: string[];
  /** Some policy reads `aws:PrincipalOrgID`: the answers depend on the organization ID given. */
  readsOrgId: boolean;
}

export type FromWorker =
  | { type: 'hello'; urls: string[] }
  | { type: 'loaded'; job: number; account: AccountSummary; ms: number }
  | { type: 'load-failed'; job: number; error: string }
  | { type: 'started'; job: number; principals: number; resources: number; actions: string[]; from: number }
  | { type: 'rows'; job: number; from: number; to: number; decisions: Uint8Array; stages: Uint8Array; total: number }
  | { type: 'done'; job: number; ms: number }
  | { type: 'cancelled'; job: number }
  | { type: 'explained'; job: number; request: number; result: SimulationResult; workspace: Workspace }
  | { type: 'failed'; job: number; request?: number; error: string };

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;
/** Runs `fn` soon, after messages already queued (a MessageChannel in the worker). */
export type Later = (fn: () => void) => void;

/** A computation gives way after about this long, so cancel and explain are read. */
export const SLICE_MS = 30;
/** Cells per run of principals posted at once. */
export const CELLS_PER_POST = 50_000;

interface Loaded {
  principals: ImportedPrincipal[];
  resources: { arn: string; policy?: string }[];
  scps: string[];
  rcps: string[];
}

interface Running {
  job: number;
  cancelled: boolean;
}

export interface WorkerHost {
  handle(message: ToWorker): void;
}

export interface HostOptions {
  /** A clock in milliseconds. */
  now?: () => number;
  sliceMs?: number;
  cellsPerPost?: number;
}

/** The worker's state and answers. */
export function createWorkerHost(post: Post, later: Later, options: HostOptions = {}): WorkerHost {
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const cellsPerPost = options.cellsPerPost ?? CELLS_PER_POST;
  let account: Loaded | undefined;
  let input: (WhoCanInput & { job: number }) | undefined;
  let running: Running | undefined;

  const cancelRunning = () => {
    if (running && !running.cancelled) {
      running.cancelled = true;
      post({ type: 'cancelled', job: running.job });
    }
    running = undefined;
  };

  const load = (m: Extract<ToWorker, { type: 'load' }>) => {
    cancelRunning();
    input = undefined;
    const started = now();
    const options: { region?: string; accountId?: string } = {};
    if (m.region?.trim()) options.region = m.region.trim();
    if (m.accountId?.trim()) options.accountId = m.accountId.trim();
    const result = loadAccount(Array.isArray(m.files) ? m.files : [], options);
    if (!result.ok) {
      account = undefined;
      post({ type: 'load-failed', job: m.job, error: result.error });
      return;
    }
    account = { principals: result.principals, resources: result.resources, scps: result.scps, rcps: result.rcps };
    post({ type: 'loaded', job: m.job, account: summarize(result), ms: now() - started });
  };

  const compute = (m: Extract<ToWorker, { type: 'compute' }>) => {
    cancelRunning();
    if (!account) {
      post({ type: 'failed', job: m.job, error: 'No account is loaded.' });
      return;
    }
    const actions = (Array.isArray(m.actions) ? m.actions : []).filter((a) => typeof a === 'string');
    // Resuming (`from` > 0) goes on at the same moment in time as the rows already computed.
    const from = Math.max(0, Math.min(Math.floor(Number(m.from) || 0), account.principals.length));
    const resumedNow = from > 0 ? input?.now : undefined;
    input = {
      job: m.job,
      principals: account.principals,
      resources: account.resources,
      actions,
      scps: account.scps,
      rcps: account.rcps,
      context: m.context ?? {},
      principalContext: principalContext(account.principals),
      now: m.now ?? resumedNow ?? new Date().toISOString(),
    };
    const run: Running = { job: m.job, cancelled: false };
    running = run;
    const cells = account.resources.length * actions.length;
    const total = account.principals.length;
    post({ type: 'started', job: m.job, principals: total, resources: account.resources.length, actions, from });
    const rest = from > 0 ? { ...input, principals: input.principals.slice(from) } : input;
    const rows = whoCanRows(rest, { batchSize: Math.max(1, Math.min(1000, Math.floor(cellsPerPost / Math.max(1, cells)))) });
    const started = now();
    const step = () => {
      if (run.cancelled) return;
      const until = now() + sliceMs;
      try {
        for (;;) {
          const next = rows.next();
          if (next.done) {
            running = undefined;
            post({ type: 'done', job: run.job, ms: now() - started });
            return;
          }
          const { decisions, stages } = next.value;
          post({ type: 'rows', job: run.job, from: from + next.value.from, to: from + next.value.to, decisions, stages, total }, [decisions.buffer, stages.buffer]);
          if (now() >= until) break;
        }
      } catch (e) {
        running = undefined;
        post({ type: 'failed', job: run.job, error: `The table could not be computed: ${String(e)}` });
        return;
      }
      later(step);
    };
    later(step);
  };

  const explain = (m: Extract<ToWorker, { type: 'explain' }>) => {
    if (!input || input.job !== m.job) {
      post({ type: 'failed', job: m.job, request: m.request, error: 'The table has changed since; open the cell again.' });
      return;
    }
    try {
      post({ type: 'explained', job: m.job, request: m.request, ...explainCell(input, m.principal, m.resource, m.action) });
    } catch (e) {
      post({ type: 'failed', job: m.job, request: m.request, error: `The cell could not be explained: ${String(e)}` });
    }
  };

  return {
    handle(message) {
      if (typeof message !== 'object' || message === null) return;
      if (message.type === 'load') load(message);
      else if (message.type === 'compute') compute(message);
      else if (message.type === 'cancel') {
        if (running?.job === message.job) cancelRunning();
      } else if (message.type === 'explain') explain(message);
    },
  };
}

/** The principals' tags as `aws:PrincipalTag/<key>`, which AWS puts in every request they make. */
export function principalContext(principals: readonly ImportedPrincipal[]): Record<string, Context> {
  const out: Record<string, Context> = {};
  for (const p of principals) {
    const tags = p.tags ? Object.entries(p.tags) : [];
    if (tags.length === 0) continue;
    out[p.arn] = Object.fromEntries(tags.map(([k, v]) => [`aws:PrincipalTag/${k}`, v]));
  }
  return out;
}

function summarize(result: Extract<ReturnType<typeof loadAccount>, { ok: true }>): AccountSummary {
  const principals: PrincipalInfo[] = result.principals.map((p) => {
    const n = principalName(p.arn);
    return { arn: p.arn, name: n.name, pathName: n.pathName, type: p.type ?? n.type };
  });
  const resources: ResourceInfo[] = result.resources.map((r) => ({ arn: r.arn, name: repositoryName(r.arn), hasPolicy: !!r.policy }));
  const reads = (t: string | undefined) => !!t && /aws:principalorgid/i.test(t);
  const readsOrgId =
    result.scps.some(reads) ||
    result.rcps.some(reads) ||
    result.resources.some((r) => reads(r.policy)) ||
    result.principals.some((p) => p.policies.some((x) => x.kind !== 'resource' && reads(x.text)));
  return {
    principals,
    resources,
    notes: orgNotes(result.scps),
    roles: principals.filter((p) => p.type === 'role').length,
    users: principals.filter((p) => p.type === 'user').length,
    scps: result.scps.length,
    rcps: result.rcps.length,
    withPolicy: resources.filter((r) => r.hasPolicy).length,
    warnings: result.warnings,
    readsOrgId,
  };
}

/** An SCP without an Allow denies everything at its level: say so (AWS attaches FullAWSAccess by default). */
function orgNotes(scps: readonly string[]): string[] {
  const out: string[] = [];
  scps.forEach((text, i) => {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return;
    }
    const statements = (doc as { Statement?: unknown }).Statement;
    const list = Array.isArray(statements) ? statements : [statements];
    if (!list.some((st) => typeof st === 'object' && st !== null && (st as { Effect?: unknown }).Effect === 'Allow')) {
      out.push(
        `SCP ${i + 1} allows nothing, so every request of the account's users and roles is implicitly denied at its level; AWS attaches \`FullAWSAccess\` by default: add its Allow statement to the SCP's file if that level has it.`,
      );
    }
  });
  return out;
}

/**
 * One cell: what simulate says for exactly the request the table decided
 * (whoCanSimulation), with the policies named, and a workspace holding the same
 * policies and request for the main editor.
 */
export function explainCell(input: WhoCanInput, p: number, r: number, a: number): { result: SimulationResult; workspace: Workspace } {
  const principal = input.principals[p];
  const resource = input.resources[r];
  const sim = whoCanSimulation(input, p, r, a);
  const own = (kind: string) => principal.policies.filter((x) => x.kind === kind);
  const repo = repositoryName(resource.arn);
  const scpNames = (input.scps ?? []).map((_, i) => `SCP ${i + 1}`);
  const rcpNames = (input.rcps ?? []).map((_, i) => `RCP ${i + 1}`);
  sim.names = {
    identity: own('identity').map((x) => x.name),
    boundary: own('boundary').map((x) => x.name),
    session: own('session').map((x) => x.name),
    resource: [`${repo} repository policy`],
    scp: scpNames,
    rcp: rcpNames,
  };
  const result = simulate(sim);
  const policies: WorkspacePolicy[] = [];
  const add = (kind: WorkspacePolicy['kind'], name: string, text: string | object | undefined) => {
    if (text !== undefined) policies.push({ kind, name, text: typeof text === 'string' ? text : JSON.stringify(text, null, 2) });
  };
  own('identity').forEach((x) => add('identity', x.name, x.text));
  add('boundary', own('boundary')[0]?.name ?? 'Permissions boundary', sim.permissionsBoundary);
  add('session', own('session')[0]?.name ?? 'Session policy', sim.sessionPolicy);
  add('resource', `${repo} repository policy`, sim.resourcePolicy);
  (sim.scps ?? []).forEach((t, i) => add('scp', scpNames[i], t));
  (sim.rcps ?? []).forEach((t, i) => add('rcp', rcpNames[i], t));
  const request = { ...sim.request };
  if (!request.context || Object.keys(request.context).length === 0) delete request.context;
  return { result, workspace: { policies, request } };
}
