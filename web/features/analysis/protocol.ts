// The analysis worker's protocol: the heavy reading the page does, off its thread.
// `analyze` is the store's evaluation (web/store/evaluate.ts) of a large workspace;
// `input` is the import dialog's reading of a large paste or file (features/import/analyze.ts).
import type { ImportOptions } from '../../../engine';
import type { InputAnalysis } from '../import/analyze';
import type { EvaluateOptions, Evaluation } from '../../store/evaluate';
import type { JobAnswer, JobMessage } from '../../lib/jobs';

export type AnalysisJob = { kind: 'analyze'; options: EvaluateOptions } | { kind: 'input'; text: string; options: ImportOptions };

export interface AnalysisResults {
  analyze: Evaluation;
  input: InputAnalysis;
}

export type ToWorker = JobMessage<AnalysisJob>;
export type FromWorker = JobAnswer<AnalysisResults[AnalysisJob['kind']]>;
