// Small scanners over policy text: where a member's value ends, what to delete so
// that an array item goes with its comma, the members of an object. They read the
// text only near a span the parser already gave. Quick fixes that change structure
// go through jsonc-parser (edit.ts).
import type { Span } from '../types.ts';

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** First offset at or after `i` that is not JSON whitespace. */
export function skipWs(text: string, i: number): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

/** Last offset before `i` that is not whitespace, or -1. */
function skipWsBack(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && isWs(text.charCodeAt(j))) j--;
  return j;
}

/** End (exclusive) of the JSON string starting at `i` (a `"`). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \ */) j += 2;
    else if (c === 34 /* " */) return j + 1;
    else j++;
  }
  return text.length;
}

/** End (exclusive) of the JSON value starting at `i`; tolerant of broken text. */
export function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c === 91 /* [ */ || c === 123 /* { */) {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 34) {
        j = stringEnd(text, j);
        continue;
      }
      if (d === 91 || d === 123) depth++;
      else if (d === 93 || d === 125) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 93 || d === 125 || isWs(d)) break;
    j++;
  }
  return j;
}

/** Span of a whole `"key": value` member, from the key's span. */
function memberSpan(text: string, key: Span): Span {
  let i = skipWs(text, key.end);
  if (text.charCodeAt(i) !== 58 /* : */) return key;
  i = skipWs(text, i + 1);
  return { start: key.start, end: valueEnd(text, i) };
}

/** Span of a member's value, from the key's span (empty when there is none). */
export function memberValueSpan(text: string, key: Span): Span {
  const m = memberSpan(text, key);
  if (m.end === key.end) return { start: key.end, end: key.end };
  const colon = skipWs(text, key.end);
  return { start: skipWs(text, colon + 1), end: m.end };
}

/**
 * What to delete so that an array item or object member leaves no stray
 * comma: the item and the comma after it (and the space up to the next item),
 * or else the comma before it.
 */
export function removalSpan(text: string, span: Span): Span {
  const after = skipWs(text, span.end);
  if (text.charCodeAt(after) === 44 /* , */) return { start: span.start, end: skipWs(text, after + 1) };
  const before = skipWsBack(text, span.start);
  if (before >= 0 && text.charCodeAt(before) === 44) return { start: before, end: span.end };
  return span;
}

/** One top-level member of an object, found by scanning. */
export interface ScannedMember {
  key: string;
  keySpan: Span;
  valueSpan: Span;
}

/**
 * The members of the object starting at `start` (a `{`), without descending
 * into values. Stops quietly at the first thing that is not a member.
 */
export function objectMembers(text: string, start: number): ScannedMember[] {
  const out: ScannedMember[] = [];
  if (text.charCodeAt(start) !== 123) return out;
  let i = start + 1;
  for (;;) {
    i = skipWs(text, i);
    if (text.charCodeAt(i) !== 34) return out;
    const keyEnd = stringEnd(text, i);
    let key: string;
    try {
      key = JSON.parse(text.slice(i, keyEnd)) as string;
    } catch {
      return out;
    }
    const keySpan = { start: i, end: keyEnd };
    i = skipWs(text, keyEnd);
    if (text.charCodeAt(i) !== 58) return out;
    const vStart = skipWs(text, i + 1);
    const vEnd = valueEnd(text, vStart);
    out.push({ key, keySpan, valueSpan: { start: vStart, end: vEnd } });
    i = skipWs(text, vEnd);
    if (text.charCodeAt(i) !== 44) return out;
    i++;
  }
}

/** A JSON string literal. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
