import { describe, expect, it } from 'vitest';
import { answerJob, JobClient, type JobAnswer, type JobMessage, type JobWorker } from './jobs';

type Job = { kind: 'sum'; numbers: number[] } | { kind: 'echo'; text: string };
interface Results {
  sum: number;
  echo: string;
}

function fakeWorkers() {
  const made: { sent: JobMessage<Job>[]; ended: boolean; w: JobWorker<Job, number | string> }[] = [];
  const make = () => {
    const rec = { sent: [] as JobMessage<Job>[], ended: false, w: null as unknown as JobWorker<Job, number | string> };
    rec.w = { onmessage: null, onerror: null, postMessage: (m) => rec.sent.push(m), terminate: () => (rec.ended = true) };
    made.push(rec);
    return rec.w;
  };
  return { made, make };
}

describe('worker jobs', () => {
  it('answers a job, and turns an error into a failed answer', () => {
    const run = (j: Job) => (j.kind === 'sum' ? j.numbers.reduce((a, b) => a + b, 0) : j.text);
    expect(answerJob(run, { id: 1, job: { kind: 'sum', numbers: [1, 2] } }, () => 0)).toEqual({ id: 1, ok: true, result: 3, ms: 0 });
    expect(answerJob(() => { throw new Error('boom'); }, { id: 2, job: { kind: 'echo', text: '' } })).toEqual({ id: 2, ok: false, error: 'boom' });
  });

  it('a new job of a kind cancels the running one by ending the worker', async () => {
    const { made, make } = fakeWorkers();
    const client = new JobClient<Job, Results>(make);
    const first = client.run({ kind: 'sum', numbers: [1] });
    const second = client.run({ kind: 'sum', numbers: [2] });
    expect(await first).toEqual({ status: 'cancelled' });
    expect(made[0].ended).toBe(true);
    const reply: JobAnswer<number> = { id: made[1].sent[0].id, ok: true, result: 2, ms: 1 };
    made[1].w.onmessage?.({ data: reply } as MessageEvent<JobAnswer<number | string>>);
    expect(await second).toEqual({ status: 'done', result: 2, ms: 1 });
  });

  it('a worker that dies fails its jobs, and the next job starts a new one', async () => {
    const { made, make } = fakeWorkers();
    const client = new JobClient<Job, Results>(make);
    const job = client.run({ kind: 'echo', text: 'x' });
    made[0].w.onerror?.({} as ErrorEvent);
    expect(await job).toEqual({ status: 'failed', error: 'The worker stopped before it answered.' });
    expect(made[0].ended).toBe(true);
    void client.run({ kind: 'echo', text: 'y' });
    expect(made).toHaveLength(2);
    expect(made[1].sent[0].job).toEqual({ kind: 'echo', text: 'y' });
  });

  it('a worker that cannot be made fails the job instead of throwing', async () => {
    const client = new JobClient<Job, Results>(() => {
      throw new Error('Workers are refused here.');
    });
    expect(await client.run({ kind: 'sum', numbers: [] })).toEqual({ status: 'failed', error: 'Workers are refused here.' });
    expect(client.running('sum')).toBe(false);
  });
});
