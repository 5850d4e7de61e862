// The IAM condition operators as data. The evaluator reads these descriptors
// and never looks at an operator's name, so adding or correcting an operator
// is a change to this table only.

/** The value categories of the "IAM JSON policy elements: Condition operators" page. */
export type ValueType = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IPAddress' | 'ARN' | 'Null';

/**
 * How one request value is compared with one policy value.
 * - `equality`: same value (after parsing for its type; IgnoreCase folds case).
 * - `ordering`: request value is before/after the policy value, optionally equal.
 * - `glob`: policy value is a `*`/`?` pattern over the whole string.
 * - `cidr`: request address lies inside the policy address block.
 * - `arn`: the six ARN parts are glob-matched separately.
 * - `presence`: the Null check; compares key presence, not values.
 */
export type Comparison =
  | { readonly kind: 'equality' }
  | { readonly kind: 'ordering'; readonly direction: 'less' | 'greater'; readonly orEqual: boolean }
  | { readonly kind: 'glob' }
  | { readonly kind: 'cidr' }
  | { readonly kind: 'arn' }
  | { readonly kind: 'presence' };

/** Words used by traces: "`x` {match} `a`, `b`" or "`x` {miss} `a`, `b`". */
export interface ComparisonPhrase {
  /** Verb phrase when a request value matches, e.g. `is one of`. */
  readonly match: string;
  /** Verb phrase when it matches none, e.g. `is not one of`. */
  readonly miss: string;
  /** Separator of the listed policy values (`, ` or ` or `). */
  readonly join: string;
}

/** Everything the evaluator and the editor need to know about one base operator. */
export interface OperatorDescriptor {
  readonly name: string;
  readonly valueType: ValueType;
  /** The NOT form: true when no policy value matches; true when the key is absent. */
  readonly negated: boolean;
  /** Policy values may contain `*` and `?`. */
  readonly wildcards: boolean;
  /** Values compare without regard to letter case. */
  readonly ignoreCase: boolean;
  /** Policy variables (`${aws:username}`) are substituted in values (policy Version 2012-10-17 only). */
  readonly variables: boolean;
  /** An `...IfExists` form exists (all but Null). */
  readonly ifExistsAllowed: boolean;
  /** May be qualified with `ForAllValues:` / `ForAnyValue:` (all but Null). */
  readonly setQualifiersAllowed: boolean;
  readonly compare: Comparison;
  readonly phrase: ComparisonPhrase;
  /** One line for editor completions and hovers. */
  readonly description: string;
}

