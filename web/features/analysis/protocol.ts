// The analysis worker's protocol: one job, `analyze`, which is the store's evaluation
// (web/store/evaluate.ts) of a large workspace, run off the page's thread.
import type { EvaluateOptions, Evaluation } from '../../store/evaluate';
import type { JobAnswer, JobMessage } from '../../lib/jobs';

export type AnalysisJob = { kind: 'analyze'; options: EvaluateOptions };

export interface AnalysisResults {
  analyze: Evaluation;
}

export type ToWorker = JobMessage<AnalysisJob>;
export type FromWorker = JobAnswer<Evaluation>;
