// The reason worker's protocol: one message per job, one answer per job. Every job is a
// pure call of the engine's reasoning functions over plain data, so it runs the same in
// the worker and in a unit test (`runJob`).
import type { Comparison, CoverageResult, EdgeCase, FixResult, FullMatrix, Request, SuggestedFix, Workspace } from '../../../engine';
import { answerJob, type JobAnswer, type JobMessage } from '../../lib/jobs';

export type ReasonJob =
  | { kind: 'compare'; before: Workspace; after: Workspace }
  | { kind: 'coverage'; workspace: Workspace }
  | { kind: 'edges'; workspace: Workspace }
  | { kind: 'fix'; workspace: Workspace; request: Request }
  | { kind: 'matrix'; workspace: Workspace };

export type JobKind = ReasonJob['kind'];

export interface JobResults {
  compare: Comparison;
  coverage: CoverageResult;
  edges: EdgeCase[];
  /** The fixes, and for each the comparison of the workspace before and after it (the proof that it grants nothing more). */
  fix: { fix: FixResult; proofs: Comparison[] };
  matrix: FullMatrix;
}

export type ToWorker = JobMessage<ReasonJob>;

export type FromWorker = JobAnswer<JobResults[JobKind]>;

/** The engine functions a job calls (the real engine in the worker). */
export interface ReasonEngine {
  compareWorkspaces(before: Workspace, after: Workspace): Comparison;
  coverage(workspace: Workspace): CoverageResult;
  edgeCases(workspace: Workspace): EdgeCase[];
  suggestFixes(workspace: Workspace, request: Request): FixResult;
  fullMatrix(workspace: Workspace): FullMatrix;
}

/** The workspace with a fix applied: the changed policy's new text, or the new policy added. */
export function applyFix(workspace: Workspace, fix: SuggestedFix): Workspace {
  const policies = workspace.policies.slice();
  if (fix.policyIndex !== undefined && policies[fix.policyIndex]) policies[fix.policyIndex] = { ...policies[fix.policyIndex], text: fix.text };
  else policies.push({ kind: fix.kind, name: fix.policy, text: fix.text });
  return { ...workspace, policies };
}

export function runJob(engine: ReasonEngine, job: ReasonJob): JobResults[JobKind] {
  switch (job.kind) {
    case 'compare':
      return engine.compareWorkspaces(job.before, job.after);
    case 'coverage':
      return engine.coverage(job.workspace);
    case 'edges':
      return engine.edgeCases(job.workspace);
    case 'fix': {
      const fix = engine.suggestFixes(job.workspace, job.request);
      return { fix, proofs: fix.fixes.map((f) => engine.compareWorkspaces(job.workspace, applyFix(job.workspace, f))) };
    }
    case 'matrix':
      return engine.fullMatrix(job.workspace);
  }
}

/** Answers one message; never throws (an engine error becomes a failed answer). */
export function answer(engine: ReasonEngine, message: ToWorker, now?: () => number): FromWorker {
  return answerJob((job: ReasonJob) => runJob(engine, job), message, now);
}
