// Glob matching for IAM strings: `*` is any run of characters, `?` exactly one.
// Matching never backtracks: the pattern is cut at its stars into fixed-length
// chunks, and fixed-length chunks between stars can be placed left-most greedily
// (an earlier placement never leaves less room for the chunks after it).
// Every scan is charged to the evaluation's work budget (see budget.ts).

import { spend } from './budget.ts';

/** A run of pattern text; in a `literal` piece `*` and `?` are plain characters. */
export interface PatternPiece {
  text: string;
  literal: boolean;
}

/** A glob as written (`string`), or as pieces after policy variables were substituted. */
export type Pattern = string | PatternPiece[];

/** Token for a wildcard `*` in a token array (real characters are UTF-16 code units, >= 0). */
export const STAR = -1;
/** Token for a wildcard `?` in a token array. */
export const ONE = -2;

const CHAR_STAR = 42; // '*'
const CHAR_ONE = 63; // '?'

export interface GlobOptions {
  /** Lower-case the pattern once and the text on every call. */
  ignoreCase?: boolean;
  /** A UTF-16 code unit that `?` must not match (the ARN matcher passes `:`). */
  oneExcludes?: number;
}

/** Turns a pattern into tokens: code units, with `STAR`/`ONE` for the wildcards; runs of stars collapse. */
export function patternTokens(pattern: Pattern, ignoreCase = false): number[] {
  const pieces: readonly PatternPiece[] = typeof pattern === 'string' ? [{ text: pattern, literal: false }] : pattern;
  const out: number[] = [];
  for (const piece of pieces) {
    const text = ignoreCase ? piece.text.toLowerCase() : piece.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!piece.literal && c === CHAR_STAR) {
        // `**` means the same as `*`; one star keeps the chunking simple.
        if (out.length === 0 || out[out.length - 1] !== STAR) out.push(STAR);
      } else if (!piece.literal && c === CHAR_ONE) {
        out.push(ONE);
      } else {
        out.push(c);
      }
    }
  }
  return out;
}

/** True when the pattern has a `*` or `?` that acts as a wildcard. */
export function hasWildcard(pattern: Pattern): boolean {
  if (typeof pattern === 'string') return pattern.includes('*') || pattern.includes('?');
  return pattern.some((p) => !p.literal && (p.text.includes('*') || p.text.includes('?')));
}

/** A star-free stretch of pattern: fixed length, possibly with `?` positions. */
interface Chunk {
  /** The chunk's characters; `?` positions hold a placeholder. */
  text: string;
  length: number;
  /** 1 where the chunk has a wildcard `?`; undefined when it has none. */
  wild: Uint8Array | undefined;
  /** The longest `?`-free run, searched for with indexOf, and where it sits in the chunk. */
  anchor: string;
  anchorOffset: number;
  /** Every `?`-free run with its offset, longest first: candidates are aligned on them with indexOf. */
  solids: readonly Solid[];
}

interface Solid {
  text: string;
  offset: number;
}

function makeChunk(tokens: readonly number[]): Chunk {
  let text = '';
  let wild: Uint8Array | undefined;
  let bestStart = 0;
  let bestLength = 0;
  let runStart = 0;
  const runs: [number, number][] = [];
  for (let i = 0; i <= tokens.length; i++) {
    const t = i < tokens.length ? tokens[i] : ONE;
    if (t === ONE) {
      if (i > runStart) runs.push([runStart, i]);
      if (i - runStart > bestLength) {
        bestStart = runStart;
        bestLength = i - runStart;
      }
      runStart = i + 1;
      if (i < tokens.length) {
        wild ??= new Uint8Array(tokens.length);
        wild[i] = 1;
        text += '\u0000';
      }
    } else {
      text += String.fromCharCode(t);
    }
  }
  return {
    text,
    length: tokens.length,
    wild,
    anchor: text.slice(bestStart, bestStart + bestLength),
    anchorOffset: bestStart,
    solids: wild === undefined ? [] : runs.sort((a, b) => b[1] - b[0] - (a[1] - a[0])).map(([from, to]) => ({ text: text.slice(from, to), offset: from })),
  };
}

