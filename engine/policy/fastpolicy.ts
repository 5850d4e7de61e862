// The policy model straight from the text, in one pass, for the common case: a
// well-formed policy. It produces exactly what the general builder in parse.ts
// produces from a JSON tree (a property test holds them equal), without building
// the tree. Anything the general builder would report a problem for (an unknown
// element, a wrong type, a duplicate key, a bad Effect or Version, a missing
// Statement or Effect) makes it give up, and parse.ts takes the general path.
import { GIVE_UP, Scanner } from '../source/scanner.ts';
import type { ConditionEntry, Effect, JsonPath, Located, PolicyDocument, PrincipalBlock, PrincipalEntry, Span, Statement } from '../types.ts';
import { POLICY_VERSIONS, PRINCIPAL_TYPES } from './elements.ts';
import { childPath } from '../source/path.ts';

const QUOTE = 34;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COLON = 58;
const VERSION_PATH: JsonPath = ['Version'];
const ID_PATH: JsonPath = ['Id'];
const STATEMENT_PATH: JsonPath = ['Statement'];

function locatedString(s: Scanner, path: JsonPath): Located<string> {
  const start = s.i;
  const value = s.string();
  return { value, span: { start, end: s.i }, path };
}

/** Reads `"key":`; the key's span is left in `keySpan`. White space after the colon is skipped. */
function key(s: Scanner, seen: string[], keySpan: Span): string {
  keySpan.start = s.i;
  const k = s.string();
  keySpan.end = s.i;
  for (let i = 0; i < seen.length; i++) if (seen[i] === k) throw GIVE_UP; // duplicate key: the general path reports it
  if (seen.length >= 64) throw GIVE_UP; // a large object: the general path checks its keys with a Set
  seen.push(k);
  s.skipSpace();
  s.expect(COLON);
  return k;
}

/** A string or an array of strings. */
function stringList(s: Scanner, path: JsonPath): Located<string>[] {
  if (s.peek() === QUOTE) return [locatedString(s, path)];
  s.expect(OPEN_ARRAY);
  const out: Located<string>[] = [];
  if (s.peek() === CLOSE_ARRAY) {
    s.i++;
    return out;
  }
  do out.push(locatedString(s, childPath(path, out.length)));
  while (s.separator(CLOSE_ARRAY));
  return out;
}

function conditionScalar(s: Scanner, path: JsonPath): Located<string> {
  const start = s.i;
  const c = s.peek();
  if (c === QUOTE) return locatedString(s, path);
  if (s.word('true')) return { value: 'true', span: { start, end: s.i }, path };
  if (s.word('false')) return { value: 'false', span: { start, end: s.i }, path };
  if (c === OPEN_OBJECT || c === OPEN_ARRAY || c === 110 /* null */) throw GIVE_UP;
  const text = s.numberText();
  return { value: text, span: { start, end: s.i }, path };
}

function conditionValues(s: Scanner, path: JsonPath): Located<string>[] {
  if (s.peek() !== OPEN_ARRAY) return [conditionScalar(s, path)];
  s.expect(OPEN_ARRAY);
  const out: Located<string>[] = [];
  if (s.peek() === CLOSE_ARRAY) {
    s.i++;
    return out;
  }
  do out.push(conditionScalar(s, childPath(path, out.length)));
  while (s.separator(CLOSE_ARRAY));
  return out;
}

/** Reads `{ ... }`, calling `member` for each key; the object's span is returned. */
function object(s: Scanner, member: (key: string, keySpan: Span) => void): Span {
  const start = s.i;
  s.expect(OPEN_OBJECT);
  const seen: string[] = [];
  if (s.peek() === CLOSE_OBJECT) s.i++;
  else {
    do {
      const keySpan = { start: 0, end: 0 };
      const k = key(s, seen, keySpan);
      member(k, keySpan);
    } while (s.separator(CLOSE_OBJECT));
  }
  return { start, end: s.i };
}

