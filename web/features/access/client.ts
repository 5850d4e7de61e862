// The page's side of the access worker: sends jobs, drops answers to jobs it has moved
// past, and assembles the rows the worker transfers into one matrix (no object per
// cell). Knows nothing of React; the feature's store subscribes to it.
import type { AccountFile, SimulationResult, Workspace } from '../../../engine';
import type { AccountSummary, Context, FromWorker, ToWorker } from './protocol';
import type { AccessData } from './view';

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  onmessage: ((event: MessageEvent) => void) | null;
  terminate(): void;
}

export type ComputeStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ClientState {
  loading: boolean;
  account: AccountSummary | null;
  loadError: string | null;
  loadMs: number;
  status: ComputeStatus;
  computeError: string | null;
  /** The matrix being filled (or filled); its buffers change in place, `version` says when. */
  data: AccessData | null;
  /** The compute job the data belongs to (for `explain`). */
  job: number;
  /** Milliseconds from the start of the computation to its last row. */
  computeMs: number;
  version: number;
}

export type Explained = { ok: true; result: SimulationResult; workspace: Workspace } | { ok: false; error: string };

export const EMPTY_STATE: ClientState = {
  loading: false,
  account: null,
  loadError: null,
  loadMs: 0,
  status: 'idle',
  computeError: null,
  data: null,
  job: 0,
  computeMs: 0,
  version: 0,
};

export interface ClientOptions {
  /** Calls to the listener while rows arrive are at most this often (ms); others are merged. */
  throttleMs?: number;
  now?: () => number;
  /** Schedules the merged call. */
  timer?: (fn: () => void, ms: number) => unknown;
  /** The worker's own files, for offline use. */
  onWorkerFiles?: (urls: string[]) => void;
}

export class AccessClient {
  private worker: WorkerLike | null = null;
  private nextJob = 1;
  private loadJob = 0;
  private computeJob = 0;
  private computeStarted = 0;
  private nextRequest = 1;
  private context: Context = {};
  private actions: string[] = [];
  private readonly waiting = new Map<number, (e: Explained) => void>();
  private state: ClientState = EMPTY_STATE;
  private lastNotify = -Infinity;
  private pendingNotify = false;
  private readonly throttleMs: number;
  private readonly now: () => number;
  private readonly timer: (fn: () => void, ms: number) => unknown;
  private readonly onWorkerFiles: ((urls: string[]) => void) | undefined;

