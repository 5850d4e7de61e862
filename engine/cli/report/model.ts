// What the commands hand to the reporters: plain data, one shape per command.
import type { Decision, StageName } from '../../evaluate/result.ts';
import type { PolicyKind } from '../../types.ts';
import type { Diagnostic } from '../../validate/types.ts';

/** A finding for which AWS would refuse a policy, placed in the policy's text. */
export interface RefusalView {
  /** The policy's name (in a workspace) or its file (simulate). */
  policy: string;
  kind: PolicyKind;
  code: string;
  message: string;
  line: number;
  column: number;
}

export interface TestCaseView {
  name: string;
  expect: Decision | 'Deny';
  actual: Decision;
  pass: boolean;
  /** For a failing test: the stage that decided, and what AWS would say. */
  why?: { stage: StageName; message: string };
}

export interface WorkspaceRun {
  /** The file (relative, `/`-separated) or `share link N`. */
  source: string;
  tests: TestCaseView[];
  /** Whether AWS would accept every policy taking part; refused workspaces fail. */
  accepted: boolean;
  refusals: RefusalView[];
  seconds: number;
}

export interface TestRun {
  workspaces: WorkspaceRun[];
  tests: number;
  passed: number;
  failed: number;
  /** Workspaces with policies AWS would refuse. */
  refused: number;
  ok: boolean;
  seconds: number;
}

export interface ValidatedFile {
  /** Relative, `/`-separated. */
  file: string;
  kind: PolicyKind;
  /** Set when the kind was guessed (no --kind): why. */
  guessed?: string;
  diagnostics: Diagnostic[];
}

export interface ValidateRun {
  files: ValidatedFile[];
  failOn: readonly string[];
  /** Findings whose severity is in failOn. */
  failing: number;
  ok: boolean;
}

/** The "AWS accepts the policies" check reports name it so. */
export const ACCEPTANCE_CHECK = 'AWS accepts the policies as written';

/** `expected X, got Y`, the one wording of a test's outcome. */
export function outcome(t: TestCaseView): string {
  return `expected ${t.expect}, got ${t.actual}`;
}

export function refusalText(r: RefusalView): string {
  return `AWS would refuse policy \`${r.policy}\` (line ${r.line}:${r.column}): ${r.message} [${r.code}]`;
}
