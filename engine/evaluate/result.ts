// What a simulation returns. These types are part of the engine's public contract.
import type { ConditionTrace } from '../conditions/evaluate.ts';
import type { Effect, Located, PolicyKind, PolicyProblem, Range, Span } from '../types.ts';
import type { ContextEntry } from './context.ts';
import type { PrincipalKind } from './principal.ts';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface SimulationRequest {
  /** ARN of an IAM user, role, assumed-role session, account root (or a 12-digit account id), or a service principal such as `ecs-tasks.amazonaws.com`. */
  principal: string;
  /** e.g. `ecr:PutImage`. */
  action: string;
  /** An ARN, or `"*"`. */
  resource: string;
  /** Condition keys and values, e.g. `{"ecr:ResourceTag/team": "blue"}`; they override derived keys. */
  context?: Record<string, string | string[]>;
}

export interface SimulationInput {
  identityPolicies?: (string | object)[];
  /** e.g. an ECR repository policy or a role trust policy. */
  resourcePolicy?: string | object;
  permissionsBoundary?: string | object;
  /** Each must allow (one per level of the organization). */
  scps?: (string | object)[];
  rcps?: (string | object)[];
  sessionPolicy?: string | object;
  request: SimulationRequest;
  /** Fixes aws:CurrentTime and aws:EpochTime (ISO 8601 text or a Date); defaults to now. */
  now?: string | Date;
  /** Display names of the policies, by kind and position (the web app's tab names). */
  names?: Partial<Record<PolicyKind, string[]>>;
  /**
   * `false` for the decision alone, when nothing will read the explanation: `decision`,
   * `decidingStage`, `decisiveStatements`, `message`, `accepted`, `refusals`, `errors`,
   * `crossAccount` and `principalKind` are as with the trace; `steps`, `missingContextKeys`
   * and `context` are empty, and each of `policies` lists no statements. Default `true`.
   */
  trace?: boolean;
}

/** Which input a policy is: the caller's id for it, its kind and position among the inputs of that kind. */
export interface PolicyRef {
  /** The id the caller gave the policy (`analyzeWorkspace`), or `<kind>:<index>` for `simulate`'s slots. */
  id: string;
  kind: PolicyKind;
  index: number;
  /** A name for people: the given name, or e.g. `Identity policy 2`. */
  name: string;
}

export interface StatementRef {
  policy: PolicyRef;
  statementIndex: number;
  sid?: string;
  effect: Effect;
  /** The statement object in the policy text. */
  span: Span;
  range: Range;
}

export type ElementName = 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal';

export interface ElementTrace {
  /** The element as written, or `implicit` when the statement has none (a repository policy's resource, an identity policy's principal). */
  element: ElementName | 'implicit';
  matched: boolean;
  /** The value that matched (or, for Not* elements, the value that left the request out). */
  by?: Located<string>;
  /** One plain sentence. */
  reason: string;
  /** Not looked at: the statement already fails on its action. */
  notEvaluated?: boolean;
}

export interface StatementTrace {
  ref: StatementRef;
  /** Every element and every condition matched: the statement applies to the request. */
  applies: boolean;
  action: ElementTrace;
  resource: ElementTrace;
  principal: ElementTrace;
  conditions: ConditionTrace[];
  conditionsMatched: boolean;
  /** The statement has conditions that were not looked at, because it fails on its action. */
  conditionsNotEvaluated?: boolean;
  /** Set when the statement cannot take part (no valid Effect, say). */
  skipped?: string;
}

export interface PolicyTrace {
  ref: PolicyRef;
  /** False when the text could not be read as a policy at all. */
  parsed: boolean;
  statements: StatementTrace[];
  /** Why a policy does not take part in this request (e.g. a repository policy for a registry-level action). */
  notApplicable?: string;
}

export type StageName = 'input' | 'explicit-deny' | 'rcp' | 'scp' | 'resource' | 'identity' | 'boundary' | 'session';

export interface EvaluationStep {
  stage: StageName;
  outcome: 'allow' | 'deny' | 'no-allow' | 'not-applicable' | 'pass';
  summary: string;
  statements: StatementRef[];
}

/** A problem in the inputs; `policy` says which policy text the span points into. */
export interface InputError extends PolicyProblem {
  policy?: PolicyRef;
  /** Set for problems in the request rather than in a policy. */
  field?: 'principal' | 'action' | 'resource' | 'context';
}

/** A finding for which AWS would refuse a policy as written (e.g. a `Principal` in an identity policy). */
export interface Refusal {
  policy: PolicyRef;
  /** A code of the diagnostic catalog whose `refuses` is true. */
  code: string;
  message: string;
  span: Span;
  range: Range;
}

export interface SimulationResult {
  /**
   * Whether AWS would accept every evaluated policy as written. When false, `decision`
   * is what AWS would decide if the policies were accepted, not an answer to rely on.
   */
  accepted: boolean;
  /** Why not, when `accepted` is false: each refusing finding, with its policy and place. */
  refusals: Refusal[];
  decision: Decision;
  /** The statements that decided it: the denies for ExplicitDeny, the allows that granted for Allow, none for ImplicitDeny. */
  decisiveStatements: StatementRef[];
  /** The stage that settled the decision, e.g. `identity` for "no identity-based policy allows". */
  decidingStage: StageName;
  /** What AWS would say: the AccessDenied message, or a sentence saying why it is allowed. */
  message: string;
  /** The evaluation flow, stage by stage, as AWS's policy evaluation logic describes it. */
  steps: EvaluationStep[];
  /** A trace of every statement of every policy. */
  policies: PolicyTrace[];
  /** Context keys the applicable statements read but the request does not carry. */
  missingContextKeys: string[];
  /** The request context used, derived keys included. */
  context: ContextEntry[];
  principalKind?: PrincipalKind;
  crossAccount: boolean;
  errors: InputError[];
}
