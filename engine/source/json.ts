import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Span } from '../types.ts';
import { parseJsonFast } from './fastjson.ts';

export type JsonNode = Node;

/** The problems that mean the text is not (yet) well-formed JSON. */
export const JSON_PROBLEM_CODES: ReadonlySet<string> = new Set(['json-syntax', 'json-comment', 'json-trailing-comma', 'json-too-deep', 'json-empty']);

export interface JsonProblem {
  code: 'json-syntax' | 'json-comment' | 'json-trailing-comma' | 'json-too-deep' | 'json-empty';
  message: string;
  span: Span;
}

export interface JsonParseResult {
  /** The root value, with duplicate keys kept (JSON.parse would drop them). */
  root?: JsonNode;
  problems: JsonProblem[];
  /** Line starts, when the parse collected them. */
  lineStarts?: number[];
}

/**
 * IAM policies nest at most six levels; anything far deeper is an error, and
 * refusing it before the recursive-descent parser runs keeps the stack safe.
 */
export const MAX_JSON_DEPTH = 64;

/** Where the text first nests deeper than `limit`, or -1. Skips strings. */
function depthOverflowOffset(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return -1;
}

const ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'this is not valid JSON here',
  InvalidNumberFormat: 'this number is not valid JSON',
  PropertyNameExpected: 'a property name in double quotes is expected here',
  ValueExpected: 'a value is expected here',
  ColonExpected: 'a colon (`:`) is expected here',
  CommaExpected: 'a comma (`,`) is expected here',
  CloseBraceExpected: 'a closing brace (`}`) is expected here',
  CloseBracketExpected: 'a closing bracket (`]`) is expected here',
  EndOfFileExpected: 'the JSON should end here; remove what follows',
  InvalidCommentToken: 'comments are not allowed: IAM policies are strict JSON',
  UnexpectedEndOfComment: 'comments are not allowed: IAM policies are strict JSON',
  UnexpectedEndOfString: 'this string is not closed with a double quote',
  UnexpectedEndOfNumber: 'this number is not complete',
  InvalidUnicode: 'this unicode escape is not valid',
  InvalidEscapeCharacter: 'this escape sequence is not valid JSON',
  InvalidCharacter: 'this character must be escaped inside a JSON string',
};

function describe(error: ParseError, text: string): JsonProblem {
  const name = printParseErrorCode(error.error);
  const span = { start: error.offset, end: error.offset + Math.max(error.length, error.offset < text.length ? 1 : 0) };
  if (name === 'InvalidCommentToken' || name === 'UnexpectedEndOfComment') {
    return { code: 'json-comment', message: ERROR_WORDS[name], span };
  }
  return { code: 'json-syntax', message: capitalize(ERROR_WORDS[name] ?? 'the JSON is not valid here') + '.', span };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Finds a comma followed only by whitespace and a closing bracket or brace. */
function trailingCommas(root: JsonNode | undefined, text: string): JsonProblem[] {
  const found: JsonProblem[] = [];
  const visit = (node: JsonNode) => {
    if ((node.type === 'object' || node.type === 'array') && node.children && node.children.length > 0) {
      const last = node.children[node.children.length - 1];
      let i = last.offset + last.length;
      const close = node.offset + node.length - 1;
      while (i < close && /\s/.test(text[i])) i++;
      if (i < close && text[i] === ',') {
        found.push({
          code: 'json-trailing-comma',
          message: 'Remove this trailing comma: IAM policies are strict JSON.',
          span: { start: i, end: i + 1 },
        });
      }
    }
    node.children?.forEach(visit);
  };
  if (root) visit(root);
  return found;
}

/** Parses strict JSON (no comments, no trailing commas), keeping every node's offsets. */
export function parseJson(text: string): JsonParseResult {
  if (text.trim() === '') {
    return { problems: [{ code: 'json-empty', message: 'The policy is empty; write a JSON object.', span: { start: 0, end: text.length } }] };
  }
  const fast = parseJsonFast(text, MAX_JSON_DEPTH);
  if (fast) return { root: fast.root, problems: [], lineStarts: fast.lineStarts };
  const deep = depthOverflowOffset(text, MAX_JSON_DEPTH);
  if (deep >= 0) {
    return {
      problems: [
        {
          code: 'json-too-deep',
          message: `The JSON nests more than ${MAX_JSON_DEPTH} levels deep here; an IAM policy never needs more than six.`,
          span: { start: deep, end: deep + 1 },
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  // Trailing commas are allowed by the parser so that the tree survives them, then reported.
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: true, allowEmptyContent: false });
  const problems = errors.map((e) => describe(e, text));
  problems.push(...trailingCommas(root, text));
  problems.sort((a, b) => a.span.start - b.span.start);
  return { root, problems };
}

/** Span of a node. */
export function nodeSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}
