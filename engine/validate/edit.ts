// Quick fixes as changes by JSON path; jsonc-parser's `modify` computes the text edits,
// formatted like the surrounding policy. The model keeps every element's path beside
// its span, so a check names what to change, never the characters to splice.
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import type { JsonPath, Span } from '../types.ts';

/** One change: set the value at `path` (undefined removes the member). */
export interface JsonChange {
  path: JsonPath;
  value: unknown;
  /** A new member goes at this position among its siblings (default: last). */
  insertAt?: number;
  /** Insert `value` into the array at `path`'s last index instead of replacing the element. */
  arrayInsertion?: boolean;
}

/** The indentation and line ends the text already uses, so edits look as if a person wrote them. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented && indented[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  const size = indented ? Math.min(indented[1].length, 8) : 2;
  return { insertSpaces: true, tabSize: size || 2, eol };
}

/**
 * The edits that apply the changes, in turn. One change gives jsonc-parser's own edits;
 * several are applied one after another and given as one replacement of what differs.
 * Removals are left unformatted: formatting would re-flow the neighbouring members.
 * Removing an array element is not a change here: jsonc-parser 3.3.1 mis-measures the
 * removal of an array's last element, so checks remove items with their own span.
 */
export function editsFor(text: string, changes: readonly JsonChange[]): { span: Span; text: string }[] {
  const formattingOptions = formattingOf(text);
  const editsOf = (at: string, c: JsonChange) =>
    modify(at, [...c.path], c.value, {
      formattingOptions: c.value === undefined ? undefined : formattingOptions,
      isArrayInsertion: c.arrayInsertion,
      getInsertionIndex: c.insertAt === undefined ? undefined : () => c.insertAt!,
    });
  if (changes.length === 1) {
    return editsOf(text, changes[0]).map((e) => ({ span: { start: e.offset, end: e.offset + e.length }, text: e.content }));
  }
  let out = text;
  for (const c of changes) out = applyEdits(out, editsOf(out, c));
  if (out === text) return [];
  let start = 0;
  while (start < text.length && start < out.length && text.charCodeAt(start) === out.charCodeAt(start)) start++;
  let end = 0;
  while (end < text.length - start && end < out.length - start && text.charCodeAt(text.length - 1 - end) === out.charCodeAt(out.length - 1 - end)) end++;
  return [{ span: { start, end: text.length - end }, text: out.slice(start, out.length - end) }];
}
