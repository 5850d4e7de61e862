// IAM policy variables ("IAM policy elements: Variables and tags"): `${key}`,
// `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}`.
import { spend } from './budget.ts';
import type { Span } from '../types.ts';
import type { PatternPiece } from './wildcard.ts';

/** Policy text copied as written; its `*` and `?` remain wildcards. */
export interface TextPart {
  kind: 'text';
  text: string;
  span: Span;
}

/** `${*}`, `${?}` or `${$}`: a character that never acts as a wildcard. */
export interface EscapePart {
  kind: 'escape';
  char: '*' | '?' | '$';
  span: Span;
}

/** `${key}` or `${key, 'default'}`; `key` is as written (lookups are case-insensitive). */
export interface VariablePart {
  kind: 'variable';
  key: string;
  default?: string;
  /** The whole `${...}`. */
  span: Span;
  /** Just the key name inside it. */
  keySpan: Span;
}

export type TemplatePart = TextPart | EscapePart | VariablePart;

/** A parsed policy string. Spans are UTF-16 offsets into the string given to `parseTemplate`. */
export interface Template {
  parts: TemplatePart[];
  /** `${` openings that did not form a variable or escape (kept as text), for diagnostics. */
  malformed: Span[];
}

export interface TemplateOptions {
  /**
   * False for policies with `"Version": "2008-10-17"` or no Version: they do not
   * support variables, so `${...}` is plain text there.
   */
  variables: boolean;
}

/** Parsed `${...}` at an offset, or undefined when it is not one. */
type Parsed = { part: EscapePart | VariablePart; end: number } | undefined;

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function parseAt(text: string, at: number): Parsed {
  const open = at + 2;
  const first = text[open];
  if ((first === '*' || first === '?' || first === '$') && text[open + 1] === '}') {
    return { part: { kind: 'escape', char: first, span: { start: at, end: open + 2 } }, end: open + 2 };
  }
  // Key: up to `,` or `}`. `$` and `{` cannot be in a key, so `${a${b}` reads as text then `${b}`.
  let i = open;
  while (i < text.length && text[i] !== ',' && text[i] !== '}' && text[i] !== '$' && text[i] !== '{') i++;
  if (i >= text.length || text[i] === '$' || text[i] === '{') return undefined;
  let keyStart = open;
  let keyEnd = i;
  while (keyStart < keyEnd && isSpace(text[keyStart])) keyStart++;
  while (keyEnd > keyStart && isSpace(text[keyEnd - 1])) keyEnd--;
  if (keyStart === keyEnd) return undefined;
  const key = text.slice(keyStart, keyEnd);
  const keySpan = { start: keyStart, end: keyEnd };
  if (text[i] === '}') {
    return { part: { kind: 'variable', key, span: { start: at, end: i + 1 }, keySpan }, end: i + 1 };
  }
  // `, 'default'`: the default runs to the next single quote and may hold `}` or `,`.
  i++;
  while (i < text.length && isSpace(text[i])) i++;
  if (text[i] !== "'") return undefined;
  const close = text.indexOf("'", i + 1);
  if (close < 0) return undefined;
  const value = text.slice(i + 1, close);
  i = close + 1;
  while (i < text.length && isSpace(text[i])) i++;
  if (text[i] !== '}') return undefined;
  return {
    part: { kind: 'variable', key, default: value, span: { start: at, end: i + 1 }, keySpan },
    end: i + 1,
  };
}