/** The set operators for multivalued context keys. */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/** An operator as written in a policy, split into its qualifiers and base operator. */
export interface ParsedOperator {
  /** The text as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly text: string;
  readonly base: OperatorDescriptor;
  readonly set: SetQualifier | undefined;
  readonly ifExists: boolean;
}

// From the Condition operators page: string, Boolean and ARN operators say
// "Policy variables – Supported"; numeric and date operators say "Not
// supported"; binary and IP address operators do not list support, so they
// are treated as not supporting variables.
const VARIABLES_BY_TYPE: Readonly<Record<ValueType, boolean>> = {
  String: true,
  Numeric: false,
  Date: false,
  Bool: true,
  Binary: false,
  IPAddress: false,
  ARN: true,
  Null: false,
};

const EQUALITY: Comparison = { kind: 'equality' };
const GLOB: Comparison = { kind: 'glob' };
const CIDR: Comparison = { kind: 'cidr' };
const ARN: Comparison = { kind: 'arn' };
const PRESENCE: Comparison = { kind: 'presence' };

function ordering(direction: 'less' | 'greater', orEqual: boolean): Comparison {
  return { kind: 'ordering', direction, orEqual };
}

const ORDER_WORDS: Readonly<Record<'Numeric' | 'Date', Readonly<Record<'less' | 'greater', string>>>> = {
  Numeric: { less: 'less than', greater: 'greater than' },
  Date: { less: 'before', greater: 'after' },
};

// Trace wording follows from the comparison and type, not from the name.
function phraseFor(valueType: ValueType, compare: Comparison, ignoreCase: boolean): ComparisonPhrase {
  const or = ' or ';
  switch (compare.kind) {
    case 'equality':
      if (valueType === 'String') {
        return ignoreCase
          ? { match: 'is, ignoring case, one of', miss: 'is not, ignoring case, one of', join: ', ' }
          : { match: 'is one of', miss: 'is not one of', join: ', ' };
      }
      if (valueType === 'Bool') return { match: 'is', miss: 'is not', join: or };
      return { match: 'equals', miss: 'does not equal', join: or };
    case 'ordering': {
      const words = valueType === 'Date' ? ORDER_WORDS.Date : ORDER_WORDS.Numeric;
      const base = words[compare.direction];
      const w = compare.orEqual ? (valueType === 'Date' ? `at or ${base}` : `${base} or equal to`) : base;
      return { match: `is ${w}`, miss: `is not ${w}`, join: or };
    }
    case 'glob':
    case 'arn':
      return { match: 'matches', miss: 'does not match', join: or };
    case 'cidr':
      return { match: 'is inside', miss: 'is not inside', join: or };
    case 'presence':
      return { match: 'is', miss: 'is not', join: or };
  }
}

interface Flags {
  negated?: boolean;
  wildcards?: boolean;
  ignoreCase?: boolean;
}

function op(name: string, valueType: ValueType, compare: Comparison, description: string, flags: Flags = {}): OperatorDescriptor {
  const ignoreCase = flags.ignoreCase ?? false;
  const presence = compare.kind === 'presence';
  return Object.freeze({
    name,
    valueType,
    negated: flags.negated ?? false,
    wildcards: flags.wildcards ?? false,
    ignoreCase,
    variables: VARIABLES_BY_TYPE[valueType],
    ifExistsAllowed: !presence,
    setQualifiersAllowed: !presence,
    compare,
    phrase: phraseFor(valueType, compare, ignoreCase),
    description,
  });
}

const NOT = { negated: true };
const LIKE = { wildcards: true };
const NOT_LIKE = { negated: true, wildcards: true };

/** Every base IAM condition operator, in the order of the AWS documentation. */
export const OPERATORS: readonly OperatorDescriptor[] = Object.freeze([
  op('StringEquals', 'String', EQUALITY, 'Exact match, case-sensitive.'),
  op('StringNotEquals', 'String', EQUALITY, 'Negated exact match, case-sensitive.', NOT),
  op('StringEqualsIgnoreCase', 'String', EQUALITY, 'Exact match, ignoring case.', { ignoreCase: true }),
  op('StringNotEqualsIgnoreCase', 'String', EQUALITY, 'Negated exact match, ignoring case.', { negated: true, ignoreCase: true }),
  op('StringLike', 'String', GLOB, 'Case-sensitive match with `*` and `?` wildcards.', LIKE),
  op('StringNotLike', 'String', GLOB, 'Negated case-sensitive match with `*` and `?` wildcards.', NOT_LIKE),
  op('NumericEquals', 'Numeric', EQUALITY, 'Number equals.'),
  op('NumericNotEquals', 'Numeric', EQUALITY, 'Number does not equal.', NOT),
  op('NumericLessThan', 'Numeric', ordering('less', false), 'Number is less than.'),
  op('NumericLessThanEquals', 'Numeric', ordering('less', true), 'Number is less than or equal to.'),
  op('NumericGreaterThan', 'Numeric', ordering('greater', false), 'Number is greater than.'),
  op('NumericGreaterThanEquals', 'Numeric', ordering('greater', true), 'Number is greater than or equal to.'),
  op('DateEquals', 'Date', EQUALITY, 'Date equals.'),
  op('DateNotEquals', 'Date', EQUALITY, 'Date does not equal.', NOT),
  op('DateLessThan', 'Date', ordering('less', false), 'Date is before.'),
  op('DateLessThanEquals', 'Date', ordering('less', true), 'Date is at or before.'),
  op('DateGreaterThan', 'Date', ordering('greater', false), 'Date is after.'),
  op('DateGreaterThanEquals', 'Date', ordering('greater', true), 'Date is at or after.'),
  op('Bool', 'Bool', EQUALITY, 'Boolean `true` or `false` matches.'),
  op('BinaryEquals', 'Binary', EQUALITY, 'Base64-encoded binary value equals.'),
  op('IpAddress', 'IPAddress', CIDR, 'Request IP address is inside the IPv4 or IPv6 address or CIDR range.'),
  op('NotIpAddress', 'IPAddress', CIDR, 'Request IP address is outside every listed address or CIDR range.', NOT),
  op('ArnEquals', 'ARN', ARN, 'ARN matches, each of its six parts compared separately (wildcards allowed).', LIKE),
  op('ArnLike', 'ARN', ARN, 'ARN matches, each of its six parts compared separately (wildcards allowed).', LIKE),
  op('ArnNotEquals', 'ARN', ARN, 'Negated ARN match (wildcards allowed).', NOT_LIKE),
  op('ArnNotLike', 'ARN', ARN, 'Negated ARN match (wildcards allowed).', NOT_LIKE),
  op('Null', 'Null', PRESENCE, '`true`: the key is absent; `false`: the key is present.'),
]);

/** The base operator names, for completion in the editor. */
export const OPERATOR_NAMES: readonly string[] = Object.freeze(OPERATORS.map((d) => d.name));

const BY_NAME: ReadonlyMap<string, OperatorDescriptor> = new Map(OPERATORS.map((d) => [d.name, d]));
const BY_LOWER_NAME: ReadonlyMap<string, OperatorDescriptor> = new Map(OPERATORS.map((d) => [d.name.toLowerCase(), d]));

/** The two set qualifiers, as written before the colon. */
export const SET_QUALIFIERS: readonly SetQualifier[] = Object.freeze(['ForAllValues', 'ForAnyValue'] as const);

const IF_EXISTS = 'IfExists';

/** Looks up a base operator by its exact name. */
export function getOperator(name: string): OperatorDescriptor | undefined {
  return BY_NAME.get(name);
}

/**
 * Every operator spelling a policy may use: each base name, its IfExists
 * form, and both set-qualified forms of those. For editor completion.
 */
export function operatorSpellings(): string[] {
  const out: string[] = [];
  for (const d of OPERATORS) {
    const forms = d.ifExistsAllowed ? [d.name, d.name + IF_EXISTS] : [d.name];
    out.push(...forms);
    if (d.setQualifiersAllowed) for (const q of SET_QUALIFIERS) for (const f of forms) out.push(`${q}:${f}`);
  }
  return out;
}

function splitQualifier(text: string): { set: SetQualifier | undefined; rest: string } | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) return { set: undefined, rest: text };
  const prefix = text.slice(0, colon);
  const set = SET_QUALIFIERS.find((q) => q === prefix);
  return set === undefined ? undefined : { set, rest: text.slice(colon + 1) };
}

