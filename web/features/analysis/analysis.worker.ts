// The analysis worker: evaluates a large workspace (parse, validation, decision, tests)
// and reads a large import, away from the page, so that a 2 MB policy or a 5 MB template
// never blocks typing or painting. Its analyzer keeps the policies that did not change,
// as the page's does.
import { answerJob } from '../../lib/jobs';
import { analyzeInput } from '../import/analyze';
import { evaluate, forPage } from '../../store/evaluate';
import type { AnalysisJob, FromWorker, ToWorker } from './protocol';

function run(job: AnalysisJob) {
  return job.kind === 'analyze' ? forPage(evaluate(job.options)) : analyzeInput(job.text, job.options);
}

// The page's tsconfig has the DOM lib, not WebWorker's: the little of the scope used here.
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
scope.onmessage = (e) => scope.postMessage(answerJob(run, e.data));
