// The shapes of whoCan: who can reach which repository, over a whole account.
// A contract checked by outside tools: fields may be added, never renamed or removed.
import type { Decision, StageName } from '../evaluate/result.ts';
import type { ImportedPrincipal } from '../aws/types.ts';

/** A role or user with its policies, as importAws/loadAccount (engine/aws) produce them. */
export type { ImportedPrincipal };

/** A repository (or any resource): its ARN and, when it has one, its resource-based policy. */
export interface WhoCanResource {
  arn: string;
  /** The repository policy (an ECR repository policy) as JSON text. */
  policy?: string;
}

/**
 * Everything whoCan looks at. Each entry of the answer equals what `simulate` decides for
 * `whoCanSimulation(input, p, r, a)`: identityPolicies = the principal's `identity`
 * policies, permissionsBoundary = its first `boundary`, sessionPolicy = its first
 * `session`, resourcePolicy = the resource's `policy`, the SCPs and RCPs, and the request
 * `{ principal: arn, action, resource: arn, context }`. A principal's own `resource`
 * policies (role trust policies) take no part: they govern `sts:AssumeRole` on the role,
 * not requests to the repository.
 */
export interface WhoCanInput {
  principals: ImportedPrincipal[];
  resources: WhoCanResource[];
  actions: string[];
  /** One per level of the organization; each must allow. */
  scps?: string[];
  rcps?: string[];
  /** The request context of every request, e.g. `{"aws:PrincipalOrgID": "o-abc"}`. */
  context?: Record<string, string | string[]>;
  /**
   * Keys for one principal's requests, by its ARN as given, e.g. its `aws:PrincipalTag/*`.
   * For a principal listed here the request context is `{ ...context, ...principalContext[arn] }`.
   */
  principalContext?: Record<string, Record<string, string | string[]>>;
  /** Fixes aws:CurrentTime and aws:EpochTime, as `simulate`'s `now`; defaults to the time of the call. */
  now?: string | Date;
}

/** One combination of principal, resource and action, and what AWS would decide. */
export interface WhoCanEntry {
  /** The principal's ARN, as given. */
  principal: string;
  /** The resource's ARN, as given. */
  resource: string;
  /** The action, as given. */
  action: string;
  decision: Decision;
  /** The stage that settled the decision, as `simulate`'s `decidingStage`. */
  stage: StageName;
}

/**
 * Every decision as codes, small enough to keep and to post from a Web Worker (transfer
 * the buffers). Cell `(p * resources.length + r) * actions.length + a` is principal `p`,
 * resource `r`, action `a` (principal-major, actions fastest).
 */
export interface WhoCanMatrix {
  principals: string[];
  resources: string[];
  actions: string[];
  /** Index into `DECISION_CODES`. */
  decisions: Uint8Array;
  /** Index into `STAGE_CODES`. */
  stages: Uint8Array;
}

/** A run of principals' rows of the matrix, as `whoCanRows` yields them. */
export interface WhoCanRows {
  /** The first principal of the run (its index in the input). */
  from: number;
  /** One past the last principal of the run. */
  to: number;
  /** The cells of principals `from` to `to - 1`, in the matrix's order (cell 0 is principal `from`, resource 0, action 0). */
  decisions: Uint8Array;
  stages: Uint8Array;
}

export interface WhoCanOptions {
  /** Entries per batch (`whoCanBatches`), or principals per run (`whoCanRows`). */
  batchSize?: number;
  /** Called after each principal with the cells done and the cells in all. */
  onProgress?: (done: number, total: number) => void;
}

/** What the codes of a `WhoCanMatrix` stand for. */
export const DECISION_CODES: readonly Decision[] = ['ImplicitDeny', 'Allow', 'ExplicitDeny'];
export const STAGE_CODES: readonly StageName[] = ['input', 'explicit-deny', 'rcp', 'scp', 'resource', 'identity', 'boundary', 'session'];
