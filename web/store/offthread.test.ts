// A large workspace is evaluated away from the page's thread (the analysis worker): the
// store shows the evaluation before it, marked, until the answer comes; a later edit's
// answer wins over an earlier one; a worker that fails leaves the work to this thread.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE } from '../default-workspace';
import type { JobOutcome } from '../lib/jobs';
import { evaluate, evaluationWork, forPage, OFF_THREAD_WORK, TRACE_CONDITIONS, type EvaluateOptions, type Evaluation } from './evaluate';
import { createAppStore } from './index';
import { writeStoredWorkspace } from './persistence';

/** An identity policy of `n` statements, each allowing ecr:ListImages on its own repository: about 150 characters each. */
function bigPolicy(n: number, action = 'ecr:ListImages'): string {
  const statements = Array.from({ length: n }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: action, Resource: `arn:aws:ecr:us-east-1:111122223333:repository/r${i}` }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** An off-thread evaluator the test answers by hand, with the options it was asked. */
function handWorker() {
  const asked: { options: EvaluateOptions; answer(o: JobOutcome<Evaluation>): void }[] = [];
  const analyzeOffThread = (options: EvaluateOptions) => new Promise<JobOutcome<Evaluation>>((answer) => asked.push({ options, answer }));
  /** Answers job `i` as the worker would: the evaluation, cut for the page, copied. */
  const run = (i: number) => asked[i].answer({ status: 'done', result: structuredClone(forPage(evaluate(asked[i].options))), ms: 12 });
  return { asked, analyzeOffThread, run };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function bigStore(worker: ReturnType<typeof handWorker>) {
  const store = createAppStore({ location: { hash: '' }, storage: null, analyzeOffThread: worker.analyzeOffThread });
  const id = store.getState().policies[0].id;
  return { store, id, actions: () => store.getState().actions };
}

describe('evaluation off the page’s thread', () => {
  it('keeps a small workspace on this thread, with its answer at once', () => {
    const worker = handWorker();
    const { store } = bigStore(worker);
    expect(worker.asked).toHaveLength(0);
    expect(store.getState().result?.decision).toBeDefined();
    expect(store.getState().analyzing).toBe(false);
  });

  it('sends a large one to the worker, keeps the last decision on screen marked as being redone, then shows the answer', async () => {
    const worker = handWorker();
    const { store, id, actions } = bigStore(worker);
    const before = store.getState().result;
    const seq = store.getState().evalSeq;
    const text = bigPolicy(3_000);
    expect(evaluationWork({ policies: [{ id, kind: 'identity', name: 'x', text }], request: DEFAULT_WORKSPACE.request, tests: [] })).toBeGreaterThan(OFF_THREAD_WORK);
    actions().setPolicyText(id, text);
    expect(worker.asked).toHaveLength(1);
    expect(store.getState()).toMatchObject({ analyzing: true, result: before, evalSeq: seq });
    worker.run(0);
    await tick();
    const s = store.getState();
    expect(s.analyzing).toBe(false);
    expect(s.evalSeq).toBe(seq + 1);
    expect(s.evalMs).toBe(12);
    // The same decision as the page's own evaluation of that text.
    const here = evaluate(worker.asked[0].options);
    expect(s.result?.decision).toBe(here.result?.decision);
    expect(s.diagnostics).toEqual(here.diagnostics);
  });

  it('a large saved workspace opens with no decision yet, marked as being evaluated, then the worker’s', async () => {
    const worker = handWorker();
    const big = { ...DEFAULT_WORKSPACE, policies: [{ kind: 'identity' as const, name: 'big', text: bigPolicy(3_000) }] };
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    writeStoredWorkspace(storage, big);
    const store = createAppStore({ location: { hash: '' }, storage, analyzeOffThread: worker.analyzeOffThread, firstChecks: 'refusals' });
    expect(store.getState()).toMatchObject({ result: null, analyzing: true });
    worker.run(0);
    await tick();
    expect(store.getState().analyzing).toBe(false);
    expect(store.getState().result?.decision).toBe(evaluate(worker.asked[0].options).result?.decision);
    // Every check ran: the first paint does not wait on the worker, so it is not split.
    expect(worker.asked[0].options.checks).toBe('all');
  });

  it('drops an answer to a text that a later edit replaced', async () => {
    const worker = handWorker();
    const { store, id, actions } = bigStore(worker);
    actions().setPolicyText(id, bigPolicy(3_000, 'ecr:PutImage'));
    actions().setPolicyText(id, bigPolicy(3_000, 'ecr:ListImages'));
    expect(worker.asked).toHaveLength(2);
    worker.run(1);
    await tick();
    const latest = store.getState().evalSeq;
    expect(store.getState().analyzing).toBe(false);
    // The older job's answer arrives last: it is not shown.
    worker.run(0);
    await tick();
    expect(store.getState().evalSeq).toBe(latest);
    expect(store.getState().result?.policies[0].statements[0].action.matched).toBe(evaluate(worker.asked[1].options).result?.policies[0].statements[0].action.matched);
  });

  it('an edit back to a small text is answered here, and the worker’s late answer is dropped', async () => {
    const worker = handWorker();
    const { store, id, actions } = bigStore(worker);
    const small = store.getState().policies[0].text;
    actions().setPolicyText(id, bigPolicy(3_000));
    actions().setPolicyText(id, small);
    expect(store.getState().analyzing).toBe(false);
    const seq = store.getState().evalSeq;
    worker.run(0);
    await tick();
    expect(store.getState().evalSeq).toBe(seq);
    expect(store.getState().policies[0].text).toBe(small);
  });

  it('a worker that fails leaves the evaluation to this thread: slow, but the answer comes', async () => {
    const worker = handWorker();
    const { store, id, actions } = bigStore(worker);
    actions().setPolicyText(id, bigPolicy(3_000));
    worker.asked[0].answer({ status: 'failed', error: 'The worker stopped before it answered.' });
    await tick();
    expect(store.getState().analyzing).toBe(false);
    expect(store.getState().result?.decision).toBe(evaluate(worker.asked[0].options).result?.decision);
  });
});

describe('the evaluation the worker sends', () => {
  it('keeps a statement’s first conditions in the trace and counts the rest; the decision and the rest are unchanged', () => {
    const keys: Record<string, string> = {};
    for (let i = 0; i < TRACE_CONDITIONS + 250; i++) keys[`aws:PrincipalTag/k${i}`] = 'v';
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' }, { Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*', Condition: { StringEquals: keys } }] });
    const request = { ...DEFAULT_WORKSPACE.request, action: 'ecr:ListImages' };
    const full = evaluate({ policies: [{ id: 'p', kind: 'identity', name: 'p', text }], request, tests: [], batchService: null, actionNames: null });
    expect(full.result?.policies[0].statements[1].conditions).toHaveLength(TRACE_CONDITIONS + 250);
    const cut = forPage(full);
    expect(cut.traceCut).toEqual({ 'identity:0:1': 250 });
    expect(cut.result?.policies[0].statements[1].conditions).toHaveLength(TRACE_CONDITIONS);
    expect(cut.result?.policies[0].statements[1].conditions).toEqual(full.result?.policies[0].statements[1].conditions.slice(0, TRACE_CONDITIONS));
    expect(cut.result?.policies[0].statements[0]).toBe(full.result?.policies[0].statements[0]);
    expect({ ...cut.result, policies: undefined }).toEqual({ ...full.result, policies: undefined });
    expect({ ...cut, result: undefined, traceCut: undefined }).toEqual({ ...full, result: undefined, traceCut: undefined });
  });

  it('leaves an evaluation without such a statement as it is', () => {
    const full = evaluate({ policies: [{ id: 'p', kind: 'identity', name: 'p', text: bigPolicy(10) }], request: DEFAULT_WORKSPACE.request, tests: [], batchService: null, actionNames: null });
    expect(forPage(full)).toBe(full);
  });
});
