// Monaco is some 3 MB of modules; evaluated in one go they held the page for 200-250 ms.
// Loaded in steps instead: each step evaluates only the modules the steps before it have
// not, in a task of its own, so the browser paints and handles input in between. The
// steps follow Monaco's own layers (options, services, the editor API, the features).

/** Resolves in a later task. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const STEPS: (() => Promise<unknown>)[] = [
  () => import('monaco-editor/editor/common/config/editorOptions'),
  () => import('monaco-editor/editor/standalone/browser/standaloneServices'),
  () => import('monaco-editor/editor'),
  () => import('./setup'),
];

/** Evaluates Monaco and the editor set-up (setup.ts), step by step. */
export async function loadMonaco(): Promise<void> {
  for (const step of STEPS) {
    await step();
    await nextTask();
  }
}
