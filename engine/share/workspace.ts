// The workspace a share link carries, and a strict reader for it: a link is
// input from anywhere, so every field is checked and unknown fields are refused.
import type { Decision, SimulationRequest } from '../evaluate/result.ts';
import { POLICY_KIND_LIST } from '../policy/kinds.ts';
import type { PolicyKind } from '../types.ts';

/** One policy of a workspace, as the editor tab shows it. */
export interface WorkspacePolicy {
  kind: PolicyKind;
  name: string;
  text: string;
}

/** A saved request with the decision it should get. */
export interface WorkspaceTest {
  name: string;
  request: SimulationRequest;
  expect: Decision;
}

/** Everything a share link restores: policies, the request, policy tests, the open tab. */
export interface Workspace {
  policies: WorkspacePolicy[];
  request: SimulationRequest;
  tests?: WorkspaceTest[];
  /** Index into `policies` of the tab that was open. */
  activePolicy?: number;
}

export const POLICY_KINDS: readonly PolicyKind[] = POLICY_KIND_LIST;
export const DECISIONS: readonly Decision[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];

/** A reader's result; a failure names the field it is about (`workspace.policies[0].kind`). */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string; path: string };

class ShapeError extends Error {
  readonly path: string;
  constructor(message: string, path: string) {
    super(message);
    this.path = path;
  }
}

function fail(path: string, what: string): never {
  throw new ShapeError(`\`${path}\` ${what}`, path);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function record(v: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isRecord(v)) fail(path, 'must be an object.');
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) fail(`${path}.${k}`, 'is not a field this format knows.');
  }
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be a string.');
  return v;
}

function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be an array.');
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  const s = str(v, path);
  if (!(options as readonly string[]).includes(s)) fail(path, `must be one of ${options.map((o) => `\`${o}\``).join(', ')}, not \`${s}\`.`);
  return s as T;
}

function readRequest(v: unknown, path: string): SimulationRequest {
  const r = record(v, path, ['principal', 'action', 'resource', 'context']);
  const out: SimulationRequest = {
    principal: str(r.principal, `${path}.principal`),
    action: str(r.action, `${path}.action`),
    resource: str(r.resource, `${path}.resource`),
  };
  if (r.context !== undefined) {
    if (!isRecord(r.context)) fail(`${path}.context`, 'must be an object of condition keys.');
    // fromEntries defines own properties, so a key such as `__proto__` stays a plain key.
    out.context = Object.fromEntries(
      Object.entries(r.context).map(([key, value]) => {
        const p = `${path}.context.${key}`;
        return [key, Array.isArray(value) ? value.map((x, i) => str(x, `${p}[${i}]`)) : str(value, p)];
      }),
    );
  }
  return out;
}

/** Reads a workspace value strictly (throws ShapeError; wrap in `checked`). */
export function readWorkspace(v: unknown, path: string): Workspace {
  const w = record(v, path, ['policies', 'request', 'tests', 'activePolicy']);
  const policies = list(w.policies, `${path}.policies`).map((p, i): WorkspacePolicy => {
    const at = `${path}.policies[${i}]`;
    const r = record(p, at, ['kind', 'name', 'text']);
    return { kind: oneOf(r.kind, `${at}.kind`, POLICY_KINDS), name: str(r.name, `${at}.name`), text: str(r.text, `${at}.text`) };
  });
  const out: Workspace = { policies, request: readRequest(w.request, `${path}.request`) };
  if (w.tests !== undefined) {
    out.tests = list(w.tests, `${path}.tests`).map((t, i): WorkspaceTest => {
      const at = `${path}.tests[${i}]`;
      const r = record(t, at, ['name', 'request', 'expect']);
      return { name: str(r.name, `${at}.name`), request: readRequest(r.request, `${at}.request`), expect: oneOf(r.expect, `${at}.expect`, DECISIONS) };
    });
  }
  if (w.activePolicy !== undefined) {
    const a = w.activePolicy;
    if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a >= Math.max(1, policies.length)) {
      fail(`${path}.activePolicy`, 'must be the index of one of the policies.');
    }
    out.activePolicy = a;
  }
  return out;
}

/** Checks that a value has exactly the shape of a Workspace; returns a clean copy. Never throws. */
export function checkWorkspace(value: unknown): Checked<Workspace> {
  return checked(() => readWorkspace(value, 'workspace'));
}

/** Runs a reader, turning its shape errors into a result. */
export function checked<T>(read: () => T): Checked<T> {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, error: e.message, path: e.path };
    throw e;
  }
}

export const shape = { record, str, list, oneOf, fail };
