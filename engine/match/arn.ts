// ARNs: parsing, the Resource-element match, and the ArnLike/ArnEquals match.
import { spend } from './budget.ts';
import { compileTokens, patternTokens, STAR, type Pattern } from './wildcard.ts';

/** The six parts of `arn:partition:service:region:account:resource`. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon; may contain further colons. */
  resource: string;
}

const COLON = 58; // ':'

/** Offsets of the first five colons, or undefined when there are fewer. */
function firstFiveColons(text: string): number[] | undefined {
  const at: number[] = [];
  let from = 0;
  while (at.length < 5) {
    const i = text.indexOf(':', from);
    if (i < 0) return undefined;
    at.push(i);
    from = i + 1;
  }
  return at;
}

/** Parses an ARN, splitting on the first five colons only; undefined when `text` is not an ARN. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const c = firstFiveColons(text);
  if (c === undefined) return undefined;
  return {
    partition: text.slice(c[0] + 1, c[1]),
    service: text.slice(c[1] + 1, c[2]),
    region: text.slice(c[2] + 1, c[3]),
    account: text.slice(c[3] + 1, c[4]),
    resource: text.slice(c[4] + 1),
  };
}

/** Part `n` (1 = partition ... 4 = account) of an ARN, without building the whole record. */
function arnPart(text: string, n: number): string | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const c = firstFiveColons(text);
  return c === undefined ? undefined : text.slice(c[n - 1] + 1, c[n]);
}

/** The partition of an ARN (`aws`, `aws-cn`, ...), or undefined when not an ARN. */
export function arnPartition(text: string): string | undefined {
  return arnPart(text, 1);
}

/** The service of an ARN (`ecr`, `ecs`, ...), or undefined when not an ARN. */
export function arnService(text: string): string | undefined {
  return arnPart(text, 2);
}

/** The region of an ARN (may be empty, as for IAM), or undefined when not an ARN. */
export function arnRegion(text: string): string | undefined {
  return arnPart(text, 3);
}

/** The account of an ARN (may be empty, as for S3 buckets), or undefined when not an ARN. */
export function arnAccount(text: string): string | undefined {
  return arnPart(text, 4);
}

/** One colon-free segment of a pattern, as a whole-segment and as a segment-prefix matcher. */
interface Segment {
  full: (s: string) => boolean;
  prefix: (s: string) => boolean;
}

function segment(tokens: readonly number[]): Segment {
  // Inside a segment there is no colon, so a plain glob is exact; the prefix form
  // is the segment followed by the colon-crossing star that ends it.
  const withStar = tokens.length > 0 && tokens[tokens.length - 1] === STAR ? tokens : [...tokens, STAR];
  return { full: compileTokens(tokens), prefix: compileTokens(withStar) };
}

function splitAtColons(tokens: readonly number[]): number[][] {
  const out: number[][] = [[]];
  for (const t of tokens) {
    if (t === COLON) out.push([]);
    else out[out.length - 1].push(t);
  }
  return out;
}

/**
 * Compiles a `Resource`/`NotResource` pattern ("IAM JSON policy elements: Resource"):
 * case-sensitive; `*` ending a colon-delimited segment may span colons, any other `*`
 * and every `?` stay within a segment.
 */
export function compileResourcePattern(pattern: Pattern): (resource: string) => boolean {
  const tokens = patternTokens(pattern);
  // A star is colon-crossing when it ends a segment: followed by `:` or by the end.
  const crossing: number[] = [];
  let allCrossing = true;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== STAR) continue;
    if (i === tokens.length - 1 || tokens[i + 1] === COLON) crossing.push(i);
    else allCrossing = false;
  }
  // With every star colon-crossing, or with no colon in the resource (so no star can
  // meet one), the pattern is a plain glob whose `?` skips colons.
  const glob = compileTokens(tokens, COLON);
  if (allCrossing) return glob;

  // Cut at the crossing stars. Every piece after the first starts with `:` (or is the
  // empty rest after a final star); drop that empty first segment.
  const pieces: number[][] = [];
  let start = 0;
  for (const i of crossing) {
    pieces.push(tokens.slice(start, i));
    start = i + 1;
  }
  pieces.push(tokens.slice(start));
  const toSegments = (t: number[]) => splitAtColons(t).map(segment);
  const head = toSegments(pieces[0]);
  const middles = pieces.slice(1, -1).map((t) => toSegments(t).slice(1));
  const lastTokens = pieces[pieces.length - 1];
  const tail = pieces.length === 1 || lastTokens.length === 0 ? undefined : toSegments(lastTokens).slice(1);

  if (pieces.length === 1) {
    // No crossing star: segment counts must agree and each segment match whole.
    return (resource) => {
      spend(resource.length);
      if (!resource.includes(':')) return glob(resource);
      const segs = resource.split(':');
      if (segs.length !== head.length) return false;
      for (let k = 0; k < segs.length; k++) if (!head[k].full(segs[k])) return false;
      return true;
    };
  }

  return (resource) => {
    spend(resource.length);
    if (!resource.includes(':')) return glob(resource);
    const segs = resource.split(':');
    const n = segs.length;
    // The head covers segments 0..h-1; its last one only as a prefix (a crossing star follows).
    const h = head.length;
    if (h > n) return false;
    for (let k = 0; k < h - 1; k++) if (!head[k].full(segs[k])) return false;
    if (!head[h - 1].prefix(segs[h - 1])) return false;
    // Colon c sits between segments c and c+1; the next piece may start at any colon >= minColon.
    let minColon = h - 1;
    for (const piece of middles) {
      const j = piece.length;
      let found = -1;
      // Left-most placement is safe: the crossing star before the piece absorbs the gap.
      for (let c = minColon; c + j <= n - 1 && found < 0; c++) {
        spend(j);
        let ok = true;
        for (let k = 0; k < j - 1 && ok; k++) ok = piece[k].full(segs[c + 1 + k]);
        if (ok && piece[j - 1].prefix(segs[c + j])) found = c;
      }
      if (found < 0) return false;
      minColon = found + j;
    }
    if (tail === undefined) return true;
    const c = n - 1 - tail.length;
    if (c < minColon) return false;
    for (let k = 0; k < tail.length; k++) if (!tail[k].full(segs[c + 1 + k])) return false;
    return true;
  };
}

/** Splits tokens at the first five colons; undefined when there are fewer. */
function sixParts(tokens: readonly number[]): number[][] | undefined {
  const parts: number[][] = [[]];
  for (const t of tokens) {
    if (t === COLON && parts.length < 6) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.length === 6 ? parts : undefined;
}

/**
 * Compiles an `ArnLike`/`ArnEquals` value ("IAM JSON policy elements: Condition operators",
 * ARN condition operators): the six colon-delimited parts are globbed separately, case-sensitively.
 */
export function compileArnLike(pattern: Pattern): (value: string) => boolean {
  const tokens = patternTokens(pattern);
  // A bare `*` matches any value: the docs do not say otherwise, and it is how
  // policies write "any ARN" for keys such as aws:SourceArn.
  if (tokens.length === 1 && tokens[0] === STAR) return () => true;
  const parts = sixParts(tokens);
  if (parts === undefined) return () => false;
  const matchers = parts.map((p) => compileTokens(p));
  return (value) => {
    spend(value.length);
    const c = firstFiveColons(value);
    if (c === undefined) return false;
    let from = 0;
    for (let k = 0; k < 5; k++) {
      if (!matchers[k](value.slice(from, c[k]))) return false;
      from = c[k] + 1;
    }
    return matchers[5](value.slice(from));
  };
}
