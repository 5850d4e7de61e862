// Runs the engine over the workspace: one analyzeWorkspace call (decision, every
// policy's diagnostics, the policy tests, acceptance), then, when shown, the batch
// table. Pure apart from the analyzer's per-policy memory: the store calls it after each
// edit, on the page's thread or, for a large workspace, in the analysis worker; so what it
// returns is plain data.
import { createWorkspaceAnalyzer, type ActionNames, type SimulationRequest } from '../../engine';
import { listActions, type AccessLevel } from '../engine-extras';
import type { JobOutcome } from '../lib/jobs';
import type { BatchRow, BatchService, PolicyTab, ResultState, TestCase, TestOutcome } from './types';

const LEVEL_ORDER: AccessLevel[] = ['List', 'Read', 'Write', 'Tagging', 'Permissions management'];

export function batchRequests(service: BatchService, request: SimulationRequest): { request: SimulationRequest; level: AccessLevel; description: string }[] {
  const actions = [...listActions(service)].sort(
    (a, b) => LEVEL_ORDER.indexOf(a.accessLevel) - LEVEL_ORDER.indexOf(b.accessLevel) || a.name.localeCompare(b.name),
  );
  return actions.map((a) => ({
    // An action with no resource types only works with "Resource": "*".
    request: { ...request, action: `${a.service}:${a.name}`, resource: a.resourceLevel ? request.resource : '*' },
    level: a.accessLevel,
    description: a.description,
  }));
}

/** The page's analyzer: it re-reads only the policies that changed since the last edit. */
const analyzer = createWorkspaceAnalyzer();

export interface EvaluateOptions {
  policies: readonly PolicyTab[];
  request: SimulationRequest;
  tests: readonly TestCase[];
  batchService: BatchService | null;
  actionNames: ActionNames | null;
  /** `'refusals'`: only the checks that can refuse (the decision is the same), for the first paint. */
  checks?: 'all' | 'refusals';
}

/** What one evaluation gives the store: plain data, so that it can cross from a worker. */
export type Evaluation = Omit<ResultState, 'evalSeq' | 'evalMs' | 'stale' | 'actionNames' | 'checks' | 'analyzing'> & {
  /** The policies whose JSON is not well formed, in order. */
  malformed: readonly string[];
};

/** Evaluates in the analysis worker; absent in unit tests and where workers cannot run. */
export type OffThread = (o: EvaluateOptions) => Promise<JobOutcome<Evaluation>>;

/**
 * Work above this (characters of policy text read, once for the request and once per
 * test, plus the request's own) goes to the analysis worker. Below it an evaluation takes
 * under about 50 ms on a slow machine, and the answer comes in the same frame as the edit.
 */
export const OFF_THREAD_WORK = 256_000;

/** The size of an evaluation's work, in characters read (see OFF_THREAD_WORK). */
export function evaluationWork(o: Pick<EvaluateOptions, 'policies' | 'request' | 'tests'>): number {
  let text = 0;
  for (const p of o.policies) text += p.text.length;
  let request = 0;
  for (const [k, v] of Object.entries(o.request.context ?? {})) request += k.length + (Array.isArray(v) ? v.join('').length : String(v).length);
  return text * (1 + o.tests.length) + request;
}

export function evaluate(o: EvaluateOptions): Evaluation {
  const analysis = analyzer.analyze(
    { policies: o.policies.map((p) => ({ id: p.id, kind: p.kind, name: p.name, text: p.text, enabled: p.enabled })), request: o.request, tests: o.tests },
    { actionNames: o.actionNames ?? undefined, checks: o.checks ?? 'all' },
  );
  const result = analysis.result;
  const testOutcomes: Record<string, TestOutcome> = {};
  for (const t of analysis.tests) testOutcomes[t.id] = { actual: t.actual, pass: t.pass };
  let batch: BatchRow[] | null = null;
  if (o.batchService) {
    // The batch view asks hundreds of requests of the same policies: the compiled fast path.
    const compiled = analysis.compiled;
    batch = batchRequests(o.batchService, o.request).map((b) => ({
      action: b.request.action,
      accessLevel: b.level,
      description: b.description,
      resource: b.request.resource,
      decision: compiled.decide(b.request),
    }));
  }
  const missing = new Set(result.missingContextKeys.map((k) => k.toLowerCase()));
  const seen = new Set<string>();
  const conditionKeys: string[] = [];
  const conditionKeyMissing: boolean[] = [];
  for (const p of result.policies) {
    for (const st of p.statements) {
      for (const c of st.conditions) {
        const lower = c.key.toLowerCase();
        if (seen.has(lower)) continue;
        seen.add(lower);
        conditionKeys.push(c.key);
        conditionKeyMissing.push(missing.has(lower));
      }
    }
  }
  const leftOut: Record<string, string> = {};
  for (const p of analysis.policies) if (p.leftOut) leftOut[p.id] = p.leftOut;
  return {
    malformed: analysis.malformed,
    result,
    diagnostics: analysis.diagnostics,
    testOutcomes,
    failingTests: analysis.failingTests,
    batch,
    leftOut,
    traceCut: {},
    conditionKeys,
    conditionKeyMissing,
    accepted: analysis.accepted,
    refusals: analysis.refusals,
  };
}

/** A statement's conditions kept in the trace of an evaluation sent from the worker. */
export const TRACE_CONDITIONS = 1_000;

/** The key of a statement in `traceCut` (and in the page's other per-statement maps). */
export function statementKey(ref: { policy: { kind: string; index: number }; statementIndex: number }): string {
  return `${ref.policy.kind}:${ref.policy.index}:${ref.statementIndex}`;
}

/**
 * The evaluation as the worker sends it: a statement's trace keeps its first
 * TRACE_CONDITIONS conditions, and `traceCut` counts the rest. A statement with 65,000
 * conditions made a 16 MB message that took the page a third of a second to receive; the
 * trace panel and the editor show the first conditions and say how many are left out.
 */
export function forPage(e: Evaluation): Evaluation {
  const result = e.result;
  if (!result) return e;
  const traceCut: Record<string, number> = {};
  const policies = result.policies.map((p) => {
    if (!p.statements.some((st) => st.conditions.length > TRACE_CONDITIONS)) return p;
    return {
      ...p,
      statements: p.statements.map((st) => {
        if (st.conditions.length <= TRACE_CONDITIONS) return st;
        traceCut[statementKey(st.ref)] = st.conditions.length - TRACE_CONDITIONS;
        return { ...st, conditions: st.conditions.slice(0, TRACE_CONDITIONS) };
      }),
    };
  });
  return Object.keys(traceCut).length > 0 ? { ...e, result: { ...result, policies }, traceCut } : e;
}