/** Parses a policy string into text, escapes and variables (`{ variables: false }` for 2008-10-17). */
export function parseTemplate(text: string, options: TemplateOptions = { variables: true }): Template {
  const whole: TextPart = { kind: 'text', text, span: { start: 0, end: text.length } };
  if (!options.variables || !text.includes('${')) return { parts: text === '' ? [] : [whole], malformed: [] };
  const parts: TemplatePart[] = [];
  const malformed: Span[] = [];
  let textStart = 0;
  let from = 0;
  let nextClose = -2; // -2: not looked up yet; -1: there is none
  for (let at = text.indexOf('${', from); at >= 0; at = text.indexOf('${', from)) {
    const parsed = parseAt(text, at);
    if (parsed === undefined) {
      // Kept as text; report it only when a `}` follows, since without one it is clearly not meant as a variable.
      // The next `}` is looked up again only once passed, so a run of `${` costs one scan, not one each.
      if (nextClose !== -1 && nextClose < at + 2) nextClose = text.indexOf('}', at + 2);
      if (nextClose >= 0) malformed.push({ start: at, end: nextClose + 1 });
      from = at + 2;
      continue;
    }
    if (at > textStart) parts.push({ kind: 'text', text: text.slice(textStart, at), span: { start: textStart, end: at } });
    parts.push(parsed.part);
    textStart = from = parsed.end;
  }
  if (textStart < text.length) {
    parts.push({ kind: 'text', text: text.slice(textStart), span: { start: textStart, end: text.length } });
  }
  return { parts, malformed };
}

/** True when the template has a `${key}` (so its value depends on the request context). */
export function templateHasVariables(t: Template): boolean {
  return t.parts.some((p) => p.kind === 'variable');
}

/** The keys the template uses, as written, without duplicates (first spelling wins, case-insensitively). */
export function templateVariables(t: Template): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of t.parts) {
    if (p.kind !== 'variable') continue;
    const folded = p.key.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    out.push(p.key);
  }
  return out;
}

/** Every variable of the template with its spans, in order, for diagnostics. */
export function templateVariableParts(t: Template): VariablePart[] {
  return t.parts.filter((p): p is VariablePart => p.kind === 'variable');
}

/** Looks up a context key's values; undefined or empty when the request does not carry it. */
export type VariableLookup = (key: string) => readonly string[] | undefined;

/**
 * The value a variable stands for, or undefined when it cannot be resolved.
 * A key with no value takes the default. A key with several values is also
 * resolved through the default: "Single-valued vs. multivalued context keys"
 * says a multivalued key cannot be used as a policy variable, so it is treated
 * like a key without a usable value.
 */
function variableValue(p: VariablePart, lookup: VariableLookup): string | undefined {
  const values = lookup(p.key);
  if (values !== undefined && values.length === 1) return values[0];
  return p.default;
}

/**
 * Substitutes variables, giving pieces for the wildcard/ARN matchers: policy text keeps its
 * wildcards, escapes and substituted values are literal. Undefined when a variable cannot be
 * resolved (AWS: the element then does not match).
 */
export function resolveTemplate(t: Template, lookup: VariableLookup): PatternPiece[] | undefined {
  const out: PatternPiece[] = [];
  for (const p of t.parts) {
    let piece: PatternPiece;
    if (p.kind === 'text') {
      piece = { text: p.text, literal: false };
    } else if (p.kind === 'escape') {
      piece = { text: p.char, literal: true };
    } else {
      const value = variableValue(p, lookup);
      if (value === undefined) return undefined;
      // A value repeated by many variables grows the pattern (and its tokens): charge what it adds.
      spend(4 * value.length);
      piece = { text: value, literal: true };
    }
    const prev = out[out.length - 1];
    // Merge neighbours of the same kind so the matcher sees fewer pieces.
    if (prev !== undefined && prev.literal === piece.literal) prev.text += piece.text;
    else out.push(piece);
  }
  return out;
}

/** Substitutes variables into a plain string (for operators without wildcards); undefined when unresolvable. */
export function resolveTemplateToString(t: Template, lookup: VariableLookup): string | undefined {
  let out = '';
  for (const p of t.parts) {
    if (p.kind === 'text') out += p.text;
    else if (p.kind === 'escape') out += p.char;
    else {
      const value = variableValue(p, lookup);
      if (value === undefined) return undefined;
      spend(value.length);
      out += value;
    }
  }
  return out;
}
