// Shapes of the validator's output. Offsets are the truth; ranges are the same
// spans as 1-based line/column, computed in one place (LineIndex).
import type { ActionNames } from '../catalog/index.ts';
import type { Range, Span } from '../types.ts';
import type { DiagnosticCode } from './codes.ts';

/** As IAM Access Analyzer groups its findings. */
export type Severity = 'error' | 'security' | 'warning' | 'suggestion';

/** One text replacement: `span` (offsets) and `range` (1-based) name the same characters. */
export interface TextEdit {
  span: Span;
  range: Range;
  text: string;
}

/** A quick fix: applying every edit (they never overlap) repairs the finding. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  /** Stable identifier from the code catalog (`codes.ts`); never match on `message`. */
  code: DiagnosticCode;
  severity: Severity;
  /** One sentence in plain words; user input in backticks; says what to do. */
  message: string;
  /** UTF-16 offsets of the exact element, end exclusive. */
  span: Span;
  range: Range;
  fix?: Fix;
}

/** Facts the policy text cannot tell; each enables checks that need it. */
export interface ValidateOptions {
  /**
   * The 12-digit account that owns the repository or role. Enables the
   * cross-account push finding and the confused-deputy quick fix.
   */
  resourceAccount?: string;
  /**
   * What a trust policy is for. `ecs-task` and `ecs-task-execution` make a
   * trust policy that does not trust `ecs-tasks.amazonaws.com` an error.
   */
  roleUse?: 'ecs-task' | 'ecs-task-execution';
  /**
   * Every service's action names (`loadAllActionNames`). Without them, actions of
   * services the catalog does not describe in depth are not checked.
   */
  actionNames?: ActionNames;
}
