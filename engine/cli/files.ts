// Reading what the commands are given: workspace files, directories of them and
// share links (for `test`), and policy files (for `simulate` and `validate`).
// Every failure is an ExitError naming the path (and line:column for JSON).
import { importAws } from '../aws/index.ts';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { readShareEnvelope } from '../share/index.ts';
import { readWorkspaceFile } from '../share/file.ts';
import type { ShareEnvelope } from '../share/envelope.ts';
import { ExitError } from './args.ts';

/** A workspace to run, and how to name it in reports. */
export interface WorkspaceSource {
  /** The file, relative to the working directory with `/` separators, or `share link N`. */
  label: string;
  envelope: ShareEnvelope;
}

/** Directories a walk never enters. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist']);

/** A path as reports show it: relative to `cwd`, with forward slashes. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** The largest input file read: 32 M characters of UTF-8 at up to 3 bytes each. */
export const MAX_INPUT_BYTES = 96_000_000;

/** The text of a file, or an ExitError saying why it cannot be read. */
export function readText(cwd: string, path: string): string {
  try {
    // Checked before reading so a huge file is refused without loading it (a workspace is at most 32 M characters).
    const size = statSync(resolve(cwd, path)).size;
    if (size > MAX_INPUT_BYTES) throw new ExitError(`${displayPath(cwd, path)}: the file is too large (${size} bytes; at most ${MAX_INPUT_BYTES}).`);
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    if (e instanceof ExitError) throw e;
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message ?? e);
    throw new ExitError(`${displayPath(cwd, path)}: cannot read the file (${why}).`);
  }
}

/** Whether a command-line argument is a share link rather than a path. */
export function looksLikeLink(cwd: string, arg: string): boolean {
  if (/^https?:\/\//i.test(arg) || arg.startsWith('#v')) return true;
  return /^v\d+\./.test(arg) && !existsSync(resolve(cwd, arg));
}

/** The workspaces named by `test`'s arguments, in order: files, directories (recursively) and links. */
export function collectWorkspaces(cwd: string, args: readonly string[]): WorkspaceSource[] {
  const out: WorkspaceSource[] = [];
  let links = 0;
  for (const arg of args.length ? args : ['.']) {
    if (looksLikeLink(cwd, arg)) {
      links++;
      out.push({ label: `share link ${links}`, envelope: readLink(arg, links) });
      continue;
    }
    const abs = resolve(cwd, arg);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new ExitError(`${displayPath(cwd, arg)}: no such file or directory.`);
    }
    if (isDir) for (const file of walk(abs)) {
      const found = readWorkspace(cwd, file, false);
      if (found) out.push(found);
    }
    else out.push(readWorkspace(cwd, abs, true) as WorkspaceSource);
  }
  return out;
}

function readLink(arg: string, n: number): ShareEnvelope {
  const hash = arg.indexOf('#');
  const fragment = /^https?:\/\//i.test(arg) ? (hash >= 0 ? arg.slice(hash) : '') : arg;
  const r = readShareEnvelope(fragment);
  if (!r.ok) throw new ExitError(`share link ${n}: ${r.error}`);
  return r.envelope;
}

/** Every .json file under `dir`, sorted, outside the skipped directories (symbolic links are not followed). */
function walk(dir: string): string[] {
  const found: string[] = [];
  const visit = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory() && !SKIPPED_DIRS.has(e.name)) visit(p);
      else if (e.isFile() && e.name.endsWith('.json')) found.push(p);
    }
  };
  visit(dir);
  return found;
}

/**
 * Reads a workspace file. Named explicitly, anything but a valid workspace file is an
 * error; found in a walk, a JSON file that is not meant as one (no top-level `format`
 * and `workspace`) is skipped, so package.json and tsconfig.json are passed over.
 */
function readWorkspace(cwd: string, file: string, explicit: boolean): WorkspaceSource | undefined {
  const label = displayPath(cwd, file);
  const text = readText(cwd, file);
  // Cheap first look: most JSON files in a repository are not workspaces.
  if (!explicit && !text.includes('"workspace"')) return undefined;
  const r = readWorkspaceFile(text);
  if (r.ok) return { label, envelope: r.envelope };
  if (!explicit && !meantAsWorkspace(text)) return undefined;
  const where = r.line !== undefined ? `${label}:${r.line}:${r.column ?? 1}` : label;
  throw new ExitError(`${where}: ${r.error}`);
}

function meantAsWorkspace(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text.replace(/^\ufeff/, ''));
    return typeof v === 'object' && v !== null && !Array.isArray(v) && 'format' in v && 'workspace' in v;
  } catch {
    // Not JSON at all: a workspace file with a syntax error still names both fields.
    return /"format"\s*:/.test(text) && /"workspace"\s*:/.test(text);
  }
}

/**
 * The policy document a file holds: the text itself when it is a policy (or not JSON at
 * all: the validator then says where it breaks), else the one policy `importAws` finds
 * in what AWS printed (`aws iam get-role-policy` output, a JSON string, URL-encoding, ...).
 */
export function policyDocumentOf(file: string, text: string): { text: string; from?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'Statement' in value) return { text };
  const imported = importAws(text);
  if (!imported.ok) return { text };
  if (imported.policies.length === 1) return { text: imported.policies[0].text, from: imported.source };
  if (imported.policies.length === 0) throw new ExitError(`${file}: ${imported.source} holds no policy document.`);
  throw new ExitError(`${file}: ${imported.source} holds ${imported.policies.length} policies (${imported.policies.map((p) => `\`${p.name}\``).join(', ')}); give one policy per file.`);
}