  constructor(
    private readonly makeWorker: () => WorkerLike,
    private readonly listener: (state: ClientState) => void,
    options: ClientOptions = {},
  ) {
    this.onWorkerFiles = options.onWorkerFiles;
    this.throttleMs = options.throttleMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.timer = options.timer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  get snapshot(): ClientState {
    return this.state;
  }

  private send(message: ToWorker): void {
    if (!this.worker) {
      this.worker = this.makeWorker();
      this.worker.onmessage = (e) => this.receive(e.data as FromWorker);
    }
    this.worker.postMessage(message);
  }

  private set(patch: Partial<ClientState>, throttle = false): void {
    this.state = { ...this.state, ...patch, version: this.state.version + 1 };
    if (!throttle) {
      this.flush();
      return;
    }
    const wait = this.lastNotify + this.throttleMs - this.now();
    if (wait <= 0) this.flush();
    else if (!this.pendingNotify) {
      this.pendingNotify = true;
      this.timer(() => this.flush(), wait);
    }
  }

  private flush(): void {
    this.pendingNotify = false;
    this.lastNotify = this.now();
    this.listener(this.state);
  }

  /** Reads files into an account in the worker; cancels any computation. */
  load(files: AccountFile[], options: { region?: string; accountId?: string } = {}): void {
    const job = this.nextJob++;
    this.loadJob = job;
    this.computeJob = 0;
    this.failWaiting();
    this.set({ loading: true, loadError: null, status: 'idle', computeError: null, data: null, job: 0 });
    this.send({ type: 'load', job, files, ...options });
  }

  /** Computes the table for these actions over the loaded account; cancels the one running. */
  compute(actions: string[], context: Context): void {
    if (!this.state.account) return;
    const job = this.nextJob++;
    this.computeJob = job;
    this.failWaiting();
    this.computeStarted = this.now();
    this.context = context;
    this.actions = actions;
    this.set({ status: 'running', computeError: null, computeMs: 0 });
    this.send({ type: 'compute', job, actions, context });
  }

  /** Goes on with a cancelled computation from the first principal it had not reached. */
  resume(): void {
    const data = this.state.data;
    if (this.state.status !== 'cancelled' || !this.state.account) return;
    // Stopped before its first row: start again.
    if (!data) return this.compute(this.actions, this.context);
    const job = this.nextJob++;
    this.computeJob = job;
    this.failWaiting();
    this.computeStarted = this.now();
    this.set({ status: 'running', computeError: null, computeMs: 0 });
    this.send({ type: 'compute', job, actions: data.actions, context: this.context, from: data.done });
  }

  cancel(): void {
    if (this.state.status !== 'running') return;
    this.send({ type: 'cancel', job: this.computeJob });
    this.computeJob = 0;
    this.set({ status: 'cancelled' });
  }

  /** simulate's answer for one cell of the current table. */
  explain(principal: number, resource: number, action: number): Promise<Explained> {
    const job = this.state.job;
    if (!job) return Promise.resolve({ ok: false, error: 'Nothing is computed yet.' });
    const request = this.nextRequest++;
    return new Promise((resolve) => {
      this.waiting.set(request, resolve);
      this.send({ type: 'explain', job, request, principal, resource, action });
    });
  }

  dispose(): void {
    this.failWaiting();
    this.worker?.terminate();
    this.worker = null;
  }

  private failWaiting(): void {
    for (const resolve of this.waiting.values()) resolve({ ok: false, error: 'The table has changed since; open the cell again.' });
    this.waiting.clear();
  }

  /** One message from the worker. Public for tests that wire a host in directly. */
  receive(m: FromWorker): void {
    switch (m.type) {
      case 'hello':
        this.onWorkerFiles?.(m.urls);
        return;
      case 'loaded':
        if (m.job !== this.loadJob) return;
        this.set({ loading: false, account: m.account, loadError: null, loadMs: m.ms });
        return;
      case 'load-failed':
        if (m.job !== this.loadJob) return;
        this.set({ loading: false, account: null, loadError: m.error, data: null });
        return;
      case 'started': {
        if (m.job !== this.computeJob || !this.state.account) return;
        const kept = this.state.data;
        if (m.from > 0 && kept && kept.actions.length === m.actions.length && kept.done === m.from) {
          // Resumed: the rows so far stay.
          this.set({ job: m.job });
          return;
        }
        const cells = m.principals * m.resources * m.actions.length;
        const data: AccessData = {
          principals: this.state.account.principals,
          resources: this.state.account.resources,
          actions: m.actions,
          decisions: new Uint8Array(cells),
          stages: new Uint8Array(cells),
          done: 0,
        };
        this.set({ data, job: m.job });
        return;
      }
      case 'rows': {
        const data = this.state.data;
        if (m.job !== this.computeJob || !data) return;
        const per = data.resources.length * data.actions.length;
        data.decisions.set(m.decisions, m.from * per);
        data.stages.set(m.stages, m.from * per);
        data.done = m.to;
        this.set({}, true);
        return;
      }
      case 'done':
        if (m.job !== this.computeJob) return;
        this.computeJob = 0;
        this.set({ status: 'done', computeMs: this.now() - this.computeStarted });
        return;
      case 'cancelled':
        return;
      case 'explained': {
        const resolve = this.waiting.get(m.request);
        this.waiting.delete(m.request);
        resolve?.({ ok: true, result: m.result, workspace: m.workspace });
        return;
      }
      case 'failed': {
        if (m.request !== undefined) {
          const resolve = this.waiting.get(m.request);
          this.waiting.delete(m.request);
          resolve?.({ ok: false, error: m.error });
          return;
        }
        if (m.job !== this.computeJob) return;
        this.computeJob = 0;
        this.set({ status: 'failed', computeError: m.error });
        return;
      }
    }
  }
}
