// The kinds of policy, as data: one record per kind, read by the evaluator, the
// validator, completion and the app, so that no module branches on a kind's name
// to learn a fact about it. Sources: IAM User Guide "Policy evaluation logic",
// "IAM JSON policy element reference" and "IAM and AWS STS quotas"; AWS
// Organizations "SCP syntax", "RCP syntax" and "Quotas"; Amazon ECR "Repository
// policies" and the ECR API's SetRepositoryPolicy limits.
import type { Effect, PolicyKind } from '../types.ts';

/** How a kind treats the `Principal`/`NotPrincipal` elements. */
export type PrincipalRule =
  /** Applies to whoever it is attached to: no Principal (AWS refuses one). */
  | 'forbidden'
  /** Attached to a resource: every statement names who it is about. */
  | 'required'
  /** RCPs: `"Principal": "*"` only, narrowed by conditions. */
  | 'star-only';

/** How a kind treats the `Resource`/`NotResource` elements. */
export type ResourceRule =
  | 'required'
  /** May be left out: the statement then covers every resource. */
  | 'optional'
  /** Repository and trust policies: applies to what it is attached to; AWS refuses a Resource. */
  | 'forbidden';

/** A size quota, counted as AWS counts it. */
export interface SizeQuota {
  limit: number;
  /** Whitespace outside string values counts (API length limits do; IAM's policy quotas do not). */
  countWhitespace: boolean;
  /** The quota in words, for messages. */
  what: string;
  /** A quota AWS raises on request, up to this. */
  hardLimit?: number;
}

export interface PolicyKindInfo {
  readonly kind: PolicyKind;
  /** For people, e.g. `Identity policy`. */
  readonly label: string;
  /** As AWS names it in an AccessDenied message, e.g. `identity-based policy`. */
  readonly awsName: string;
  /** The same with its article, e.g. `an identity-based policy`. */
  readonly awsNameWithArticle: string;
  /** Attached to a resource (its Principal says who), rather than to the identity making the request. */
  readonly attachedToResource: boolean;
  readonly principal: PrincipalRule;
  readonly resource: ResourceRule;
  /** The effects AWS accepts in a policy of this kind that a person writes. */
  readonly effects: readonly Effect[];
  /** Statement elements this kind does not have at all (AWS refuses them). */
  readonly unsupportedElements: readonly string[];
  /** How many a request is evaluated with: `one`, or `many` (identity policies; SCPs and RCPs, one per organization level). */
  readonly cardinality: 'one' | 'many';
  /** Each policy of the kind stands for one level of the organization (root, OU, account), and each level must allow. */
  readonly organizationLevels: boolean;
  /** IAM's character set (tab, LF, CR, U+0020 to U+00FF) applies; ECR and Organizations state none. */
  readonly iamCharacters: boolean;
  /** Sids may use only letters and digits. */
  readonly strictSid: boolean;
  /** The size quota, when the kind alone decides it (a resource policy's depends on what it is attached to). */
  readonly quota?: SizeQuota;
  /** The evaluation stage that reads this kind. */
  readonly stage: 'identity' | 'resource' | 'boundary' | 'scp' | 'rcp' | 'session';
}

const MANAGED_POLICY_QUOTA = 6144;

