// Runs the engine over the workspace: one analyzeWorkspace call (decision, every
// policy's diagnostics, the policy tests, acceptance), then, when shown, the batch
// table. Pure apart from the analyzer's per-policy memory: the store calls it after each edit.
import { createWorkspaceAnalyzer, type ActionNames, type SimulationRequest, type WorkspaceAnalysis } from '../../engine';
import { listActions, type AccessLevel } from '../engine-extras';
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

/** What one evaluation gives the store. */
export type Evaluation = Omit<ResultState, 'evalSeq' | 'evalMs' | 'stale' | 'actionNames' | 'checks'> & { analysis: WorkspaceAnalysis };

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
  const conditionKeys: Evaluation['conditionKeys'] = [];
  for (const p of result.policies) {
    for (const st of p.statements) {
      for (const c of st.conditions) {
        const lower = c.key.toLowerCase();
        if (seen.has(lower)) continue;
        seen.add(lower);
        conditionKeys.push({ key: c.key, missing: missing.has(lower) });
      }
    }
  }
  const leftOut: Record<string, string> = {};
  for (const p of analysis.policies) if (p.leftOut) leftOut[p.id] = p.leftOut;
  return {
    analysis,
    result,
    diagnostics: analysis.diagnostics,
    testOutcomes,
    failingTests: analysis.failingTests,
    batch,
    leftOut,
    conditionKeys,
    accepted: analysis.accepted,
    refusals: analysis.refusals,
  };
}