function splitIfExists(rest: string): { base: OperatorDescriptor | undefined; ifExists: boolean } {
  const exact = BY_NAME.get(rest);
  if (exact !== undefined) return { base: exact, ifExists: false };
  if (rest.endsWith(IF_EXISTS)) return { base: BY_NAME.get(rest.slice(0, -IF_EXISTS.length)), ifExists: true };
  return { base: undefined, ifExists: false };
}

/**
 * Parses `[ForAllValues:|ForAnyValue:]Base[IfExists]`. Matching is exact and
 * case-sensitive, qualifiers included: IAM refuses a policy that spells
 * `stringEquals` ("Invalid Condition type"), and the Condition operators page
 * only ever spells them one way. Returns undefined for anything else,
 * including `NullIfExists` and a set-qualified Null, which have no meaning;
 * `operatorProblem` says why.
 */
export function parseOperator(text: string): ParsedOperator | undefined {
  const q = splitQualifier(text);
  if (q === undefined) return undefined;
  const { base, ifExists } = splitIfExists(q.rest);
  if (base === undefined) return undefined;
  if (ifExists && !base.ifExistsAllowed) return undefined;
  if (q.set !== undefined && !base.setQualifiersAllowed) return undefined;
  return { text, base, set: q.set, ifExists };
}

// The spelling `text` would have with correct letter case, if there is one.
function caseCorrected(text: string): string | undefined {
  const colon = text.indexOf(':');
  const prefix = colon < 0 ? '' : text.slice(0, colon);
  const set = SET_QUALIFIERS.find((s) => s.toLowerCase() === prefix.toLowerCase());
  if (colon >= 0 && set === undefined) return undefined;
  const rest = colon < 0 ? text : text.slice(colon + 1);
  const lower = rest.toLowerCase();
  let base = BY_LOWER_NAME.get(lower);
  let suffix = '';
  if (base === undefined && lower.endsWith(IF_EXISTS.toLowerCase())) {
    base = BY_LOWER_NAME.get(lower.slice(0, -IF_EXISTS.length));
    suffix = IF_EXISTS;
  }
  if (base === undefined) return undefined;
  const fixed = (set === undefined ? '' : `${set}:`) + base.name + suffix;
  return parseOperator(fixed) === undefined ? undefined : fixed;
}

/**
 * Why `text` is not a usable condition operator, as one sentence; undefined
 * when `parseOperator` accepts it.
 */
export function operatorProblem(text: string): string | undefined {
  if (parseOperator(text) !== undefined) return undefined;
  if (text.length === 0) return 'The condition operator is empty.';
  const fixed = caseCorrected(text);
  if (fixed !== undefined) return `Condition operators are case-sensitive: \`${text}\` should be written \`${fixed}\`.`;
  const q = splitQualifier(text);
  if (q === undefined) {
    const prefix = text.slice(0, text.indexOf(':'));
    return `\`${prefix}:\` is not a set qualifier; only \`ForAllValues:\` and \`ForAnyValue:\` may precede an operator.`;
  }
  const { base, ifExists } = splitIfExists(q.rest);
  if (base !== undefined && ifExists && !base.ifExistsAllowed) {
    return `\`${base.name}\` has no IfExists form: it already tests whether the key exists.`;
  }
  if (base !== undefined && q.set !== undefined && !base.setQualifiersAllowed) {
    return `\`${base.name}\` cannot take the \`${q.set}:\` qualifier: it tests whether the key exists, not its values.`;
  }
  return `\`${text}\` is not an IAM condition operator.`;
}
