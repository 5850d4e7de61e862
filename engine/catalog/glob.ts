// Pattern intersection for the catalog: does some ARN match both an IAM glob (`*`, `?`)
// and an ARN format template (`${Placeholder}`)? Matching one pattern against a string
// is match/wildcard.ts's job; this answers a question about two patterns.

/**
 * A pattern as a list of tokens: a literal character, `?` (exactly one
 * character) or `*` (any run, possibly empty).
 */
export type PatternToken = string | typeof ANY_ONE | typeof ANY_RUN;
export const ANY_ONE: unique symbol = Symbol('?');
export const ANY_RUN: unique symbol = Symbol('*');

/** Tokens of an IAM glob: `*` and `?` are wildcards, everything else literal. */
export function globTokens(text: string): PatternToken[] {
  const out: PatternToken[] = [];
  for (const ch of text) out.push(ch === '*' ? ANY_RUN : ch === '?' ? ANY_ONE : ch);
  return out;
}

/** Tokens of an ARN format template: each `${Name}` is a wildcard run, the rest literal. */
export function templateTokens(text: string): PatternToken[] {
  const out: PatternToken[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('${', i)) {
      const close = text.indexOf('}', i + 2);
      if (close !== -1) {
        if (out[out.length - 1] !== ANY_RUN) out.push(ANY_RUN);
        i = close + 1;
        continue;
      }
    }
    out.push(text.charAt(i));
    i += 1;
  }
  return out;
}

/** Literal characters before the first wildcard. */
export function literalPrefix(tokens: readonly PatternToken[]): string {
  let out = '';
  for (const t of tokens) {
    if (typeof t !== 'string') break;
    out += t;
  }
  return out;
}

/** Number of literal characters: a rough measure of how specific a pattern is. */
export function literalCount(tokens: readonly PatternToken[]): number {
  let n = 0;
  for (const t of tokens) if (typeof t === 'string') n += 1;
  return n;
}

/**
 * Whether some string matches both patterns. Literal characters compare
 * case-sensitively unless `ignoreCase`. Quadratic in the pattern lengths.
 */
export function patternsIntersect(
  a: readonly PatternToken[],
  b: readonly PatternToken[],
  ignoreCase = false,
): boolean {
  // Quick reject on the literal prefixes both patterns must start with.
  const pa = literalPrefix(a);
  const pb = literalPrefix(b);
  const n = Math.min(pa.length, pb.length);
  const ca = ignoreCase ? pa.slice(0, n).toLowerCase() : pa.slice(0, n);
  const cb = ignoreCase ? pb.slice(0, n).toLowerCase() : pb.slice(0, n);
  if (ca !== cb) return false;

  const width = b.length + 1;
  // reach[i * width + j]: some string takes a[0..i) and b[0..j) to the same place.
  const reach = new Uint8Array((a.length + 1) * width);
  reach[0] = 1;
  for (let i = 0; i <= a.length; i += 1) {
    for (let j = 0; j <= b.length; j += 1) {
      if (!reach[i * width + j]) continue;
      const ta = a[i];
      const tb = b[j];
      // A run may stop (consume nothing more).
      if (ta === ANY_RUN) reach[(i + 1) * width + j] = 1;
      if (tb === ANY_RUN) reach[i * width + j + 1] = 1;
      if (ta === undefined || tb === undefined) continue;
      // A run may absorb what the other side produces next.
      if (ta === ANY_RUN) reach[i * width + j + 1] = 1;
      if (tb === ANY_RUN) reach[(i + 1) * width + j] = 1;
      if (ta !== ANY_RUN && tb !== ANY_RUN && charsMeet(ta, tb, ignoreCase)) reach[(i + 1) * width + j + 1] = 1;
    }
  }
  return reach[a.length * width + b.length] === 1;
}

function charsMeet(a: string | typeof ANY_ONE, b: string | typeof ANY_ONE, ignoreCase: boolean): boolean {
  if (a === ANY_ONE || b === ANY_ONE) return true;
  return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
}
