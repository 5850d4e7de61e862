// Where the cursor is in the policy's JSON: the path to it, whether it is on
// a property key, the string it is inside, and the statement around it.
import { getLocation, type Node } from 'jsonc-parser';
import { parsePolicy } from '../policy/parse.ts';
import type { PolicyKind, Statement } from '../types.ts';

export type PathSegment = string | number;

export interface Cursor {
  text: string;
  offset: number;
  /** JSON path to the cursor (jsonc-parser's getLocation). */
  path: PathSegment[];
  /** The cursor is where a property key is (or is being typed). */
  atKey: boolean;
  /** The string literal the cursor is inside, if any. */
  string?: Node;
  /** Path below the statement (`['Condition', 'StringEquals', 'aws:SourceIp']`), when inside one. */
  inStatement?: PathSegment[];
  /** What to replace: the string's content, or an empty range at the cursor. */
  from: number;
  to: number;
  /** Text typed so far, from `from` to the cursor. */
  typed: string;
}

function isTerminated(text: string, node: Node): boolean {
  if (node.length < 2) return false;
  const end = node.offset + node.length;
  if (text.charCodeAt(end - 1) !== 34) return false;
  // An odd run of backslashes before the last quote escapes it.
  let slashes = 0;
  for (let i = end - 2; i > node.offset && text.charCodeAt(i) === 92; i--) slashes++;
  return slashes % 2 === 0;
}

/** Path below `Statement` (an array of statements or a single object), or undefined. */
function statementPath(path: PathSegment[]): PathSegment[] | undefined {
  if (path[0] !== 'Statement' || path.length < 2) return undefined;
  if (typeof path[1] === 'number') return path.length >= 3 ? path.slice(2) : undefined;
  return path.slice(1);
}

export function cursorAt(text: string, offset: number): Cursor {
  const o = Math.max(0, Math.min(offset, text.length));
  const loc = getLocation(text, o);
  const prev = loc.previousNode;
  let string: Node | undefined;
  // jsonc-parser reports a property key being typed as a 'property' node with the key's offsets.
  if (prev && (prev.type === 'string' || prev.type === 'property')) {
    const end = prev.offset + prev.length;
    const inside = o > prev.offset && (o < end || (o === end && !isTerminated(text, prev)));
    if (inside) string = prev;
  }
  const from = string ? string.offset + 1 : o;
  const to = string ? (isTerminated(text, string) ? string.offset + string.length - 1 : string.offset + string.length) : o;
  return {
    text,
    offset: o,
    path: loc.path,
    atKey: loc.isAtPropertyKey,
    string,
    inStatement: statementPath(loc.path),
    from,
    to: Math.max(to, o),
    typed: text.slice(from, o),
  };
}

/** The statement of the parsed policy whose object holds the offset. */
export function statementAt(text: string, kind: PolicyKind, offset: number): Statement | undefined {
  const policy = parsePolicy(text, kind).policy;
  if (!policy) return undefined;
  let best: Statement | undefined;
  for (const st of policy.statements) {
    if (st.span.start <= offset && offset <= st.span.end) best = st;
  }
  return best;
}
