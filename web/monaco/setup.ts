// Monaco, bundled: imported first by the editor feature, before any editor renders.
// The worker comes from a Vite `?worker&url` import and the loader is handed this copy of
// Monaco, so @monaco-editor/react never fetches Monaco from a CDN.
//
// Monaco's JSON language service (its json worker and `monaco.json.jsonDefaults`) is
// not used: json-language.ts explains why and what replaces it. IAM JSON allows no
// comments and no trailing commas; the engine's validator reports both as errors.
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
// Only the editor features a policy editor needs.
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/lineSelection/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/quickCommand/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
// features/suggest registers inline suggestions only; the suggest widget is this contribution.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/tokenization/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import editorWorkerUrl from 'monaco-editor/editor/editor.worker?worker&url';
import { keepForOffline } from '../offline';
import { registerJson } from './json-language';

self.MonacoEnvironment = {
  getWorker(): Worker {
    return new Worker(editorWorkerUrl, { type: 'module', name: 'monaco-editor-worker' });
  },
};
// Worker scripts do not show in the page's resource timings: name it for offline use.
if (import.meta.env.PROD) keepForOffline(() => [new URL(editorWorkerUrl, location.href).href]);

registerJson(monaco);
loader.config({ monaco });

export { monaco };
