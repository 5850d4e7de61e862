// Public shapes of the reasoning over every request of a workspace (issue 11):
// the request space (a partition of the requests the policies can tell apart),
// the comparison of two versions, fixes for a denial, edge cases, coverage and
// the full matrix. Everything is plain data, so a Web Worker can post it.
import type { AccessLevel } from '../catalog/types.ts';
import type { Decision, SimulationRequest, StageName } from '../evaluate/result.ts';
import type { Workspace } from '../share/workspace.ts';
import type { Effect, PolicyKind, Range, Span } from '../types.ts';

export type { Workspace };

/** A complete simulator request (the share/workspace model's request). */
export type Request = SimulationRequest;

export interface ReasonOptions {
  /** Fixes aws:CurrentTime and aws:EpochTime for every request; defaults to now. */
  now?: string | Date;
  /** Most requests enumerated per action before the context product is cut (default 4096); `scope.bounds` says where. */
  maxRequestsPerAction?: number;
  /** Most context keys combined in full per action (default 6); beyond, values vary one key at a time. */
  maxCombinedKeys?: number;
}

/** One place where the exploration stopped short of every combination. */
export interface ScopeBound {
  dimension: 'actions' | 'resources' | 'principals' | 'context' | 'requests';
  /** What was cut, in one sentence. */
  what: string;
  /** The action it concerns, when it concerns one. */
  action?: string;
}

/** What a reasoning result explored: counts per dimension, and whether the partition was exhaustive. */
export interface RequestSpaceScope {
  actions: number;
  /** Resource cells (overlap cells of every Resource/NotResource pattern, plus one ARN matching none, per ARN shape). */
  resources: number;
  principals: number;
  /** Context keys the policies read (as written, lower-cased key names deduplicated). */
  contextKeys: string[];
  /** Requests evaluated. */
  requests: number;
  /** True when no bound below was hit: every cell of the partition was evaluated. */
  exhaustive: boolean;
  bounds: ScopeBound[];
  /** What the partition treats as one cell or leaves out on purpose (e.g. policy variables). */
  notes: string[];
}

/** A resource cell: a concrete ARN and the patterns it matches (which are all the patterns it can tell apart). */
export interface ResourceCell {
  arn: string;
  /** The Resource/NotResource patterns this ARN matches, as written. */
  matches: string[];
  /** Resource type of the ARN (`repository`, `task-definition`, ...), or `*` for the bare `*` resource. */
  resourceType: string;
  /** A short label for people: `repository/team-b/*`, `matches none`. */
  label: string;
}

/** A principal cell. */
export interface PrincipalCell {
  arn: string;
  /** `caller` (the workspace request's principal), `named`, `other-account`, `service`. */
  role: 'caller' | 'named' | 'other-account' | 'service';
  label: string;
}

/** One value of a context key in the partition; `value` undefined means the key is missing. */
export interface ContextValue {
  value?: string | string[];
  /** `named`, `boundary`, `unnamed`, `missing`, `empty-set`, `mixed`, `case-variant`. */
  why: 'named' | 'boundary' | 'unnamed' | 'missing' | 'empty-set' | 'mixed' | 'case-variant';
}

export interface ContextDimension {
  /** The key as first written. */
  key: string;
  type: string;
  multiValued: boolean;
  values: ContextValue[];
}

/** The partition of a workspace's requests. */
export interface RequestSpace {
  actions: string[];
  /** Resource cells per action (by ARN shape of its resource types), indexes into `resources`. */
  resourcesByAction: Record<string, number[]>;
  resources: ResourceCell[];
  principals: PrincipalCell[];
  context: ContextDimension[];
  scope: RequestSpaceScope;
}

export type Verdict = 'equivalent' | 'more-permissive' | 'less-permissive' | 'incomparable';

/**
 * How a decision changed. Decisions are ordered ExplicitDeny < ImplicitDeny < Allow:
 * an implicit deny can still be granted by another policy, an explicit deny cannot.
 */
export type DecisionChange = 'now-allowed' | 'now-denied' | 'deny-lifted' | 'deny-added';

