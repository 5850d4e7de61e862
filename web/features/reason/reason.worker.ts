// The reason worker: runs the engine's reasoning over every request of a workspace off the
// page's thread, so the editor never waits. A job is cancelled by ending the worker (client.ts).
import * as engineModule from '../../../engine';
import { answer, type FromWorker, type ReasonEngine, type ToWorker } from './protocol';

// TEMPORARY until the engine branch exports every reasoning function: a job whose function
// is missing fails with a message saying so.
const ns = engineModule as unknown as Partial<ReasonEngine>;
const need = <K extends keyof ReasonEngine>(name: K): ReasonEngine[K] => {
  const fn = ns[name];
  if (!fn) throw new Error(`this build of the engine has no ${name} yet`);
  return fn;
};
const engine: ReasonEngine = {
  compareWorkspaces: (a, b) => need('compareWorkspaces')(a, b),
  coverage: (w) => need('coverage')(w),
  edgeCases: (w) => need('edgeCases')(w),
  suggestFixes: (w, r) => need('suggestFixes')(w, r),
  fullMatrix: (w) => need('fullMatrix')(w),
};

// The page's tsconfig has the DOM lib, not WebWorker's: the little of the scope used here.
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
scope.onmessage = (e) => scope.postMessage(answer(engine, e.data));
