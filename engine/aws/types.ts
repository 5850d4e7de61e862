// Public shapes of the "AWS in" and "AWS out" helpers. The `ImportResult`,
// `ImportedPrincipal` and `AccessDeniedResult` shapes are a contract checked by
// outside tools: fields may be added, never renamed or removed.
import type { Decision, SimulationRequest } from '../evaluate/result.ts';
import type { PolicyKind } from '../types.ts';

/** One policy document found in AWS output; `text` is pretty JSON (2-space indent). */
export interface ImportedPolicy {
  kind: PolicyKind;
  name: string;
  text: string;
}

/**
 * A role or user with its policies: identity policies (inline, managed and, for
 * users, those of their groups), its permissions boundary (kind `boundary`) and,
 * for a role, its trust policy (kind `resource`).
 */
export interface ImportedPrincipal {
  arn: string;
  policies: ImportedPolicy[];
  /** `role` or `user`, when the source says. */
  type?: 'role' | 'user';
  /** The principal's tags, which AWS exposes as `aws:PrincipalTag/<key>`. */
  tags?: Record<string, string>;
}

/** A ready-made policy test: a request, a name for people, and the decision it should get. */
export interface ImportedRequest extends SimulationRequest {
  name: string;
  expect?: Decision;
}

/** What was recognised, as a stable identifier (the app may branch on it; people read `source`). */
export type ImportFormat =
  | 'policy-document'
  | 'ecr-repository-policy'
  | 'ecr-registry-policy'
  | 'iam-role'
  | 'iam-inline-policy'
  | 'iam-policy-version'
  | 'iam-account-details'
  | 'organizations-policy'
  | 'cloudformation'
  | 'terraform-plan'
  | 'terraform-state'
  | 'ecs-task-definition';

export interface ImportSuccess {
  ok: true;
  format: ImportFormat;
  /** What was recognised, for people, e.g. "ECR repository policy of `prod/api` in 111111111111". */
  source: string;
  policies: ImportedPolicy[];
  principals?: ImportedPrincipal[];
  /** Ready-made tests (ECS task definitions give the pulls and secret reads the execution role must be allowed). */
  requests?: ImportedRequest[];
  /** What the import says about the request: the repository as `resource`, the role as `principal`. */
  request?: Partial<SimulationRequest>;
  /** Everything assumed, left out or left as a placeholder, one sentence each. */
  warnings: string[];
}

export type ImportResult = ImportSuccess | { ok: false; error: string };

export interface ImportOptions {
  /** Region for ARNs the output leaves without one (ECR policies); default `us-east-1`, with a warning. */
  region?: string;
  /** Account for ARNs the output leaves without one (CloudFormation `AWS::AccountId`, Terraform plans). */
  accountId?: string;
  /** `aws`, `aws-cn` or `aws-us-gov`; derived from the region when not given. */
  partition?: string;
  /** CloudFormation parameter values, overriding each parameter's `Default`. */
  parameters?: Record<string, string | string[]>;
  /** CloudFormation `AWS::StackName`. */
  stackName?: string;
}

/** The kebab-case policy types AWS names in access denied messages. */
export type DeniedPolicyType =
  | 'identity-based'
  | 'resource-based'
  | 'permissions-boundary'
  | 'session'
  | 'service-control'
  | 'resource-control'
  | 'vpc-endpoint'
  | 'role-trust';

export interface AccessDeniedSuccess {
  ok: true;
  principal: string;
  action: string;
  resource?: string;
  /** Kebab-case, e.g. `identity-based`; a type AWS adds later comes through kebab-cased as written. */
  policyType?: DeniedPolicyType | (string & Record<never, never>);
  /** Undefined for older messages that give no reason. */
  denial?: 'explicit' | 'implicit';
  /** The denying policy, when AWS names it (same account or organization only). */
  policyArn?: string;
  /** The error code AWS printed, e.g. `AccessDeniedException`. */
  errorCode?: string;
  /** The API operation, from `when calling the PutImage operation`. */
  operation?: string;
  /** Condition keys and values of the request (from a decoded authorization message). */
  context?: Record<string, string | string[]>;
  /** Sids of the statements AWS matched (from a decoded authorization message). */
  statementIds?: string[];
  /** An encoded authorization message that came with the text; decode it for more detail. */
  encodedMessage?: string;
  /** What was inferred or could not be read, one sentence each. */
  notes?: string[];
}

export type AccessDeniedResult =
  | AccessDeniedSuccess
  | {
      ok: false;
      error: string;
      /** For an encoded message: the command that decodes it, ready to run. */
      decodeCommand?: string;
    };

/** A workspace-like input for the command builders. */
export interface CommandInput {
  policies: { kind: PolicyKind; name: string; text: string }[];
  request: SimulationRequest;
}

export interface CommandResult {
  /** A command line for POSIX shells (sh, bash, zsh), continued over lines with `\`. */
  command: string;
  /** What AWS's tool cannot check or was left out, one sentence each. */
  notes: string[];
}

/** One input file of `loadAccount`. */
export interface AccountFile {
  name: string;
  text: string;
}

export interface AccountOptions {
  /** Region of the repositories (the outputs give none); default `us-east-1`, with a warning. */
  region?: string;
  /** Account of repositories given as a name-to-policy map, when no file says it. */
  accountId?: string;
  partition?: string;
}

/** An ECR repository and its policy (pretty JSON), if it has one. */
export interface AccountResource {
  arn: string;
  policy?: string;
}

export type AccountResult =
  | {
      ok: true;
      principals: ImportedPrincipal[];
      resources: AccountResource[];
      /** SCP documents, pretty JSON. */
      scps: string[];
      /** RCP documents, pretty JSON. */
      rcps: string[];
      warnings: string[];
    }
  | { ok: false; error: string };