export interface Difference {
  /** A complete request; `simulate` on each version gives `before` and `after`. */
  request: Request;
  before: Decision;
  after: Decision;
  /** e.g. "now allowed: ecr:PutImage on repository/team-b/* for role/ci, with aws:PrincipalTag/team = b". */
  summary: string;
  change: DecisionChange;
  /** Differences with the same group id differ the same way for the same action (one summary line in a list). */
  group: string;
}

export interface Comparison {
  verdict: Verdict;
  differences: Difference[];
  scope: RequestSpaceScope;
}

export interface SuggestedFix {
  /** Name of the policy changed or added. */
  policy: string;
  kind: PolicyKind;
  /** The policy's new full text. */
  text: string;
  summary: string;
  /** Index into the workspace's policies of the policy changed; undefined when the fix adds a policy. */
  policyIndex?: number;
  /** The denying stage this fix answers. */
  stage: StageName;
}

/** A statement that denies the request explicitly, and what would pass it. */
export interface BlockingStatement {
  policy: string;
  kind: PolicyKind;
  policyIndex: number;
  statementIndex: number;
  sid?: string;
  span: Span;
  range: Range;
  /** The condition that holds for the request, when the statement has conditions (`StringEquals aws:PrincipalTag/team`). */
  condition?: string;
  /** Requests that differ from the denied one in one respect and pass this statement, each with what changed. */
  passWith: { request: Request; change: string; decision: Decision }[];
}

export interface FixResult {
  /** Policy edits; applying the first makes `simulate` allow the request. Empty for an explicit deny or an allowed request. */
  fixes: SuggestedFix[];
  /** For an explicit deny: every statement blocking the request. */
  blocking: BlockingStatement[];
  /** The request's decision before any fix. */
  decision: Decision;
  /** Set when no fix is offered, saying why. */
  note?: string;
}

export type EdgeKind =
  | 'key-missing'
  | 'empty-set'
  | 'case-variant'
  | 'if-exists-absent'
  | 'negated-absent'
  | 'numeric-bound'
  | 'date-bound'
  | 'task-definition-revision'
  | 'other-account';

export interface EdgeCase {
  request: Request;
  decision: Decision;
  /** One sentence: which condition or pattern this request sits on the edge of, and the decision. */
  why: string;
  kind: EdgeKind;
  /** A short test name for "add as a test". */
  name: string;
}

/** Where a statement stands, for editor decorations. */
export interface StatementLocation {
  policy: string;
  kind: PolicyKind;
  policyIndex: number;
  statementIndex: number;
  sid?: string;
  effect?: Effect;
  span: Span;
  range: Range;
}

export type CoverageFindingKind =
  | 'decides-no-test'
  | 'decides-nothing'
  | 'never-applies'
  | 'shadowed'
  | 'condition-always-true'
  | 'condition-always-false'
  | 'conditions-contradict'
  | 'redundant-allow';

export interface CoverageFinding extends StatementLocation {
  finding: CoverageFindingKind;
  message: string;
  /** The condition entry concerned, for condition findings. */
  conditionSpan?: Span;
  conditionRange?: Range;
}

export interface StatementCoverage extends StatementLocation {
  /** Requests of the partition the statement applies to (all elements and conditions match). */
  appliesIn: number;
  /** Requests of the partition whose decision this statement is among the deciding statements of. */
  decidesIn: number;
  /** Names of the workspace tests it is among the deciding statements of. */
  decidesTests: string[];
}

export interface CoverageResult {
  statements: StatementCoverage[];
  findings: CoverageFinding[];
  scope: RequestSpaceScope;
}

export interface MatrixAction {
  action: string;
  service: string;
  accessLevel: AccessLevel;
  /** False when the action supports only `*`. */
  resourceLevel: boolean;
}

export interface MatrixCell {
  action: number;
  resource: number;
  principal: number;
  decision: Decision;
  /** One line: the deciding statement, or the stage that denied. */
  reason: string;
  stage: StageName;
  /** Names of workspace tests with this action, resource and principal that expect another decision. */
  conflictingTests?: string[];
}

export interface FullMatrix {
  actions: MatrixAction[];
  resources: ResourceCell[];
  principals: PrincipalCell[];
  cells: MatrixCell[];
  scope: RequestSpaceScope;
}
