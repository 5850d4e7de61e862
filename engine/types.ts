// Shared model types of the engine. Every element of a parsed policy keeps the
// span of the characters it came from, so anything that points at a policy
// (a diagnostic, a decisive statement, a trace line) points at exact text.

/** The kinds of policy the engine understands. */
export type PolicyKind = 'identity' | 'resource' | 'boundary' | 'scp' | 'rcp' | 'session';

/** UTF-16 offsets into the policy text; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** 1-based line and column (column counts UTF-16 code units). */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where a value stands in the JSON document: keys and array indexes from the root, e.g. `["Statement", 0, "Action", 1]`. */
export type JsonPath = readonly (string | number)[];

/** A value from the policy text together with where it stands: its characters and its JSON path. */
export interface Located<T> {
  value: T;
  span: Span;
  path: JsonPath;
}

/** A problem in the input: bad JSON, a wrong type, an element AWS refuses. */
export interface PolicyProblem {
  /** Stable identifier, e.g. `json-syntax`; never match on `message`. */
  code: string;
  severity: 'error' | 'warning';
  message: string;
  span: Span;
  range: Range;
}

export type Effect = 'Allow' | 'Deny';

/** One entry of a Principal or NotPrincipal block, e.g. `"AWS": [...]`. */
export interface PrincipalEntry {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser` (as written). */
  type: Located<string>;
  values: Located<string>[];
}

export interface PrincipalBlock {
  /** `"Principal": "*"`. */
  wildcard: boolean;
  entries: PrincipalEntry[];
  span: Span;
  path: JsonPath;
}

/**
 * One operator/key pair of a Condition block, e.g.
 * `"StringEquals": { "aws:ResourceTag/team": ["blue", "red"] }` gives one entry
 * per key. Values are kept as strings: JSON numbers keep their source text,
 * booleans become `true`/`false`.
 */
export interface ConditionEntry {
  operator: Located<string>;
  key: Located<string>;
  values: Located<string>[];
  /** Span of the whole `"key": value` member. */
  span: Span;
  /** Path of the key's value, e.g. `["Statement", 0, "Condition", "StringEquals", "aws:ResourceTag/team"]`. */
  path: JsonPath;
}

export interface Statement {
  /** Position in the Statement array (0 when Statement is a single object). */
  index: number;
  sid?: Located<string>;
  effect?: Located<Effect>;
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  action?: Located<string>[];
  notAction?: Located<string>[];
  resource?: Located<string>[];
  notResource?: Located<string>[];
  condition?: ConditionEntry[];
  /** Span of the statement object. */
  span: Span;
  /** `["Statement", index]`, or `["Statement"]` when Statement is a single object. */
  path: JsonPath;
  /** Span of each element's key, by element name as written (`Action`, ...). */
  keySpans: Record<string, Span>;
}

export interface PolicyDocument {
  version?: Located<string>;
  id?: Located<string>;
  statements: Statement[];
  span: Span;
}

/** What `parsePolicy` returns: as much of a model as the text allows, and its problems. */
export interface ParsedPolicy {
  kind: PolicyKind;
  text: string;
  /** Undefined only when the text is not a JSON object at all. */
  policy?: PolicyDocument;
  errors: PolicyProblem[];
}

/**
 * Request context as the evaluator sees it. `get` is case-insensitive on the
 * key name, as AWS is; it returns undefined when the key is absent.
 */
export interface ContextLookup {
  get(key: string): readonly string[] | undefined;
}