function principal(s: Scanner, path: JsonPath): PrincipalBlock {
  const start = s.i;
  if (s.peek() === QUOTE) {
    if (s.string() !== '*') throw GIVE_UP;
    return { wildcard: true, entries: [], span: { start, end: s.i }, path };
  }
  const entries: PrincipalEntry[] = [];
  const span = object(s, (k, keySpan) => {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(k)) throw GIVE_UP;
    const at = childPath(path, k);
    entries.push({ type: { value: k, span: keySpan, path: at }, values: stringList(s, at) });
  });
  return { wildcard: false, entries, span, path };
}

function condition(s: Scanner, path: JsonPath): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  object(s, (op, opSpan) => {
    const opPath = childPath(path, op);
    const operator = { value: op, span: opSpan, path: opPath };
    object(s, (k, keySpan) => {
      const at = childPath(opPath, k);
      const values = conditionValues(s, at);
      out.push({ operator, key: { value: k, span: keySpan, path: at }, values, span: { start: keySpan.start, end: s.i }, path: at });
    });
  });
  return out;
}

function statement(s: Scanner, index: number, path: JsonPath): Statement {
  const st: Statement = { index, span: { start: 0, end: 0 }, path, keySpans: {} };
  st.span = object(s, (k, keySpan) => {
    st.keySpans[k] = keySpan;
    const at = childPath(path, k);
    switch (k) {
      case 'Sid':
        st.sid = locatedString(s, at);
        break;
      case 'Effect': {
        const e = locatedString(s, at);
        if (e.value !== 'Allow' && e.value !== 'Deny') throw GIVE_UP;
        st.effect = e as Located<Effect>;
        break;
      }
      case 'Principal':
        st.principal = principal(s, at);
        break;
      case 'NotPrincipal':
        st.notPrincipal = principal(s, at);
        break;
      case 'Action':
        st.action = stringList(s, at);
        break;
      case 'NotAction':
        st.notAction = stringList(s, at);
        break;
      case 'Resource':
        st.resource = stringList(s, at);
        break;
      case 'NotResource':
        st.notResource = stringList(s, at);
        break;
      case 'Condition':
        st.condition = condition(s, at);
        break;
      default:
        throw GIVE_UP;
    }
  });
  if (!st.effect) throw GIVE_UP;
  return st;
}

/** The model of a well-formed policy, or undefined when the general path must explain something. */
export function parsePolicyFast(text: string, maxDepth: number): { policy: PolicyDocument; lineStarts: number[] } | undefined {
  // A policy is at most six levels deep; the grammar below never recurses beyond that.
  void maxDepth;
  const s = new Scanner(text);
  try {
    s.skipSpace();
    const doc: PolicyDocument = { statements: [], span: { start: 0, end: 0 } };
    let sawStatement = false;
    doc.span = object(s, (k) => {
      switch (k) {
        case 'Version': {
          const v = locatedString(s, VERSION_PATH);
          if (!(POLICY_VERSIONS as readonly string[]).includes(v.value)) throw GIVE_UP;
          doc.version = v;
          break;
        }
        case 'Id':
          doc.id = locatedString(s, ID_PATH);
          break;
        case 'Statement':
          sawStatement = true;
          if (s.peek() === OPEN_OBJECT) doc.statements.push(statement(s, 0, STATEMENT_PATH));
          else {
            s.expect(OPEN_ARRAY);
            if (s.peek() === CLOSE_ARRAY) s.i++;
            else {
              let i = 0;
              do {
                doc.statements.push(statement(s, i, childPath(STATEMENT_PATH, i)));
                i++;
              } while (s.separator(CLOSE_ARRAY));
            }
          }
          break;
        default:
          throw GIVE_UP;
      }
    });
    s.skipSpace();
    if (!s.atEnd() || !sawStatement) return undefined;
    return { policy: doc, lineStarts: s.lineStarts };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