/** Does `chunk` match `s` at position `p`? */
function chunkAt(chunk: Chunk, s: string, p: number, excl: number): boolean {
  if (p < 0 || p + chunk.length > s.length) return false;
  const wild = chunk.wild;
  if (wild === undefined) return s.startsWith(chunk.text, p);
  const text = chunk.text;
  for (let i = 0; i < chunk.length; i++) {
    const c = s.charCodeAt(p + i);
    if (wild[i] === 1) {
      if (c === excl) return false;
    } else if (c !== text.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}

/** Per-character bit masks of a chunk for Shift-And: bit i is set when the character may stand at position i. */
interface ShiftAndMasks {
  byChar: Map<number, Uint32Array>;
  /** For characters the chunk does not name: only its `?` positions. */
  other: Uint32Array;
  /** For the excluded character when the chunk does not name it. */
  none: Uint32Array;
}

// Bound on mask words (4 bytes each) built for one chunk, and on what a compiled matcher keeps.
const MASK_WORDS_LIMIT = 1 << 21;
const MASK_WORDS_KEPT = 1 << 14;

const maskStore = new WeakMap<Chunk, ShiftAndMasks>();

function shiftAndMasks(chunk: Chunk, excl: number): ShiftAndMasks | undefined {
  const kept = maskStore.get(chunk);
  if (kept !== undefined) return kept;
  const words = (chunk.length + 31) >>> 5;
  const wild = chunk.wild;
  const text = chunk.text;
  const distinct = new Set<number>();
  for (let i = 0; i < chunk.length; i++) if (wild === undefined || wild[i] !== 1) distinct.add(text.charCodeAt(i));
  if ((distinct.size + 2) * words > MASK_WORDS_LIMIT) return undefined;
  const other = new Uint32Array(words);
  if (wild !== undefined) for (let i = 0; i < chunk.length; i++) if (wild[i] === 1) other[i >>> 5] |= 1 << (i & 31);
  const byChar = new Map<number, Uint32Array>();
  for (const c of distinct) byChar.set(c, c === excl ? new Uint32Array(words) : other.slice());
  for (let i = 0; i < chunk.length; i++) {
    if (wild !== undefined && wild[i] === 1) continue;
    const mask = byChar.get(text.charCodeAt(i));
    if (mask !== undefined) mask[i >>> 5] |= 1 << (i & 31);
  }
  const masks = { byChar, other, none: new Uint32Array(words) };
  if ((distinct.size + 2) * words <= MASK_WORDS_KEPT) maskStore.set(chunk, masks);
  return masks;
}

/**
 * Left-most start >= `from` of a chunk ending by `limit`, by Shift-And: one pass over the
 * text, ceil(length / 32) word operations per character, no backtracking.
 */
function shiftAndFind(chunk: Chunk, masks: ShiftAndMasks, s: string, from: number, limit: number, excl: number): number {
  const m = chunk.length;
  const words = masks.other.length;
  const state = new Uint32Array(words);
  const topWord = (m - 1) >>> 5;
  const topBit = 1 << ((m - 1) & 31);
  // Words above `active` are zero: a step can only carry into the word just above it,
  // so text whose partial matches stay short costs a few words per character, not m / 32.
  let active = 0;
  let work = 0;
  for (let j = from; j < limit; j++) {
    // Charged every 1,024 characters, so a hopeless scan stops within the budget.
    if ((j & 1023) === 0) {
      spend(work);
      work = 0;
    }
    const c = s.charCodeAt(j);
    const mask = masks.byChar.get(c) ?? (c === excl ? masks.none : masks.other);
    const top = active < words - 1 ? active + 1 : words - 1;
    let carry = 1;
    active = 0;
    work += top + 1;
    for (let w = 0; w <= top; w++) {
      const d = state[w];
      const next = ((d << 1) | carry) & mask[w];
      state[w] = next;
      if (next !== 0) active = w;
      carry = d >>> 31;
    }
    if ((state[topWord] & topBit) !== 0) {
      spend(work);
      return j - m + 1;
    }
  }
  spend(work);
  return -1;
}

/**
 * Left-most start in [from, last] where every `?`-free run of the chunk sits at its offset,
 * found by indexOf: a run found further right moves the start past every start in between,
 * which cannot match. Returns -1 when there is none, or `{ resume }` once the scanning
 * exceeds `budget` characters (text made of near-misses), so the caller can switch to Shift-And.
 */
function alignFind(chunk: Chunk, s: string, from: number, last: number, excl: number, budget: number): number | { resume: number } {
  const solids = chunk.solids;
  let work = 0;
  let p = from;
  while (p <= last) {
    let moved = false;
    for (const solid of solids) {
      const at = p + solid.offset;
      const q = s.indexOf(solid.text, at);
      if (q < 0) {
        spend(work + s.length - at);
        return -1;
      }
      work += q - at + solid.text.length;
      if (q > at) {
        p = q - solid.offset;
        moved = true;
        break;
      }
    }
    if (!moved) {
      // Every run is in place; only the `?` positions may still meet the excluded character.
      if (excl < 0 || chunkAt(chunk, s, p, excl)) {
        spend(work);
        return p;
      }
      work += chunk.length;
      p++;
    }
    if (work > budget) {
      spend(work);
      return { resume: p };
    }
  }
  spend(work);
  return -1;
}

/** Left-most start >= `from` where `chunk` matches and ends by `limit`; -1 if none. */
function findChunk(chunk: Chunk, s: string, from: number, limit: number, excl: number): number {
  const last = limit - chunk.length; // last allowed start
  if (from > last) return -1;
  if (chunk.wild === undefined) {
    const i = s.indexOf(chunk.text, from);
    spend((i < 0 ? s.length : i + chunk.length) - from);
    return i >= 0 && i <= last ? i : -1;
  }
  let start = from;
  if (chunk.solids.length > 0) {
    // Aligning on the solid runs is linear in the text for all but contrived near-misses;
    // give it a few passes' worth of scanning before paying m / 32 words per character.
    const found = alignFind(chunk, s, from, last, excl, 4 * (limit - from) + 4 * chunk.length);
    if (typeof found === 'number') return found;
    start = found.resume;
  }
  const masks = shiftAndMasks(chunk, excl);
  if (masks !== undefined) return shiftAndFind(chunk, masks, s, start, limit, excl);
  // Masks too large to build (a long chunk with many distinct characters): anchor and verify.
  if (chunk.anchor.length === 0) {
    for (let p = start; p <= last; p++) {
      spend(chunk.length);
      if (chunkAt(chunk, s, p, excl)) return p;
    }
    return -1;
  }
  const off = chunk.anchorOffset;
  let i = s.indexOf(chunk.anchor, start + off);
  while (i >= 0) {
    const p = i - off;
    if (p > last) return -1;
    spend(chunk.length);
    if (chunkAt(chunk, s, p, excl)) return p;
    i = s.indexOf(chunk.anchor, i + 1);
  }
  return -1;
}

/** The text of wildcard-free tokens, or undefined when they hold a wildcard. */
function plainText(tokens: readonly number[]): string | undefined {
  let text = '';
  // In slices: fromCharCode takes its arguments on the stack.
  for (let i = 0; i < tokens.length; i += 4096) {
    const part = tokens.slice(i, i + 4096);
    for (const t of part) if (t < 0) return undefined;
    text += String.fromCharCode(...part);
  }
  return text;
}

/** Compiles a token array (see `patternTokens`) into a matcher; no case folding here. */
export function compileTokens(tokens: readonly number[], excl = -1): (text: string) => boolean {
  // Most values have no wildcard (ARN parts, tag values): equality, with nothing else built.
  const plain = plainText(tokens);
  if (plain !== undefined) return (s) => s === plain;
  const chunks: Chunk[] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i === tokens.length || tokens[i] === STAR) {
      chunks.push(makeChunk(tokens.slice(start, i)));
      start = i + 1;
    }
  }
  if (chunks.length === 1) {
    // No star, so a `?` (wildcard-free tokens were matched by equality above).
    const only = chunks[0];
    return (s) => s.length === only.length && chunkAt(only, s, 0, excl);
  }
  const first = chunks[0];
  const last = chunks[chunks.length - 1];
  const middle = chunks.slice(1, -1).filter((c) => c.length > 0);
  const plainEnds = first.wild === undefined && last.wild === undefined;
  if (middle.length === 0 && plainEnds) {
    const prefix = first.text;
    const suffix = last.text;
    if (prefix === '' && suffix === '') return () => true;
    if (suffix === '') return (s) => s.startsWith(prefix);
    if (prefix === '') return (s) => s.endsWith(suffix);
    const min = prefix.length + suffix.length;
    return (s) => s.length >= min && s.startsWith(prefix) && s.endsWith(suffix);
  }
  if (middle.length === 1 && first.length === 0 && last.length === 0 && middle[0].wild === undefined) {
    const inner = middle[0].text;
    return (s) => {
      spend(s.length);
      return s.includes(inner);
    };
  }
  const min = chunks.reduce((n, c) => n + c.length, 0);
  return (s) => {
    if (s.length < min) return false;
    const limit = s.length - last.length;
    if (!chunkAt(first, s, 0, excl) || !chunkAt(last, s, limit, excl)) return false;
    let p = first.length;
    for (const c of middle) {
      const at = findChunk(c, s, p, limit, excl);
      if (at < 0) return false;
      p = at + c.length;
    }
    return true;
  };
}

/** Compiles a glob once into a fast predicate (`*` any run, `?` one character). */
export function compileWildcard(pattern: Pattern, options: GlobOptions = {}): (text: string) => boolean {
  const ignoreCase = options.ignoreCase === true;
  const match = compileTokens(patternTokens(pattern, ignoreCase), options.oneExcludes ?? -1);
  if (!ignoreCase) return match;
  return (text) => {
    spend(text.length);
    return match(text.toLowerCase());
  };
}

/** One-off glob match; compile with `compileWildcard` when matching repeatedly. */
export function wildcardMatch(pattern: Pattern, text: string, ignoreCase = false): boolean {
  return compileWildcard(pattern, { ignoreCase })(text);
}
