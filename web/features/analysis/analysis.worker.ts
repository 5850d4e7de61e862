// The analysis worker: evaluates a large workspace (parse, validation, decision, tests)
// away from the page, so that a 2 MB policy never blocks typing or painting. Its
// analyzer keeps the policies that did not change, as the page's does.
import { answerJob } from '../../lib/jobs';
import { evaluate, forPage } from '../../store/evaluate';
import type { FromWorker, ToWorker } from './protocol';

// The page's tsconfig has the DOM lib, not WebWorker's: the little of the scope used here.
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
scope.onmessage = (e) => scope.postMessage(answerJob((job) => forPage(evaluate(job.options)), e.data));
