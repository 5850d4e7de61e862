import type { JsonNode } from '../source/json.ts';
import { nodeSpan, parseJson } from '../source/json.ts';
import { LineIndex } from '../source/lines.ts';
import { parsePolicyFast } from './fastpolicy.ts';
import { STATEMENT_ELEMENTS, PRINCIPAL_TYPES, POLICY_VERSIONS } from './elements.ts';
import { childPath } from '../source/path.ts';
import { MAX_JSON_DEPTH } from '../source/json.ts';
import type {
  ConditionEntry,
  Effect,
  Located,
  ParsedPolicy,
  PolicyDocument,
  PolicyKind,
  PolicyProblem,
  PrincipalBlock,
  PrincipalEntry,
  Span,
  Statement,
  JsonPath,
} from '../types.ts';

/** Problem codes the parser reports (the validator's catalog includes them). */
export type ParseProblemCode =
  | 'json-syntax'
  | 'json-comment'
  | 'json-trailing-comma'
  | 'json-too-deep'
  | 'json-empty'
  | 'json-duplicate-key'
  | 'policy-not-object'
  | 'type-mismatch'
  | 'element-unknown'
  | 'statement-missing'
  | 'effect-invalid'
  | 'effect-missing'
  | 'version-invalid'
  | 'principal-invalid';

export { TOP_LEVEL_ELEMENTS, STATEMENT_ELEMENTS, PRINCIPAL_TYPES, POLICY_VERSIONS } from './elements.ts';

interface Builder {
  problems: Array<{ code: ParseProblemCode; message: string; span: Span; severity: 'error' | 'warning' }>;
}

function problem(b: Builder, code: ParseProblemCode, message: string, span: Span): void {
  b.problems.push({ code, message, span, severity: 'error' });
}

const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

/** The object's members as [key node, value node] pairs, duplicates reported once each. */
function members(b: Builder, obj: JsonNode): Array<{ key: string; keyNode: JsonNode; value: JsonNode | undefined }> {
  const props = obj.children ?? [];
  const out: Array<{ key: string; keyNode: JsonNode; value: JsonNode | undefined }> = new Array(props.length);
  let n = 0;
  const seen = props.length > 16 ? new Set<string>() : undefined;
  for (let p = 0; p < props.length; p++) {
    const prop = props[p];
    const keyNode = prop.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    const key = keyNode.value;
    // Small objects: a scan beats a Set; large ones (hostile input) need the Set to stay linear.
    let repeated = false;
    if (seen !== undefined) {
      repeated = seen.has(key);
      seen.add(key);
    } else {
      for (let q = 0; q < n && !repeated; q++) repeated = out[q].key === key;
    }
    if (repeated) problem(b, 'json-duplicate-key', `\`${key}\` appears more than once in this object; AWS keeps only one of them, so merge them into one.`, nodeSpan(keyNode));
    out[n++] = { key, keyNode, value: prop.children?.[1] };
  }
  out.length = n;
  return out;
}

function expectType(b: Builder, node: JsonNode, types: string[], what: string): boolean {
  if (types.includes(node.type)) return true;
  const wanted = types.map((t) => TYPE_WORDS[t]).join(' or ');
  problem(b, 'type-mismatch', `${what} must be ${wanted}, not ${TYPE_WORDS[node.type] ?? node.type}.`, nodeSpan(node));
  return false;
}

function located<T>(value: T, node: JsonNode, path: JsonPath): Located<T> {
  return { value, span: nodeSpan(node), path };
}

/** A string or an array of strings (Action, Resource, principal values). */
function stringList(b: Builder, node: JsonNode, what: string, path: JsonPath): Located<string>[] {
  if (node.type === 'string') return [located(node.value as string, node, path)];
  if (!expectType(b, node, ['string', 'array'], what)) return [];
  const out: Located<string>[] = [];
  (node.children ?? []).forEach((item, i) => {
    if (expectType(b, item, ['string'], `Each entry of ${what}`)) out.push(located(item.value as string, item, childPath(path, i)));
  });
  return out;
}

/** Condition values may be strings, numbers or booleans, alone or in an array. */
function conditionValues(b: Builder, node: JsonNode, text: string, what: string, path: JsonPath): Located<string>[] {
  const scalar = (n: JsonNode, at: JsonPath): Located<string> | undefined => {
    if (n.type === 'string') return located(n.value as string, n, at);
    if (n.type === 'number') return located(text.slice(n.offset, n.offset + n.length), n, at);
    if (n.type === 'boolean') return located(String(n.value), n, at);
    expectType(b, n, ['string', 'number', 'boolean'], what);
    return undefined;
  };
  if (node.type === 'array') {
    const out: Located<string>[] = [];
    (node.children ?? []).forEach((item, i) => {
      const v = scalar(item, childPath(path, i));
      if (v) out.push(v);
    });
    return out;
  }
  const v = scalar(node, path);
  return v ? [v] : [];
}