const KINDS: Record<PolicyKind, PolicyKindInfo> = {
  identity: {
    kind: 'identity',
    label: 'Identity policy',
    awsName: 'identity-based policy',
    awsNameWithArticle: 'an identity-based policy',
    attachedToResource: false,
    principal: 'forbidden',
    resource: 'required',
    effects: ['Allow', 'Deny'],
    unsupportedElements: [],
    cardinality: 'many',
    organizationLevels: false,
    iamCharacters: true,
    strictSid: true,
    quota: { limit: MANAGED_POLICY_QUOTA, countWhitespace: false, what: 'the 6,144-character quota of a managed policy (whitespace not counted)' },
    stage: 'identity',
  },
  resource: {
    kind: 'resource',
    label: 'Resource policy',
    awsName: 'resource-based policy',
    awsNameWithArticle: 'a resource-based policy',
    attachedToResource: true,
    principal: 'required',
    resource: 'forbidden',
    effects: ['Allow', 'Deny'],
    unsupportedElements: [],
    cardinality: 'one',
    organizationLevels: false,
    // ECR accepts any text as a Sid and states no character set; a trust policy is IAM's (the validator tells them apart).
    iamCharacters: false,
    strictSid: false,
    stage: 'resource',
  },
  boundary: {
    kind: 'boundary',
    label: 'Permissions boundary',
    awsName: 'permissions boundary',
    awsNameWithArticle: 'a permissions boundary',
    attachedToResource: false,
    principal: 'forbidden',
    resource: 'required',
    effects: ['Allow', 'Deny'],
    unsupportedElements: [],
    cardinality: 'one',
    organizationLevels: false,
    iamCharacters: true,
    strictSid: true,
    quota: { limit: MANAGED_POLICY_QUOTA, countWhitespace: false, what: 'the 6,144-character quota of the managed policy a boundary is (whitespace not counted)' },
    stage: 'boundary',
  },
  scp: {
    kind: 'scp',
    label: 'SCP',
    awsName: 'service control policy',
    awsNameWithArticle: 'a service control policy',
    attachedToResource: false,
    principal: 'forbidden',
    // AWS Organizations does not say Resource is required in an SCP.
    resource: 'optional',
    effects: ['Allow', 'Deny'],
    unsupportedElements: [],
    cardinality: 'many',
    organizationLevels: true,
    iamCharacters: false,
    strictSid: true,
    quota: { limit: 5120, countWhitespace: true, what: 'the 5,120-character limit of a service control policy (whitespace counted)' },
    stage: 'scp',
  },
  rcp: {
    kind: 'rcp',
    label: 'RCP',
    awsName: 'resource control policy',
    awsNameWithArticle: 'a resource control policy',
    attachedToResource: true,
    principal: 'star-only',
    resource: 'required',
    // "The effect of Allow is only supported for the RCPFullAWSAccess policy", which AWS attaches itself.
    effects: ['Deny'],
    unsupportedElements: ['NotAction'],
    cardinality: 'many',
    organizationLevels: true,
    iamCharacters: false,
    strictSid: true,
    quota: { limit: 5120, countWhitespace: true, what: 'the 5,120-character limit of a resource control policy (whitespace counted)' },
    stage: 'rcp',
  },
  session: {
    kind: 'session',
    label: 'Session policy',
    awsName: 'session policy',
    awsNameWithArticle: 'a session policy',
    attachedToResource: false,
    principal: 'forbidden',
    resource: 'required',
    effects: ['Allow', 'Deny'],
    unsupportedElements: [],
    cardinality: 'one',
    organizationLevels: false,
    iamCharacters: true,
    strictSid: true,
    quota: { limit: 2048, countWhitespace: true, what: 'the 2,048-character limit of a session policy' },
    stage: 'session',
  },
};

/** Every kind, in the order the app lists them. */
export const POLICY_KIND_LIST: readonly PolicyKind[] = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'];

/** The facts about a kind of policy. */
export function kindInfo(kind: PolicyKind): PolicyKindInfo {
  return KINDS[kind];
}

/** Whether a string is one of the policy kinds (for data read from outside). */
export function isPolicyKind(value: unknown): value is PolicyKind {
  return typeof value === 'string' && Object.hasOwn(KINDS, value);
}

/** A name for a policy nobody named: `Identity policy 2`, `SCP 1`, `Permissions boundary`. */
export function defaultPolicyName(kind: PolicyKind, index: number): string {
  const info = KINDS[kind];
  return info.cardinality === 'many' ? `${info.label} ${index + 1}` : info.label;
}

/** Size quotas of resource-based policies, by what they are attached to. */
export const RESOURCE_POLICY_QUOTAS = {
  repository: { limit: 10240, countWhitespace: true, what: 'the 10,240-character limit of an ECR repository policy' },
  trust: { limit: 2048, hardLimit: 4096, countWhitespace: false, what: 'the default 2,048-character quota of a role trust policy (whitespace not counted)' },
} as const satisfies Record<string, SizeQuota>;
