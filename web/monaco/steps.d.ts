// Deep Monaco modules web/monaco/load.ts imports only to evaluate them early (no types in 0.57).
declare module 'monaco-editor/editor/common/config/editorOptions';
declare module 'monaco-editor/editor/standalone/browser/standaloneServices';