function principalBlock(b: Builder, node: JsonNode, element: string, path: JsonPath): PrincipalBlock | undefined {
  const span = nodeSpan(node);
  if (node.type === 'string') {
    if (node.value === '*') return { wildcard: true, entries: [], span, path };
    problem(
      b,
      'principal-invalid',
      `${element} must be \`"*"\` or an object such as \`{"AWS": "arn:aws:iam::123456789012:root"}\`.`,
      span,
    );
    return undefined;
  }
  if (!expectType(b, node, ['object', 'string'], element)) return undefined;
  const entries: PrincipalEntry[] = [];
  for (const m of members(b, node)) {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(m.key)) {
      problem(
        b,
        'principal-invalid',
        `\`${m.key}\` is not a principal type; use \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\`.`,
        nodeSpan(m.keyNode),
      );
      continue;
    }
    if (!m.value) continue;
    const at = childPath(path, m.key);
    entries.push({ type: located(m.key, m.keyNode, at), values: stringList(b, m.value, `${element}.${m.key}`, at) });
  }
  return { wildcard: false, entries, span, path };
}

function conditionBlock(b: Builder, node: JsonNode, text: string, path: JsonPath): ConditionEntry[] {
  if (!expectType(b, node, ['object'], 'Condition')) return [];
  const out: ConditionEntry[] = [];
  for (const op of members(b, node)) {
    if (!op.value) continue;
    if (!expectType(b, op.value, ['object'], `The \`${op.key}\` block`)) continue;
    const opPath = childPath(path, op.key);
    const operator = located(op.key, op.keyNode, opPath);
    for (const key of members(b, op.value)) {
      if (!key.value) continue;
      const member = key.keyNode.parent ?? key.keyNode;
      const at = childPath(opPath, key.key);
      out.push({
        operator,
        key: located(key.key, key.keyNode, at),
        values: conditionValues(b, key.value, text, `The value of \`${key.key}\``, at),
        span: nodeSpan(member),
        path: at,
      });
    }
  }
  return out;
}

function statement(b: Builder, node: JsonNode, index: number, text: string, path: JsonPath): Statement | undefined {
  if (!expectType(b, node, ['object'], 'Each statement')) return undefined;
  const st: Statement = { index, span: nodeSpan(node), path, keySpans: {} };
  for (const m of members(b, node)) {
    st.keySpans[m.key] = nodeSpan(m.keyNode);
    const v = m.value;
    if (!v) continue;
    const at = childPath(path, m.key);
    switch (m.key) {
      case 'Sid':
        if (expectType(b, v, ['string'], 'Sid')) st.sid = located(v.value as string, v, at);
        break;
      case 'Effect':
        if (!expectType(b, v, ['string'], 'Effect')) break;
        if (v.value === 'Allow' || v.value === 'Deny') st.effect = located(v.value as Effect, v, at);
        else
          problem(
            b,
            'effect-invalid',
            `Effect must be \`Allow\` or \`Deny\` (case-sensitive), not \`${String(v.value)}\`.`,
            nodeSpan(v),
          );
        break;
      case 'Principal':
        st.principal = principalBlock(b, v, 'Principal', at);
        break;
      case 'NotPrincipal':
        st.notPrincipal = principalBlock(b, v, 'NotPrincipal', at);
        break;
      case 'Action':
        st.action = stringList(b, v, 'Action', at);
        break;
      case 'NotAction':
        st.notAction = stringList(b, v, 'NotAction', at);
        break;
      case 'Resource':
        st.resource = stringList(b, v, 'Resource', at);
        break;
      case 'NotResource':
        st.notResource = stringList(b, v, 'NotResource', at);
        break;
      case 'Condition':
        st.condition = conditionBlock(b, v, text, at);
        break;
      default:
        problem(
          b,
          'element-unknown',
          `\`${m.key}\` is not a statement element; AWS accepts ${STATEMENT_ELEMENTS.map((e) => `\`${e}\``).join(', ')}.`,
          nodeSpan(m.keyNode),
        );
    }
  }
  if (!st.effect && !('Effect' in st.keySpans)) {
    problem(b, 'effect-missing', 'This statement has no `Effect`; add `"Effect": "Allow"` or `"Effect": "Deny"`.', {
      start: node.offset,
      end: node.offset + 1,
    });
  }
  return st;
}

function document(b: Builder, root: JsonNode, text: string): PolicyDocument {
  const doc: PolicyDocument = { statements: [], span: nodeSpan(root) };
  let sawStatement = false;
  for (const m of members(b, root)) {
    const v = m.value;
    switch (m.key) {
      case 'Version':
        if (!v || !expectType(b, v, ['string'], 'Version')) break;
        doc.version = located(v.value as string, v, ['Version']);
        if (!(POLICY_VERSIONS as readonly string[]).includes(v.value as string)) {
          problem(
            b,
            'version-invalid',
            `\`${String(v.value)}\` is not a policy language version; use \`2012-10-17\`.`,
            nodeSpan(v),
          );
        }
        break;
      case 'Id':
        if (v && expectType(b, v, ['string'], 'Id')) doc.id = located(v.value as string, v, ['Id']);
        break;
      case 'Statement':
        sawStatement = true;
        if (!v) break;
        if (v.type === 'array') {
          (v.children ?? []).forEach((item, i) => {
            const st = statement(b, item, i, text, ['Statement', i]);
            if (st) doc.statements.push(st);
          });
        } else if (expectType(b, v, ['object', 'array'], 'Statement')) {
          const st = statement(b, v, 0, text, ['Statement']);
          if (st) doc.statements.push(st);
        }
        break;
      default:
        problem(
          b,
          'element-unknown',
          `\`${m.key}\` is not a policy element; AWS accepts \`Version\`, \`Id\` and \`Statement\`.`,
          nodeSpan(m.keyNode),
        );
    }
  }
  if (!sawStatement) {
    problem(b, 'statement-missing', 'This policy has no `Statement`; add `"Statement": [ ... ]`.', {
      start: root.offset,
      end: root.offset + 1,
    });
  }
  return doc;
}

