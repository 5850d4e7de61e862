// Exact overlap cells of IAM globs. Each pattern is an NFA over its tokens; a
// breadth-first walk of their product (a subset construction run on the fly)
// reaches every combination of "which patterns match" that some string can
// produce, with a shortest string for each. Characters no pattern names behave
// alike, so one representative per character class stands for all of them:
// the walk is exact, not a sample.
import { outsideBudget, TooCostly, withBudget } from '../match/budget.ts';
import { compileResourcePattern } from '../match/arn.ts';
import { compileWildcard, patternTokens, STAR } from '../match/wildcard.ts';

/** Pattern tokens: a UTF-16 code unit (>= 0), or one of these. */
export const ANY_RUN = -1; // `*` that may span colons
export const ONE_CHAR = -2; // `?`: one character, never a colon in ARN mode
export const LOCAL_RUN = -3; // `*` inside a colon-delimited segment
export const DIGIT = -4; // one decimal digit (ARN shapes: account ids)
export const DIGIT_RUN = -5; // any run of digits (revision numbers)

const COLON = 58;
const ANY_CHAR = -6; // `?` in plain mode: any character

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Tokens of a Resource/NotResource or ArnLike pattern as the engine's ARN matcher
 * reads it: a `*` ending a colon-delimited segment may span colons, any other `*`
 * and every `?` stay within a segment.
 */
export function arnTokens(pattern: string): number[] {
  const raw = patternTokens(pattern);
  return raw.map((t, i) => (t === STAR ? (i === raw.length - 1 || raw[i + 1] === COLON ? ANY_RUN : LOCAL_RUN) : t));
}

/** Tokens of a StringLike pattern (`ignoreCase`: compare lower-cased). Wildcards match any character. */
export function plainTokens(pattern: string, ignoreCase = false): number[] {
  return patternTokens(pattern, ignoreCase).map((t) => (t === STAR ? ANY_RUN : t === -2 ? ANY_CHAR : t));
}

/** Tokens matching exactly `text`. */
export function literalTokens(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
  return out;
}

function isRun(t: number): boolean {
  return t === ANY_RUN || t === LOCAL_RUN || t === DIGIT_RUN;
}

function steps(t: number, c: number): boolean {
  if (t >= 0) return t === c;
  switch (t) {
    case ANY_RUN:
    case ANY_CHAR:
      return true;
    case ONE_CHAR:
    case LOCAL_RUN:
      return c !== COLON;
    default:
      return isDigit(c);
  }
}

// Which positions a step has added, by generation: a set without a search per insert
// (a `?`-heavy pattern keeps thousands of positions live).
let added = new Int32Array(64);
let generation = 0;

function newStep(tokens: readonly number[]): void {
  if (added.length <= tokens.length) added = new Int32Array(Math.max(tokens.length + 1, 2 * added.length));
  if (++generation === 0x7fffffff) {
    added.fill(0);
    generation = 1;
  }
}

/** Adds `p` and every position reachable from it over runs (which may match nothing). */
function close(tokens: readonly number[], p: number, into: number[]): void {
  for (;;) {
    if (added[p] !== generation) {
      added[p] = generation;
      into.push(p);
    }
    if (p < tokens.length && isRun(tokens[p])) p++;
    else return;
  }
}

// Work of the running walk, in positions stepped: findCells stops (incomplete) past its limit.
let work = 0;

/** Positions after reading `c` from positions `from`; empty when the pattern can no longer match. */
function advance(tokens: readonly number[], from: readonly number[], c: number): number[] {
  const out: number[] = [];
  newStep(tokens);
  work += from.length + 1;
  for (const p of from) {
    if (p >= tokens.length) continue;
    const t = tokens[p];
    if (!steps(t, c)) continue;
    close(tokens, isRun(t) ? p : p + 1, out);
  }
  return out.sort((a, b) => a - b);
}

function start(tokens: readonly number[]): number[] {
  const out: number[] = [];
  newStep(tokens);
  close(tokens, 0, out);
  return out;
}

/** Whether the tokens match `text` in full (the reference every witness is checked against). */
export function tokensMatch(tokens: readonly number[], text: string): boolean {
  return matchWithin(tokens, text, Infinity) === true;
}

/** `tokensMatch`, or undefined once the walk's work passes `limit`. */
function matchWithin(tokens: readonly number[], text: string, limit: number): boolean | undefined {
  let at = start(tokens);
  for (let i = 0; i < text.length && at.length > 0; i++) {
    if (work > limit) return undefined;
    at = advance(tokens, at, text.charCodeAt(i));
  }
  return at.includes(tokens.length);
}

/**
 * The engine's own matcher for tokens it can express (literals, `*`, `?`): linear where the
 * walk of positions costs pattern x text. Undefined for digit shapes and literal wildcards.
 */
function engineMatcher(tokens: readonly number[]): ((text: string) => boolean) | undefined {
  let text = '';
  let plainOne = false;
  let arnOnly = false;
  for (const t of tokens) {
    if (t === 42 || t === 63) return undefined; // a literal `*` or `?` would read as a wildcard
    if (t >= 0) text += String.fromCharCode(t);
    else if (t === ANY_RUN || t === LOCAL_RUN || t === ONE_CHAR || t === ANY_CHAR) {
      text += t === ONE_CHAR || t === ANY_CHAR ? '?' : '*';
      if (t === ANY_CHAR) plainOne = true;
      else if (t !== ANY_RUN) arnOnly = true;
    } else return undefined;
  }
  if (plainOne && arnOnly) return undefined;
  // Segment-local stars and colon-free `?` are the Resource matcher's reading (see arnTokens).
  return arnOnly ? compileResourcePattern(text) : compileWildcard(text);
}

