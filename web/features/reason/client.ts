// The page's side of the reason worker. One job of each kind at a time: a new job of a
// kind replaces the one still running, and cancelling ends the worker (the engine's calls
// are synchronous, so ending the worker is the only way to stop one), which the next job
// starts again.
import type { FromWorker, JobKind, JobResults, ReasonJob, ToWorker } from './protocol';

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  terminate(): void;
}

export type JobOutcome<K extends JobKind> = { status: 'done'; result: JobResults[K]; ms: number } | { status: 'failed'; error: string } | { status: 'cancelled' };

interface Pending {
  kind: JobKind;
  job: ReasonJob;
  resolve(outcome: JobOutcome<JobKind>): void;
}

export class ReasonClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly makeWorker: () => WorkerLike) {}

  private ensure(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.makeWorker();
    w.onmessage = (e) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      p.resolve(m.ok ? { status: 'done', result: m.result, ms: m.ms } : { status: 'failed', error: m.error });
    };
    this.worker = w;
    return w;
  }

  /** Runs a job; one still running of the same kind is cancelled first. */
  run<K extends JobKind>(job: Extract<ReasonJob, { kind: K }>): Promise<JobOutcome<K>> {
    if ([...this.pending.values()].some((p) => p.kind === job.kind)) this.cancel(job.kind);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { kind: job.kind, job, resolve: resolve as (o: JobOutcome<JobKind>) => void });
      this.ensure().postMessage({ id, job });
    });
  }

  /** Whether a job of this kind is running. */
  running(kind: JobKind): boolean {
    return [...this.pending.values()].some((p) => p.kind === kind);
  }

  /**
   * Stops the running job of this kind: the worker ends, and the jobs of other kinds it
   * was holding are sent again to a new one.
   */
  cancel(kind: JobKind): void {
    if (!this.running(kind)) return;
    const w = this.worker;
    this.worker = null;
    w?.terminate();
    const others: [number, Pending][] = [];
    for (const [id, p] of this.pending) {
      if (p.kind === kind) p.resolve({ status: 'cancelled' });
      else others.push([id, p]);
    }
    this.pending.clear();
    if (!others.length) return;
    const next = this.ensure();
    for (const [id, p] of others) {
      this.pending.set(id, p);
      next.postMessage({ id, job: p.job });
    }
  }

  dispose(): void {
    for (const p of this.pending.values()) p.resolve({ status: 'cancelled' });
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
  }
}