/**
 * Parses policy text into a model whose every element keeps its source span.
 * Never throws: whatever the text, returns as much model as it allows plus problems.
 */
export function parsePolicy(text: string, kind: PolicyKind): ParsedPolicy {
  // Never throws: text that is not a string (from an untyped caller) parses as empty text.
  if (typeof text !== 'string') text = '';
  const fast = parsePolicyFast(text, MAX_JSON_DEPTH);
  if (fast) {
    const parsed: ParsedPolicy = { kind, text, policy: fast.policy, errors: [] };
    lineIndexes.set(parsed, new LineIndex(text, fast.lineStarts));
    return parsed;
  }
  return parsePolicyGeneral(text, kind);
}

/** The general path: a JSON tree (with error recovery), then the model, reporting every problem. */
export function parsePolicyGeneral(text: string, kind: PolicyKind): ParsedPolicy {
  const b: Builder = { problems: [] };
  const json = parseJson(text);
  for (const p of json.problems) problem(b, p.code, p.message, p.span);
  let policy: PolicyDocument | undefined;
  if (json.root) {
    if (json.root.type === 'object') policy = document(b, json.root, text);
    else problem(b, 'policy-not-object', 'A policy must be a JSON object: `{ "Version": ..., "Statement": [...] }`.', nodeSpan(json.root));
  }
  const lines = new LineIndex(text, json.lineStarts);
  const errors: PolicyProblem[] = b.problems.map((p) => ({ ...p, range: lines.range(p.span) }));
  const parsed: ParsedPolicy = { kind, text, policy, errors };
  // Kept beside the result (not in it) so the compiler need not scan the text again.
  lineIndexes.set(parsed, lines);
  return parsed;
}

const lineIndexes = new WeakMap<ParsedPolicy, LineIndex>();

/** The line index of a parsed policy's text. */
export function linesOf(parsed: ParsedPolicy): LineIndex {
  let lines = lineIndexes.get(parsed);
  if (!lines) {
    lines = new LineIndex(parsed.text);
    lineIndexes.set(parsed, lines);
  }
  return lines;
}

/**
 * Policy input as `simulate` accepts it: JSON text or an already-parsed object.
 * Objects are printed (two-space indent) so positions refer to that text.
 */
export function policyText(input: string | object): { text: string; error?: string } {
  if (typeof input === 'string') return { text: input };
  try {
    const text = JSON.stringify(input, null, 2);
    if (typeof text !== 'string') return { text: '', error: 'The policy is not a JSON value.' };
    return { text };
  } catch (e) {
    return { text: '', error: `The policy object cannot be written as JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
}
