// The catalog of diagnostic codes, as data. Each check reports a code from
// here; its severity comes from here, never from the check, so the catalog is
// the one place that says how serious a finding is. Severities follow IAM
// Access Analyzer: ERROR (AWS refuses the policy, or the part can never
// work), SECURITY_WARNING, WARNING, SUGGESTION.

import type { Severity } from './types.ts';

/** The concern a code belongs to; one source file per concern. */
export type DiagnosticGroup =
  | 'syntax'
  | 'grammar'
  | 'actions'
  | 'resources'
  | 'conditions'
  | 'security'
  | 'size'
  | 'ecs'
  | 'workspace';

export interface CodeInfo {
  severity: Severity;
  group: DiagnosticGroup;
  /**
   * AWS refuses to save a policy with this finding (MalformedPolicyDocument, ECR's
   * "Invalid repository policy provided", ...). A workspace with any such finding in a
   * policy that takes part gets no confident decision.
   */
  refuses: boolean;
  /** A few words, for lists and filters. */
  title: string;
  /** Why it matters and how to fix it; shown apart from the message. */
  help: string;
}

function c(severity: Severity, group: DiagnosticGroup, title: string, help: string, refuses = false): CodeInfo {
  return { severity, group, title, help, refuses };
}

/** AWS refuses the policy when it is saved. */
const REFUSED = true;

