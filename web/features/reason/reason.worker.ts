// The reason worker: runs the engine's reasoning over every request of a workspace off the
// page's thread, so the editor never waits. A job is cancelled by ending the worker (client.ts).
import { compareWorkspaces, coverage, edgeCases, fullMatrix, suggestFixes } from '../../../engine';
import { answer, type FromWorker, type ReasonEngine, type ToWorker } from './protocol';

const engine: ReasonEngine = {
  compareWorkspaces: (a, b) => compareWorkspaces(a, b),
  coverage: (w) => coverage(w),
  edgeCases: (w) => edgeCases(w),
  suggestFixes: (w, r) => suggestFixes(w, r),
  fullMatrix: (w) => fullMatrix(w),
};

// The page's tsconfig has the DOM lib, not WebWorker's: the little of the scope used here.
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
scope.onmessage = (e) => scope.postMessage(answer(engine, e.data));
