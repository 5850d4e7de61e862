// Shared decoding for AWS output: JSON with positioned errors, the URL-encoded
// and string-encoded policy documents IAM prints, and small text helpers.
import { parseJson } from '../source/json.ts';
import { LineIndex } from '../source/lines.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string field, or undefined. */
export function str(o: JsonObject | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** An object field, or undefined. */
export function obj(o: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = o?.[key];
  return isRecord(v) ? v : undefined;
}

/** An array field (empty when absent or not an array). */
export function arr(o: JsonObject | undefined, key: string): Json[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

/** The records of an array field. */
export function records(o: JsonObject | undefined, key: string): JsonObject[] {
  return arr(o, key).filter(isRecord);
}

/** User input inside a message: in backticks, shortened, with backticks of its own replaced. */
export function code(s: string): string {
  const flat = s.replace(/\s+/g, ' ').replace(/`/g, "'");
  return '`' + (flat.length > 120 ? flat.slice(0, 117) + '...' : flat) + '`';
}

/** Pretty JSON, 2-space indent: the form every imported policy text takes. */
export function pretty(v: unknown): string {
  return JSON.stringify(v, null, 2);
}

/** Each message once, in first-seen order. */
export function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Strict JSON, with the first syntax error's line and column. */
export function parseJsonText(text: string, what = 'The input'): Parsed<Json> {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    const problems = parseJson(text).problems;
    const first = problems[0];
    if (!first) return { ok: false, error: `${what} is not valid JSON.` };
    const at = new LineIndex(text).position(first.span.start);
    const why = lowerFirst(first.message).replace(/\.$/, '');
    return { ok: false, error: `${what} is not valid JSON at line ${at.line}, column ${at.column}: ${why}.` };
  }
}

/** True when the text looks like URL-encoded JSON, as IAM returns policy documents (`%7B%22Version%22...`). */
export function looksUrlEncoded(s: string): boolean {
  return /^\s*%(7b|5b|22)/i.test(s) || (/%22/i.test(s) && !/[{}"]/.test(s));
}

/** RFC 3986 percent-decoding, or undefined when an escape is broken. */
export function urlDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * A policy document as AWS output holds it: an object, a JSON string, or a
 * URL-encoded JSON string (IAM's raw API form). One level of encoding each.
 */
export function decodeDocument(v: unknown): Parsed<JsonObject> {
  if (isRecord(v)) return { ok: true, value: v };
  if (typeof v !== 'string') return { ok: false, error: 'is not a policy document (an object or a JSON string)' };
  let text = v.trim();
  if (looksUrlEncoded(text)) {
    const decoded = urlDecode(text);
    if (decoded === undefined) return { ok: false, error: 'is URL-encoded but does not decode' };
    text = decoded.trim();
    const parsed = tryParse(text) ?? tryParse(urlDecode(v.replace(/\+/g, '%20'))?.trim() ?? '');
    if (parsed === undefined) return { ok: false, error: 'is URL-encoded but is not JSON once decoded' };
    return isRecord(parsed) ? { ok: true, value: parsed } : { ok: false, error: 'is not a JSON object once decoded' };
  }
  const parsed = tryParse(text);
  if (parsed === undefined) return { ok: false, error: 'is a string that is not JSON' };
  return isRecord(parsed) ? { ok: true, value: parsed } : { ok: false, error: 'is not a JSON object' };
}

function tryParse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** Does the object look like an IAM policy document? */
export function isPolicyDocument(v: unknown): boolean {
  return isRecord(v) && 'Statement' in v;
}

/** The partition of a region: `cn-*` is `aws-cn`, `us-gov-*` is `aws-us-gov`, else `aws`. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  if (region?.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/** The account id of an ARN (`arn:aws:iam::123456789012:role/x`), if it has one. */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** The last path segment of an ARN's resource part (`role/path/name` gives `name`). */
export function arnName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1) || arn;
}

/** Singular or plural, with the count: `1 role`, `3 roles`. */
export function count(n: number, word: string): string {
  const plural = /[^aeiou]y$/.test(word) ? word.slice(0, -1) + 'ies' : word + 's';
  return `${n} ${n === 1 ? word : plural}`;
}

/**
 * What a template or a Terraform document defines, in words ("1 role, 2 policies"), and
 * what it says about the request: its one role as the principal, its one repository as
 * the resource.
 */
export function describeDefinitions(
  principals: readonly { arn: string; type?: 'role' | 'user' }[],
  policies: readonly { kind: string }[],
  repositories: readonly string[],
  more: readonly (readonly [number, string])[] = [],
): { described: string[]; request: { principal?: string; resource?: string } } {
  const roles = principals.filter((p) => p.type === 'role');
  const request: { principal?: string; resource?: string } = {};
  if (roles.length === 1) request.principal = roles[0].arn;
  if (repositories.length === 1) request.resource = repositories[0];
  const summary: (readonly [number, string])[] = [
    [roles.length, 'role'],
    [principals.length - roles.length, 'user'],
    [policies.filter((p) => p.kind !== 'resource').length, 'policy'],
    [repositories.length, 'repository policy'],
    ...more,
  ];
  return { described: summary.filter(([n]) => n > 0).map(([n, w]) => count(n, w)), request };
}
