// Engine messages put names in backticks (markdown). Places that take plain text
// (Monaco markers, titles) get them in quotes instead. Long text is shown clipped.
import type { TextEdit } from '../engine-extras';

/** `Did you mean \`ecr:PutImage\`?` -> `Did you mean ‘ecr:PutImage’?`; an odd backtick stays as written. */
export function plainText(md: string): string {
  const parts = md.split('`');
  if (parts.length % 2 === 0) return md;
  return parts.map((p, i) => (i % 2 ? `‘${p}’` : p)).join('');
}

/** Applies non-overlapping edits (offsets into `text`). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

/** Text shown in the explanation at most: a 1 MB request value adds nothing read past this. */
export const SHOWN_TEXT = 2_000;

/** `text`, cut after `max` characters, saying how many more it has. */
export function clipped(text: string, max = SHOWN_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en-US')} more characters)`;
}
