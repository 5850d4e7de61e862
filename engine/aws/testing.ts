// Helpers for the "AWS in" tests (no test runner or file system here, so the
// engine typecheck covers them too).
import { parsePolicy } from '../policy/parse.ts';
import type { ImportedPolicy, ImportResult, ImportSuccess } from './types.ts';

/** The success of an import; a failure stops the test with its error. */
export function ok(r: ImportResult): ImportSuccess {
  if (!r.ok) throw new Error(`expected an import, got: ${r.error}`);
  return r;
}

/** The policies with their texts parsed back, for exact comparison. */
export function docs(policies: readonly ImportedPolicy[]): Array<{ kind: string; name: string; doc: unknown }> {
  return policies.map((p) => ({ kind: p.kind, name: p.name, doc: JSON.parse(p.text) as unknown }));
}

/** Every problem the engine's own parser finds in the policies, as `name: code`. */
export function parseErrors(policies: readonly ImportedPolicy[]): string[] {
  return policies.flatMap((p) => parsePolicy(p.text, p.kind).errors.map((e) => `${p.name}: ${e.code}`));
}

/** True when every text is pretty JSON with a 2-space indent. */
export function allPretty(policies: readonly ImportedPolicy[]): boolean {
  return policies.every((p) => p.text === JSON.stringify(JSON.parse(p.text), null, 2));
}
