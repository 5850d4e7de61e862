// Jobs for a worker: one message per job, one answer per job, one job of each kind at a
// time. A new job of a kind replaces the one still running, and cancelling ends the worker
// (the engine's calls are synchronous, so ending the worker is the only way to stop one),
// which the next job starts again. The reason worker and the analysis worker both use it.

/** A job names its kind; the answer's type follows from it. */
export interface Job {
  kind: string;
}

export interface JobMessage<J extends Job> {
  id: number;
  job: J;
}

export type JobAnswer<R> = { id: number; ok: true; result: R; ms: number } | { id: number; ok: false; error: string };

export interface JobWorker<J extends Job, R> {
  postMessage(message: JobMessage<J>): void;
  onmessage: ((event: MessageEvent<JobAnswer<R>>) => void) | null;
  /** Set when the worker can fail to start (a host that refuses worker scripts). */
  onerror?: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export type JobOutcome<R> = { status: 'done'; result: R; ms: number } | { status: 'failed'; error: string } | { status: 'cancelled' };

/** Answers one message; never throws (an error becomes a failed answer). */
export function answerJob<J extends Job, R>(run: (job: J) => R, message: JobMessage<J>, now: () => number = () => performance.now()): JobAnswer<R> {
  const start = now();
  try {
    const result = run(message.job);
    return { id: message.id, ok: true, result, ms: now() - start };
  } catch (e) {
    return { id: message.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

interface Pending<J, R> {
  job: J;
  resolve(outcome: JobOutcome<R>): void;
}

/** `Results` maps each job kind to its answer's type. */
export class JobClient<J extends Job, Results extends { [K in J['kind']]: unknown }> {
  private worker: JobWorker<J, Results[J['kind']]> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<J, Results[J['kind']]>>();

  constructor(private readonly makeWorker: () => JobWorker<J, Results[J['kind']]>) {}

  private ensure(): JobWorker<J, Results[J['kind']]> {
    if (this.worker) return this.worker;
    const w = this.makeWorker();
    w.onmessage = (e) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      p.resolve(m.ok ? { status: 'done', result: m.result, ms: m.ms } : { status: 'failed', error: m.error });
    };
    // A worker that cannot start, or dies: its jobs fail (the caller decides what to do instead).
    w.onerror = () => {
      if (this.worker !== w) return;
      this.worker = null;
      w.terminate();
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const p of lost) p.resolve({ status: 'failed', error: 'The worker stopped before it answered.' });
    };
    this.worker = w;
    return w;
  }

  /** Runs a job; one still running of the same kind is cancelled first. */
  run<K extends J['kind']>(job: Extract<J, { kind: K }>): Promise<JobOutcome<Results[K]>> {
    if (this.running(job.kind)) this.cancel(job.kind);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { job, resolve: resolve as (o: JobOutcome<Results[J['kind']]>) => void });
      try {
        this.ensure().postMessage({ id, job });
      } catch (e) {
        // No worker (refused by the host), or a job that cannot be copied to one.
        this.pending.delete(id);
        resolve({ status: 'failed', error: e instanceof Error ? e.message : String(e) });
      }
    });
  }

  /** Whether a job of this kind is running. */
  running(kind: J['kind']): boolean {
    return [...this.pending.values()].some((p) => p.job.kind === kind);
  }

  /**
   * Stops the running job of this kind: the worker ends, and the jobs of other kinds it
   * was holding are sent again to a new one.
   */
  cancel(kind: J['kind']): void {
    if (!this.running(kind)) return;
    const w = this.worker;
    this.worker = null;
    w?.terminate();
    const others: [number, Pending<J, Results[J['kind']]>][] = [];
    for (const [id, p] of this.pending) {
      if (p.job.kind === kind) p.resolve({ status: 'cancelled' });
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