/** Match budget for placing the preferred witnesses of one walk (see match/budget.ts). */
const PREFERRED_BUDGET = 20_000_000;

/**
 * Most positions one findCells walk steps: far above what policies of AWS's sizes need,
 * and a fraction of a second on a slow machine. Past it the walk stops, incomplete.
 */
const WORK_LIMIT = 20_000_000;

export interface Cell {
  /** A string in the cell: shortest found, or a preferred one. */
  witness: string;
  /** Which patterns match it, by index. */
  matches: boolean[];
}

export interface CellSearch {
  cells: Cell[];
  /** False when the walk stopped at `maxStates` before every reachable combination was seen. */
  complete: boolean;
}

export interface CellOptions {
  /** Strings to use as witnesses first, for the cells they fall in (readable ARNs). */
  preferred?: readonly string[];
  /** Most product states walked (default 8000). */
  maxStates?: number;
}

/** Characters tried first for "any other character", most readable first. */
const OTHER_CHARS = 'xyzqwabcdefghijklmnoprstuv-_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ./';
const DIGITS = '0123456789';

function signature(matches: readonly boolean[]): string {
  let s = '';
  for (const m of matches) s += m ? '1' : '0';
  return s;
}

/**
 * Every non-empty combination of `patterns` (which match, which do not) among the
 * strings `shape` matches, each with a witness. `shape` undefined: any string.
 */
export function findCells(patterns: readonly (readonly number[])[], shape: readonly number[] | undefined, options: CellOptions = {}): CellSearch {
  const maxStates = options.maxStates ?? 8000;
  const all = shape ? [...patterns, shape] : patterns.slice();
  const shapeIndex = shape ? patterns.length : -1;
  const found = new Map<string, Cell>();
  const record = (witness: string, accepting: boolean[]) => {
    const matches = accepting.slice(0, patterns.length);
    const key = signature(matches);
    if (!found.has(key)) found.set(key, { witness, matches });
  };
  work = 0;
  let complete = true;
  const preferred = options.preferred ?? [];
  if (preferred.length > 0) {
    const matchers = patterns.map((p) => engineMatcher(p));
    const matches = (i: number, w: string): boolean | undefined => {
      const m = matchers[i];
      return m !== undefined ? m(w) : matchWithin(patterns[i], w, WORK_LIMIT);
    };
    try {
      // A budget of its own: placing witnesses must not use up the run's budget for requests.
      outsideBudget(() => withBudget(() => {
        for (const w of preferred) {
          const inShape = shape === undefined || matchWithin(shape, w, WORK_LIMIT);
          if (inShape === undefined) complete = false;
          if (inShape !== true) continue;
          const vector = patterns.map((_, i) => matches(i, w));
          // A witness too costly to place is left out: the walk below still finds its cell, if it can.
          if (vector.some((m) => m === undefined)) complete = false;
          else record(w, vector as boolean[]);
        }
      }, PREFERRED_BUDGET));
    } catch (e) {
      if (!(e instanceof TooCostly)) throw e;
      complete = false;
    }
  }
  // A state: for each live pattern, its NFA positions. Dead patterns are left out.
  type State = { live: number[]; pos: number[][]; text: string };
  const keyOf = (s: State) => s.live.map((i, k) => `${i}:${s.pos[k].join(',')}`).join(';');
  const first: State = { live: [], pos: [], text: '' };
  all.forEach((t, i) => {
    first.live.push(i);
    first.pos.push(start(t));
  });
  const seen = new Set<string>([keyOf(first)]);
  const queue: State[] = [first];
  for (let head = 0; head < queue.length; head++) {
    if (work > WORK_LIMIT) {
      complete = false;
      break;
    }
    const s = queue[head];
    const accepting = new Array<boolean>(all.length).fill(false);
    s.live.forEach((i, k) => (accepting[i] = s.pos[k].includes(all[i].length)));
    if (shapeIndex < 0 || accepting[shapeIndex]) record(s.text, accepting);
    // The characters that can make a difference here: every literal a live position
    // waits for, a colon, and one digit and one other character no live position names.
    const named = new Set<number>();
    let wantsDigit = false;
    s.live.forEach((i, k) => {
      for (const p of s.pos[k]) {
        const t = all[i][p];
        if (t === undefined) continue;
        if (t >= 0) named.add(t);
        else if (t === DIGIT || t === DIGIT_RUN) wantsDigit = true;
      }
    });
    const chars = [...named];
    const other = [...OTHER_CHARS].map((ch) => ch.charCodeAt(0)).find((c) => !named.has(c) && !isDigit(c));
    if (other !== undefined) chars.push(other);
    if (wantsDigit) {
      const digit = [...DIGITS].map((ch) => ch.charCodeAt(0)).find((c) => !named.has(c));
      if (digit !== undefined) chars.push(digit);
    }
    if (!named.has(COLON)) chars.push(COLON);
    for (const c of chars) {
      const next: State = { live: [], pos: [], text: s.text + String.fromCharCode(c) };
      s.live.forEach((i, k) => {
        const p = advance(all[i], s.pos[k], c);
        if (p.length > 0) {
          next.live.push(i);
          next.pos.push(p);
        }
      });
      if (shapeIndex >= 0 && !next.live.includes(shapeIndex)) continue;
      if (shapeIndex < 0 && next.live.length === 0) {
        // Nothing can match any longer: the rest is the cell of no pattern.
        record(next.text, new Array<boolean>(all.length).fill(false));
        continue;
      }
      const key = keyOf(next);
      if (seen.has(key)) continue;
      if (seen.size >= maxStates) {
        complete = false;
        continue;
      }
      seen.add(key);
      queue.push(next);
    }
  }
  return { cells: [...found.values()], complete };
}
