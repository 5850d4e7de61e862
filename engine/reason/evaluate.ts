// Evaluating the partition's requests against a workspace, as the simulator does.
import type { SimulationInput, SimulationRequest, SimulationResult } from '../evaluate/result.ts';
import type { CompiledPolicySet } from '../evaluate/simulate.ts';
import { analyzeWorkspace } from '../workspace/analyze.ts';
import { TooCostly, withBudget } from '../match/budget.ts';
import type { ReasonOptions, ScopeBound, Workspace } from './types.ts';

/** The workspace's policies compiled once, as the app and `container-iam test` evaluate them. */
export function compileWorkspace(workspace: Workspace, options: ReasonOptions = {}): CompiledPolicySet {
  return analyzeWorkspace({ policies: workspace.policies, request: workspace.request }, { now: options.now }).compiled;
}

/** The full simulation of one request against a workspace's policies (what the app shows for it). */
export function simulateIn(workspace: Workspace, request: SimulationRequest, options: ReasonOptions = {}): SimulationResult {
  return analyzeWorkspace({ policies: workspace.policies, request }, { now: options.now }).result;
}

/**
 * The `simulate` input for a request against a workspace's policies: each policy in its
 * slot (of a kind a request takes one of, the first), named as in the workspace.
 */
export function simulationInput(workspace: Workspace, request: SimulationRequest, options: ReasonOptions = {}): SimulationInput {
  const of = (kind: string) => workspace.policies.filter((p) => p.kind === kind);
  const first = (kind: string) => of(kind)[0]?.text;
  const input: SimulationInput = {
    identityPolicies: of('identity').map((p) => p.text),
    scps: of('scp').map((p) => p.text),
    rcps: of('rcp').map((p) => p.text),
    request,
  };
  const resource = first('resource');
  const boundary = first('boundary');
  const session = first('session');
  if (resource !== undefined) input.resourcePolicy = resource;
  if (boundary !== undefined) input.permissionsBoundary = boundary;
  if (session !== undefined) input.sessionPolicy = session;
  if (options.now !== undefined) input.now = options.now;
  return input;
}

/** Where a run stopped because matching grew too costly (see match/budget.ts). */
export const TOO_COSTLY_BOUND: ScopeBound = {
  dimension: 'requests',
  what: "Matching the policies' wildcards grew too costly (patterns and values far beyond the sizes AWS accepts), so the remaining requests were not evaluated.",
};

/**
 * Runs `run` under one matching budget (nested in a running one, on that one); `refused`
 * answers when the budget stops it where nothing checks `budgetSpent()`.
 */
export function withinBudget<T>(run: () => T, refused: () => T): T {
  try {
    return withBudget(run);
  } catch (e) {
    if (e instanceof TooCostly) return refused();
    throw e;
  }
}

/**
 * A reasoning loop under the run's budget. The loop checks `budgetSpent()` after each
 * evaluation and returns false when it stopped there; false also when the budget stopped
 * it elsewhere, so the caller can say so in its scope.
 */
export function underBudget(loop: () => boolean): boolean {
  return withinBudget(loop, () => false);
}
