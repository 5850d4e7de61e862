// The page's side of the analysis worker, given to the store as its `analyzeOffThread`.
// A new evaluation cancels the one still running (the worker ends; the next one starts
// afresh), so a keystroke in a large policy never waits for an older text to be read.
import { JobClient, type JobWorker } from '../../lib/jobs';
import type { OffThread } from '../../store/evaluate';
import type { AnalysisJob, AnalysisResults } from './protocol';

export function analysisWorker(): OffThread | undefined {
  if (typeof Worker === 'undefined') return undefined;
  const client = new JobClient<AnalysisJob, AnalysisResults>(
    () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis-worker' }) as JobWorker<AnalysisJob, AnalysisResults['analyze']>,
  );
  return (options) => client.run({ kind: 'analyze', options });
}
