// The page's side of the analysis worker: one worker for the store's evaluations of large
// workspaces (`analyzeOffThread`) and the import dialog's reading of large inputs. A new
// job of a kind cancels the one still running (the worker ends, and the next one starts
// afresh), so a keystroke never waits for an older text to be read.
import type { ImportOptions } from '../../../engine';
import { JobClient, type JobOutcome, type JobWorker } from '../../lib/jobs';
import type { OffThread } from '../../store/evaluate';
import type { InputAnalysis } from '../import/analyze';
import type { AnalysisJob, AnalysisResults } from './protocol';

let client: JobClient<AnalysisJob, AnalysisResults> | null | undefined;

function getClient(): JobClient<AnalysisJob, AnalysisResults> | null {
  if (client !== undefined) return client;
  client =
    typeof Worker === 'undefined'
      ? null
      : new JobClient<AnalysisJob, AnalysisResults>(
          () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis-worker' }) as JobWorker<AnalysisJob, AnalysisResults[AnalysisJob['kind']]>,
        );
  return client;
}

/** The store's `analyzeOffThread`, or undefined where workers cannot run. */
export function analysisWorker(): OffThread | undefined {
  const c = getClient();
  return c ? (options) => c.run({ kind: 'analyze', options }) : undefined;
}

/** Reads an import in the worker; a failed outcome where workers cannot run. */
export function analyzeInputOffThread(text: string, options: ImportOptions): Promise<JobOutcome<InputAnalysis>> {
  const c = getClient();
  return c ? c.run({ kind: 'input', text, options }) : Promise.resolve({ status: 'failed', error: 'Workers cannot run here.' });
}
