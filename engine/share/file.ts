// Workspace files: the share link's envelope as pretty JSON, versioned like links
// and read by the same envelope readers (envelope.ts). A file is input from
// anywhere: every problem comes back as a result, with a line and column.
import { parseJson, type JsonNode } from '../source/json.ts';
import { LineIndex } from '../source/lines.ts';
import { envelopeOf, readEnvelopeValue, type ShareEnvelope } from './envelope.ts';
import type { Workspace } from './workspace.ts';

export type WorkspaceFileResult =
  | { ok: true; workspace: Workspace; envelope: ShareEnvelope }
  | { ok: false; error: string; line?: number; column?: number };

/** A workspace file larger than this is refused (a workspace is a few KB to a few MB). */
const MAX_FILE_CHARS = 32_000_000;

/** The workspace file for `workspace`: the envelope as JSON, two-space indented, keys in a fixed order, ending in a newline. */
export function encodeWorkspaceFile(workspace: Workspace): string {
  return JSON.stringify(envelopeOf(workspace), null, 2) + '\n';
}

/** Reads a workspace file. Never throws; a JSON error has its line and column, a shape error names the field (and where it is). */
export function readWorkspaceFile(text: string): WorkspaceFileResult {
  try {
    return readFile(text);
  } catch (e) {
    // INVARIANT: every problem is reported as a result; this only guards against a bug.
    return { ok: false, error: `This workspace file could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function readFile(input: string): WorkspaceFileResult {
  if (typeof input !== 'string') return { ok: false, error: 'A workspace file must be text.' };
  // A byte order mark is not JSON, but editors write one.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.length > MAX_FILE_CHARS) return { ok: false, error: 'The file is too large to be a workspace.' };
  if (text.trim() === '') return { ok: false, error: 'The file is empty; a workspace file is a JSON object with `format` and `workspace`.', line: 1, column: 1 };
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.position(offset);
  const parsed = parseJson(text);
  const problem = parsed.problems[0];
  if (problem) {
    const { line, column } = at(problem.span.start);
    const words = problem.code === 'json-syntax' ? lowerFirst(problem.message) : `${JSON_WORDS[problem.code]}.`;
    return { ok: false, error: `The file is not valid JSON: ${words}`, line, column };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'This is not a workspace file: it should be a JSON object with `format` and `workspace`.', line: 1, column: 1 };
  }
  const format = (value as { format?: unknown }).format;
  let r;
  if (format === undefined) {
    r = { ok: false as const, path: 'envelope', error: 'This is not a workspace file: it has no `format` field.' };
  } else if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) {
    r = { ok: false as const, path: 'envelope.format', error: '`envelope.format` must be a whole number such as `1`.' };
  } else {
    r = readEnvelopeValue(value, format);
  }
  if (r.ok) return { ok: true, workspace: r.value.workspace, envelope: r.value };
  const node = parsed.root ? locate(parsed.root, r.path) : undefined;
  return node ? { ok: false, error: r.error, ...at(node.offset) } : { ok: false, error: r.error };
}

/** The parser's words are about policies; these are about files. */
const JSON_WORDS: Record<string, string> = {
  'json-comment': 'comments are not allowed in JSON',
  'json-trailing-comma': 'a trailing comma is not allowed here',
  'json-too-deep': 'it nests too deeply here',
  'json-empty': 'the file is empty',
};

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * The node a reader's field path names (`workspace.policies[0].kind`, `envelope.engine`),
 * or the deepest node on the way when the field is missing. The envelope is the file's
 * root; keys may hold dots (context keys), so the longest key that fits is taken.
 */
function locate(root: JsonNode, path: string): JsonNode | undefined {
  let node = root;
  let rest: string;
  if (path.startsWith('envelope')) rest = path.slice('envelope'.length);
  else if (path.startsWith('workspace')) rest = `.${path}`;
  else return undefined;
  while (rest !== '') {
    if (node.type === 'array' && rest.startsWith('[')) {
      const m = /^\[(\d+)\]/.exec(rest);
      const item = m ? node.children?.[Number(m[1])] : undefined;
      if (!m || !item) return node;
      node = item;
      rest = rest.slice(m[0].length);
    } else if (node.type === 'object' && rest.startsWith('.')) {
      const after = rest.slice(1);
      let best: JsonNode | undefined;
      let bestKey = '';
      for (const prop of node.children ?? []) {
        const key = String(prop.children?.[0]?.value ?? '');
        const fits = after.startsWith(key) && (after.length === key.length || after[key.length] === '.' || after[key.length] === '[');
        if (fits && key.length >= bestKey.length) {
          best = prop;
          bestKey = key;
        }
      }
      if (!best) return node;
      rest = after.slice(bestKey.length);
      // The last field: point at its key, where a reader looks first.
      if (rest === '') return best.children?.[0] ?? best;
      const value = best.children?.[1];
      if (!value) return best;
      node = value;
    } else {
      return node;
    }
  }
  return node;
}
