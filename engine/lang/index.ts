// Public surface of the editor helpers: pure functions over text and catalog.

/** Completion items at an offset, and the text range they replace. */
export { completeAt } from './complete.ts';
export type { CompletionItem, CompletionKind, CompletionResult } from './complete.ts';
/** Markdown about the string at an offset: action, wildcard, operator, condition key, ARN. */
export { hoverAt } from './hover.ts';
export type { Hover } from './hover.ts';
export type { EditorOptions } from './docs.ts';
