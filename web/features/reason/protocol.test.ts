import { describe, expect, it } from 'vitest';
import { compareWorkspaces, coverage, edgeCases, fullMatrix, simulate, suggestFixes, type Workspace } from '../../../engine';
import { ReasonClient, type WorkerLike } from './client';
import { answer, applyFix, type FromWorker, type ReasonEngine, type ToWorker } from './protocol';

const engine: ReasonEngine = { compareWorkspaces, coverage, edgeCases, suggestFixes, fullMatrix };
const ws: Workspace = {
  policies: [{ kind: 'identity', name: 'ci', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' }] }) }],
  request: { principal: 'arn:aws:iam::111111111111:role/ci', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web' },
};

describe('reason worker protocol', () => {
  it('a fix job returns fixes whose proof comparison changes only the request’s action, and applying the first allows it', () => {
    const a = answer(engine, { id: 1, job: { kind: 'fix', workspace: ws, request: ws.request } });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const { fix, proofs } = a.result as { fix: ReturnType<typeof suggestFixes>; proofs: ReturnType<typeof compareWorkspaces>[] };
    expect(fix.fixes.length).toBeGreaterThan(0);
    expect(proofs).toHaveLength(fix.fixes.length);
    for (const d of proofs[0].differences) expect(d.request.action).toBe('ecr:PutImage');
    const fixed = applyFix(ws, fix.fixes[0]);
    const r = simulate({ identityPolicies: fixed.policies.filter((p) => p.kind === 'identity').map((p) => p.text), request: ws.request });
    expect(r.decision).toBe('Allow');
  });

  it('an engine error is a failed answer, not a thrown one', () => {
    const broken: ReasonEngine = { ...engine, coverage: () => { throw new Error('boom'); } };
    expect(answer(broken, { id: 7, job: { kind: 'coverage', workspace: ws } })).toEqual({ id: 7, ok: false, error: 'boom' });
  });

  it('cancelling ends the worker and re-sends the other kinds’ jobs to a new one', async () => {
    const workers: { sent: ToWorker[]; ended: boolean; w: WorkerLike }[] = [];
    const client = new ReasonClient(() => {
      const rec = { sent: [] as ToWorker[], ended: false, w: null as unknown as WorkerLike };
      rec.w = { onmessage: null, postMessage: (m) => rec.sent.push(m), terminate: () => (rec.ended = true) };
      workers.push(rec);
      return rec.w;
    });
    const matrix = client.run({ kind: 'matrix', workspace: ws });
    const cov = client.run({ kind: 'coverage', workspace: ws });
    client.cancel('matrix');
    expect(await matrix).toEqual({ status: 'cancelled' });
    expect(workers[0].ended).toBe(true);
    expect(workers[1].sent.map((m) => m.job.kind)).toEqual(['coverage']);
    const reply: FromWorker = { id: workers[1].sent[0].id, ok: true, result: coverage(ws), ms: 1 };
    workers[1].w.onmessage?.({ data: reply } as MessageEvent<FromWorker>);
    expect((await cov).status).toBe('done');
  });
});