export const CODES = {
  // ------------------------------------------------------------ syntax (from parsePolicy)
  'json-syntax': c('error', 'syntax', 'Invalid JSON', 'AWS accepts only strict JSON; fix the text at the marked position.', REFUSED),
  'json-comment': c('error', 'syntax', 'Comment in JSON', 'IAM policies are strict JSON and have no comments; use the `Sid` element to label a statement.', REFUSED),
  'json-trailing-comma': c('error', 'syntax', 'Trailing comma', 'Strict JSON has no comma after the last item of an array or object.', REFUSED),
  'json-too-deep': c('error', 'syntax', 'JSON nested too deeply', 'An IAM policy nests at most six levels deep.', REFUSED),
  'json-empty': c('error', 'syntax', 'Empty policy', 'Write a JSON object with `Version` and `Statement`.', REFUSED),
  'json-duplicate-key': c('error', 'syntax', 'Duplicate key', 'AWS keeps only one of two equal keys; merge them into one.', REFUSED),
  'diagnostics-truncated': c('warning', 'syntax', 'More findings not shown', 'Only the first findings of a policy are listed; fix these and validate again to see the rest.'),
  'policy-not-object': c('error', 'syntax', 'Policy is not an object', 'A policy is one JSON object: `{ "Version": ..., "Statement": [...] }`.', REFUSED),
  'type-mismatch': c('error', 'syntax', 'Wrong JSON type', 'Each policy element has a fixed JSON type, e.g. `Action` is a string or an array of strings.', REFUSED),
  'element-unknown': c('error', 'syntax', 'Unknown element', 'AWS refuses a policy with an element it does not know; check the spelling (elements are case-sensitive).', REFUSED),
  'statement-missing': c('error', 'syntax', 'No Statement', 'Every policy needs a `Statement` element with at least one statement.', REFUSED),
  'effect-invalid': c('error', 'syntax', 'Invalid Effect', 'Effect is `Allow` or `Deny`, spelt exactly so.', REFUSED),
  'effect-missing': c('error', 'syntax', 'Missing Effect', 'Every statement needs `"Effect": "Allow"` or `"Effect": "Deny"`.', REFUSED),
  'version-invalid': c('error', 'syntax', 'Invalid Version', 'The policy language versions are `2012-10-17` (current) and `2008-10-17` (old, no policy variables).', REFUSED),
  'principal-invalid': c('error', 'syntax', 'Invalid Principal', 'A principal is `"*"` or an object with `AWS`, `Service`, `Federated` or `CanonicalUser` entries.', REFUSED),
  'character-invalid': c('error', 'syntax', 'Character not allowed', 'IAM policy documents may contain only tab, line feed, carriage return and the characters U+0020 to U+00FF.', REFUSED),

  // ------------------------------------------------------------ grammar
  'version-missing': c('warning', 'grammar', 'Missing Version', 'Without `"Version": "2012-10-17"` AWS uses the 2008 language, in which policy variables are plain text.'),
  'version-variables': c('error', 'grammar', 'Variables need Version 2012-10-17', 'Policy variables such as `${aws:username}` work only in policies with `"Version": "2012-10-17"`; otherwise they are matched as literal text.'),
  'action-missing': c('error', 'grammar', 'Missing Action', 'Every statement needs an `Action` or a `NotAction` element.', REFUSED),
  'action-and-notaction': c('error', 'grammar', 'Action and NotAction together', 'A statement has either `Action` or `NotAction`, never both.', REFUSED),
  'resource-missing': c('error', 'grammar', 'Missing Resource', 'Statements of identity policies, permissions boundaries, session policies and RCPs need a `Resource` or `NotResource` element.', REFUSED),
  'resource-and-notresource': c('error', 'grammar', 'Resource and NotResource together', 'A statement has either `Resource` or `NotResource`, never both.', REFUSED),
  'resource-in-repository-policy': c('error', 'grammar', 'Resource in a repository policy', 'Amazon ECR refuses a repository policy with a `Resource` element ("Invalid repository policy provided"); the policy always applies to the repository it is attached to.', REFUSED),
  'resource-in-trust-policy': c('error', 'grammar', 'Resource in a trust policy', 'IAM refuses a role trust policy with a `Resource` element; the trust policy always applies to its role.', REFUSED),
  'principal-not-allowed': c('error', 'grammar', 'Principal not allowed here', 'Identity policies, permissions boundaries, session policies and SCPs apply to whoever they are attached to, so they have no `Principal` or `NotPrincipal`.', REFUSED),
  'principal-missing': c('error', 'grammar', 'Missing Principal', 'A resource-based policy must say who it grants to: add a `Principal` element.', REFUSED),
  'principal-and-notprincipal': c('error', 'grammar', 'Principal and NotPrincipal together', 'A statement has either `Principal` or `NotPrincipal`, never both.', REFUSED),
  'rcp-allow': c('error', 'grammar', 'Allow in an RCP', 'AWS Organizations accepts `"Effect": "Allow"` only in RCPFullAWSAccess, which is attached at every level and allows everything already; write custom RCPs as Deny statements.', REFUSED),
  'element-not-in-rcp': c('error', 'grammar', 'Element not supported in RCPs', 'Resource control policies have no `NotAction` and no `NotPrincipal`: list the actions, and narrow the principals with conditions.', REFUSED),
  'principal-federated-service': c('error', 'grammar', 'AWS service under Federated', '`Federated` names identity providers (an OIDC or SAML provider ARN, or a provider such as `cognito-identity.amazonaws.com`); AWS services are named under `Service`, so this entry lets the service in nowhere.'),
  'principal-rcp': c('error', 'grammar', 'RCP principal must be "*"', 'Resource control policies accept only `"Principal": "*"`; narrow them with conditions such as `aws:PrincipalAccount`.', REFUSED),
  'sid-duplicate': c('error', 'grammar', 'Duplicate Sid', 'Statement IDs must be unique within a policy.', REFUSED),
  'sid-invalid': c('error', 'grammar', 'Invalid Sid', 'In IAM policies a `Sid` may contain only the letters A-Z and a-z and the digits 0-9.', REFUSED),

  // ------------------------------------------------------------ actions
  'action-invalid': c('error', 'actions', 'Malformed action', 'An action is written `service:ActionName`, e.g. `ecr:PutImage`, or `*`.', REFUSED),
  'action-service-unknown': c('error', 'actions', 'Unknown service prefix', 'No AWS service has this prefix, so the action matches nothing.'),
  'action-unknown': c('error', 'actions', 'Unknown action', 'AWS has no action of this name: a misspelt action silently matches nothing.'),
  'action-wildcard-no-match': c('error', 'actions', 'Wildcard matches no action', 'This pattern matches none of the service\'s actions, so it grants or denies nothing.'),
  'action-duplicate': c('suggestion', 'actions', 'Action listed twice', 'Remove the repeated action; it changes nothing.'),
  'action-redundant': c('suggestion', 'actions', 'Action covered by a wildcard', 'Another pattern in the same statement already matches this action.'),
  'action-variable': c('error', 'actions', 'Variable in Action', 'The `Action` element does not support policy variables; `${...}` is matched as literal text.'),
  'action-not-for-repository': c('warning', 'actions', 'Action outside the repository', 'A repository policy only takes part in requests on its repository; actions that do not act on a repository belong in an identity policy.'),
  'action-not-for-trust-policy': c('warning', 'actions', 'Action outside a trust policy', 'A role trust policy only controls `sts:` actions on the role (AssumeRole, TagSession, SetSourceIdentity).'),

  // ------------------------------------------------------------ resources
  'arn-invalid': c('error', 'resources', 'Malformed ARN', 'A resource is `*` or an ARN `arn:partition:service:region:account-id:resource`.', REFUSED),
  'arn-partition-invalid': c('error', 'resources', 'Unknown partition', 'ARN partitions are `aws`, `aws-cn`, `aws-us-gov` and the isolated ones (`aws-iso`, `aws-iso-b`, ...).', REFUSED),
  'arn-region-invalid': c('error', 'resources', 'Region cannot be right', 'The region part is a region code such as `us-east-1`, `*`, or empty for global resources such as IAM roles.'),
  'arn-account-invalid': c('error', 'resources', 'Account cannot be right', 'The account part is a 12-digit account ID without hyphens, `*`, or empty where the service has none.'),
  'resource-type-unknown': c('warning', 'resources', 'ARN matches no resource type', 'The ARN matches none of the service\'s resource formats, so no request names it.'),
  'resource-type-mismatch': c('error', 'resources', 'No action takes this resource', 'No action in the statement acts on this kind of resource, so this entry never matches a request.'),
  'action-needs-star-resource': c('error', 'resources', 'Action supports only "*"', 'This action has no resource-level permissions: requests for it name `*`, so a statement with specific ARNs never matches it. Give it its own statement with `"Resource": "*"`.'),

  // ------------------------------------------------------------ conditions
  'condition-operator-unknown': c('error', 'conditions', 'Unknown condition operator', 'Condition operators are case-sensitive names such as `StringEquals`, optionally with `ForAllValues:`/`ForAnyValue:` and `IfExists`.', REFUSED),
  'condition-key-unknown': c('error', 'conditions', 'Unknown condition key', 'AWS never sends this key, so a condition on it never sees a value.'),
  'condition-key-not-for-actions': c('warning', 'conditions', 'Key not available for these actions', 'None of the statement\'s actions carries this key; the condition sees a missing key for every request.'),
  'condition-type-mismatch': c('warning', 'conditions', 'Operator does not fit the key type', 'Use an operator of the key\'s type (String, Numeric, Date, Bool, IpAddress, Arn, Binary).'),
  'condition-value-invalid': c('error', 'conditions', 'Value does not fit the operator', 'A value the operator cannot read never matches.'),
  'condition-null-value': c('error', 'conditions', 'Null needs true or false', '`Null` takes `true` (the key is absent) or `false` (the key is present).'),
  'condition-set-on-single-valued': c('warning', 'conditions', 'Set operator on a single-valued key', '`ForAllValues:` and `ForAnyValue:` are for multivalued keys; on a single-valued key they behave surprisingly (ForAllValues passes when the key is missing).'),
  'condition-set-missing': c('warning', 'conditions', 'Multivalued key without set operator', 'Multivalued keys need `ForAnyValue:` or `ForAllValues:` to say how the values are compared.'),
  'condition-ifexists-redundant': c('suggestion', 'conditions', 'IfExists on a key that is always present', 'AWS sends this key with every request, so `IfExists` changes nothing.'),
  'condition-forallvalues-allow': c('security', 'conditions', 'ForAllValues passes when the key is missing', 'In an Allow statement, `ForAllValues:` is true when the request has no values for the key; add a `Null` check that the key is present.'),
  'condition-wildcard-without-like': c('warning', 'conditions', 'Wildcard with an Equals operator', '`*` and `?` are wildcards only for `StringLike`/`StringNotLike` and the ARN operators; here they are literal characters.'),

  // ------------------------------------------------------------ security
  'allow-with-notaction': c('security', 'security', 'Allow with NotAction', 'Allow with NotAction grants every other action, including ones AWS adds later; list the actions instead.'),
  'allow-with-notresource': c('security', 'security', 'Allow with NotResource', 'Allow with NotResource grants access to every other resource, including new ones; list the resources instead.'),
  'allow-with-notprincipal': c('security', 'security', 'Allow with NotPrincipal', 'Allow with NotPrincipal grants access to everyone else, including anonymous users; name the principals instead.'),
  'allow-all-actions': c('security', 'security', 'Full access', '`"Action": "*"` on `"Resource": "*"` grants full administrator access.'),
  'allow-service-wildcard': c('security', 'security', 'Every action of a service on every resource', 'A service-wide wildcard on `*` without conditions grants far more than a task needs; list the actions and resources.'),
  'passrole-star': c('security', 'security', 'iam:PassRole on every role', 'With `iam:PassRole` on `*` the identity can hand any role, including administrator roles, to an ECS task; list the task role ARNs and add an `iam:PassedToService` condition.'),
  'resource-public': c('security', 'security', 'Public access', 'A resource policy that allows `Principal: "*"` without conditions grants access to anyone, including other accounts and anonymous users.'),
  'repository-cross-account-push': c('security', 'security', 'Push granted to another account', 'Principals of another account can push images to this repository; make sure that is intended and limit it with conditions.'),

  // ------------------------------------------------------------ size
  'policy-too-large': c('error', 'size', 'Policy too large', 'AWS refuses a policy larger than its quota; split it into several policies or use wildcards for long action lists.', REFUSED),
  'policy-size-adjustable': c('warning', 'size', 'Policy over the default quota', 'The policy exceeds the default quota; it is accepted only after a quota increase.'),

  // ------------------------------------------------------------ ECS
  'ecs-condition-key-unsupported': c('warning', 'ecs', 'ECS key not carried by an action', 'Only some ECS actions carry `ecs:cluster`, `ecs:task-definition`, `ecs:service`, `ecs:container-instances` and `ecs:capacity-provider`; for the others the condition sees a missing key and never matches.'),
  'trust-ecs-tasks-missing': c('error', 'ecs', 'Task role does not trust ECS tasks', 'ECS tasks assume their task role and task execution role as the service principal `ecs-tasks.amazonaws.com`.'),
  'trust-ecs-principal-misspelt': c('warning', 'ecs', 'Misspelt ECS service principal', 'ECS tasks assume roles as `ecs-tasks.amazonaws.com`; a near miss trusts nothing.'),
  'trust-confused-deputy': c('suggestion', 'ecs', 'No confused-deputy condition', 'Add an `aws:SourceAccount` or `aws:SourceArn` condition so that only your account\'s ECS tasks can assume the role.'),

  // ------------------------------------------------------------ workspace (analyzeWorkspace)
  'policy-left-out': c('warning', 'workspace', 'Policy left out', 'A request is evaluated with one resource-based policy, one permissions boundary and one session policy; only the first of each kind takes part.'),
  'policy-disabled': c('suggestion', 'workspace', 'Policy turned off', 'The policy is kept in the workspace but takes no part in the decision until it is turned on again.'),
} as const satisfies Record<string, CodeInfo>;

/** Every diagnostic code the validator can report. */
export type DiagnosticCode = keyof typeof CODES;

/** The catalog entry of a code. */
export function codeInfo(code: DiagnosticCode): CodeInfo {
  return CODES[code];
}

/** Whether a string is one of the catalog's codes (for data read from outside, e.g. a corpus). */
export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(CODES, code);
}
