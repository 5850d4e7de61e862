// Evaluation of Condition entries. An entry is compiled once into a closure
// over precompiled policy values; `test` is the hot path and allocates nothing
// unless a policy value holds a policy variable. `explain` walks the same
// per-value matchers with more bookkeeping and turns the outcome into a sentence.
//
// The evaluator reads operator descriptors (operators.ts) and never an
// operator's name.

import type { ConditionEntry, ContextLookup, Span } from '../types.ts';
import { compileArnLike } from '../match/arn.ts';
import { spend } from '../match/budget.ts';
import { compileWildcard, type Pattern } from '../match/wildcard.ts';
import { parseTemplate, resolveTemplate, templateHasVariables, templateVariables, type Template } from '../match/variables.ts';
import { operatorProblem, parseOperator, type Comparison, type OperatorDescriptor, type ParsedOperator } from './operators.ts';
import {
  compareDecimal,
  ipInBlock,
  isBase64,
  parseBool,
  parseDate,
  parseIpAddress,
  parseIpBlock,
  parseNumeric,
  type IpAddress,
  type IpBlock,
} from './values.ts';

/** What `explain` reports about one condition entry. */
export interface ConditionTrace {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  operator: string;
  /** The condition key as written in the policy. */
  key: string;
  /** The policy values as written. */
  policyValues: string[];
  /** The policy values after variable substitution; present only when some value has variables. An unresolvable value is listed as written. */
  resolvedPolicyValues?: string[];
  /** The request's values for the key; null when the key is absent. */
  requestValues: string[] | null;
  matched: boolean;
  /** One plain sentence saying why. */
  reason: string;
  /** Span of the whole `"key": value` member. */
  span: Span;
  /** Span of the key. */
  keySpan: Span;
}

/** A condition entry compiled for repeated evaluation. */
export interface CompiledCondition {
  readonly entry: ConditionEntry;
  /** The parsed operator; undefined when the operator is not recognised. */
  readonly operator: ParsedOperator | undefined;
  /** Why this condition can never match, when its operator is unusable. */
  readonly problem: string | undefined;
  /** The condition key as written. */
  readonly key: string;
  /** True when some policy value has a policy variable, resolved on every evaluation. */
  readonly hasVariables: boolean;
  /** Whether the condition holds for the request. The hot path. */
  test(ctx: ContextLookup): boolean;
  /** The same verdict as `test`, with the values involved and a reason. */
  explain(ctx: ContextLookup): ConditionTrace;
}

/** Options of `compileCondition`. */
export interface CompileConditionOptions {
  /** Substitute policy variables; false for policies whose Version is not 2012-10-17 (`${...}` is then literal text). */
  variables: boolean;
}

// ------------------------------------------------------------ value kinds

// How one request value is compared with one policy value, for one type.
// R is the parsed request value, P the compiled policy value.
interface Kind<R, P> {
  /** What a valid request value is, for "`x` is not ...". */
  readonly requestNoun: string;
  /** What a valid policy value is. */
  readonly policyNoun: string;
  request(text: string): R | undefined;
  policy(pattern: Pattern): P | undefined;
  test(request: R, policy: P): boolean;
  /** True when `test` is `===` on primitive values: a large value set is then looked up, not scanned. */
  readonly exact?: boolean;
  /** Work units (see match/budget.ts) of one `test`, for kinds whose test does not charge its own. */
  readonly cost?: number;
}

function patternText(pattern: Pattern): string {
  if (typeof pattern === 'string') return pattern;
  let s = '';
  for (const piece of pattern) s += piece.text;
  return s;
}

function identity(text: string): string {
  return text;
}

function lowerCase(text: string): string {
  return text.toLowerCase();
}

function sameString(a: string, b: string): boolean {
  return a === b;
}

function stringKind(ignoreCase: boolean): Kind<string, string> {
  const fold = ignoreCase ? lowerCase : identity;
  return {
    requestNoun: 'a string',
    policyNoun: 'a string',
    request: fold,
    policy: (pattern) => fold(patternText(pattern)),
    test: sameString,
    exact: true,
  };
}

type Predicate = (text: string) => boolean;

function applyPredicate(request: string, policy: Predicate): boolean {
  return policy(request);
}

function globKind(ignoreCase: boolean): Kind<string, Predicate> {
  return {
    requestNoun: 'a string',
    policyNoun: 'a pattern',
    request: identity,
    policy: (pattern) => compileWildcard(pattern, { ignoreCase }),
    test: applyPredicate,
    cost: 4,
  };
}

const ARN_KIND: Kind<string, Predicate> = {
  requestNoun: 'an ARN',
  policyNoun: 'an ARN pattern',
  request: identity,
  policy: (pattern) => compileArnLike(pattern),
  test: applyPredicate,
  // Each test cuts the value into its six parts.
  cost: 24,
};

const CIDR_KIND: Kind<IpAddress, IpBlock> = {
  requestNoun: 'an IP address',
  policyNoun: 'an IP address or CIDR block',
  request: parseIpAddress,
  policy: (pattern) => parseIpBlock(patternText(pattern)),
  test: ipInBlock,
  cost: 4,
};

function sameBool(a: boolean, b: boolean): boolean {
  return a === b;
}

const BOOL_KIND: Kind<boolean, boolean> = {
  requestNoun: '`true` or `false`',
  policyNoun: '`true` or `false`',
  request: parseBool,
  policy: (pattern) => parseBool(patternText(pattern)),
  test: sameBool,
  exact: true,
};

function base64OrUndefined(text: string): string | undefined {
  return isBase64(text) ? text : undefined;
}

const BINARY_KIND: Kind<string, string> = {
  requestNoun: 'base64 text',
  policyNoun: 'base64 text',
  request: base64OrUndefined,
  policy: (pattern) => base64OrUndefined(patternText(pattern)),
  test: sameString,
  exact: true,
};

// Which signs of compare(request, policy) count as a match.
interface Accept {
  readonly less: boolean;
  readonly equal: boolean;
  readonly greater: boolean;
}

function acceptFor(compare: Comparison): Accept {
  if (compare.kind !== 'ordering') return { less: false, equal: true, greater: false };
  return { less: compare.direction === 'less', equal: compare.orEqual, greater: compare.direction === 'greater' };
}

function orderedKind<T>(noun: string, policyNoun: string, parse: (text: string) => T | undefined, compare: (a: T, b: T) => number, accept: Accept): Kind<T, T> {
  return {
    requestNoun: noun,
    policyNoun,
    request: parse,
    policy: (pattern) => parse(patternText(pattern)),
    test: (request, policy) => {
      const c = compare(request, policy);
      return c < 0 ? accept.less : c > 0 ? accept.greater : accept.equal;
    },
    cost: 2,
  };
}

function subtract(a: number, b: number): number {
  return a - b;
}

// ------------------------------------------------------------ value sets

interface ValueSource {
  /** The value as written. */
  readonly text: string;
  /** Set when the value has policy variables to resolve per request. */
  readonly template: Template | undefined;
  /** The value to compile when it has no variables. */
  readonly pattern: Pattern;
}

// The policy values of one entry, bound to one request (variables resolved).
interface Bound {
  /** Index of the first usable policy value that `request` matches, or -1. */
  find(request: string): number;
  /** Whether `request` is a valid value of the operator's type. */
  valid(request: string): boolean;
  /** Policy value `i` after substitution; undefined when a variable could not be resolved. */
  resolved(i: number): string | undefined;
  /** Whether policy value `i` can match anything (resolved and valid). */
  usable(i: number): boolean;
}

interface ValueSet {
  readonly requestNoun: string;
  readonly policyNoun: string;
  bind(ctx: ContextLookup): Bound;
}

function compileSet<R, P>(kind: Kind<R, P>, sources: readonly ValueSource[]): ValueSet {
  // One-entry cache: the same request value is usually tested many times in a row.
  let lastText: string | undefined;
  let lastValue: R | undefined;
  const parseRequest = (text: string): R | undefined => {
    if (text !== lastText) {
      lastValue = kind.request(text);
      lastText = text;
    }
    return lastValue;
  };

  // Many request values against many policy values would cost their product: equality looks
  // values up, and every other comparison is charged to the work budget.
  const cost = kind.cost ?? 1;
  const makeBound = (compiled: readonly (P | undefined)[], texts: readonly (string | undefined)[]): Bound => {
    const index = kind.exact === true && compiled.length > EXACT_SCAN_MOST ? firstIndex(compiled) : undefined;
    return {
      find(request) {
        const r = parseRequest(request);
        if (r === undefined) return -1;
        spend(FIND_COST + (index !== undefined ? 0 : cost * compiled.length));
        if (index !== undefined) return index.get(r) ?? -1;
        for (let i = 0; i < compiled.length; i++) {
          const p = compiled[i];
          if (p !== undefined && kind.test(r, p)) return i;
        }
        return -1;
      },
      valid: (request) => parseRequest(request) !== undefined,
      resolved: (i) => texts[i],
      usable: (i) => compiled[i] !== undefined,
    };
  };

  // Compiled on first use: a condition whose key the request lacks is never compared, and a
  // policy with thousands of such conditions should not pay for compiling every value.
  type Statics = { compiled: (P | undefined)[]; texts: (string | undefined)[]; bound: Bound };
  let statics: Statics | undefined;
  const staticPart = (): Statics => {
    if (statics !== undefined) return statics;
    const compiled = sources.map((s) => (s.template === undefined ? kind.policy(s.pattern) : undefined));
    const texts = sources.map((s) => (s.template === undefined ? patternText(s.pattern) : undefined));
    statics = { compiled, texts, bound: makeBound(compiled, texts) };
    return statics;
  };
  const dynamic = sources.some((s) => s.template !== undefined);

  // The variables the values use. A bind is reused while their values stay the
  // same, so repeated tests against one request do not re-resolve or allocate.
  const variableKeys = dynamic ? [...new Set(sources.flatMap((s) => (s.template === undefined ? [] : templateVariables(s.template).map((k) => k.toLowerCase()))))] : [];
  const lastInputs: (readonly string[] | undefined)[] = variableKeys.map(() => undefined);
  let lastBound: Bound | undefined;

  return {
    requestNoun: kind.requestNoun,
    policyNoun: kind.policyNoun,
    bind(ctx) {
      if (!dynamic) return staticPart().bound;
      let same = lastBound !== undefined;
      for (let k = 0; k < variableKeys.length && same; k++) same = sameValues(ctx.get(variableKeys[k]), lastInputs[k]);
      if (same && lastBound !== undefined) return lastBound;
      const lookup = (key: string): readonly string[] | undefined => ctx.get(key);
      const compiled = staticPart().compiled.slice();
      const texts = staticPart().texts.slice();
      sources.forEach((s, i) => {
        if (s.template === undefined) return;
        const pieces = resolveTemplate(s.template, lookup);
        if (pieces === undefined) return;
        compiled[i] = kind.policy(pieces);
        texts[i] = patternText(pieces);
      });
      // Remembered only once resolved: resolution may stop on the work budget half-way.
      lastBound = makeBound(compiled, texts);
      for (let k = 0; k < variableKeys.length; k++) lastInputs[k] = ctx.get(variableKeys[k])?.slice();
      return lastBound;
    },
  };
}

// What one request value costs before any comparison (reading it, the loop around it).
const FIND_COST = 8;
// Up to this many values, a scan is as quick as building a map.
const EXACT_SCAN_MOST = 8;

/** Each usable value's first position (what a scan would find first). */
function firstIndex(values: readonly unknown[]): Map<unknown, number> {
  const index = new Map<unknown, number>();
  for (let i = 0; i < values.length; i++) if (values[i] !== undefined && !index.has(values[i])) index.set(values[i], i);
  return index;
}

function sameValues(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Picks the comparison for a descriptor: by comparison kind and value type, never by name.
function comparisonFor(desc: OperatorDescriptor): Kind<unknown, unknown> | undefined {
  const compare = desc.compare;
  switch (compare.kind) {
    case 'glob':
      return globKind(desc.ignoreCase) as Kind<unknown, unknown>;
    case 'arn':
      return ARN_KIND as Kind<unknown, unknown>;
    case 'cidr':
      return CIDR_KIND as Kind<unknown, unknown>;
    case 'presence':
      return undefined;
    case 'equality':
    case 'ordering': {
      const accept = acceptFor(compare);
      switch (desc.valueType) {
        case 'Numeric':
          return orderedKind('a number', 'a number', parseNumeric, compareDecimal, accept) as Kind<unknown, unknown>;
        case 'Date':
          return orderedKind('a date', 'a date (ISO 8601 or epoch seconds)', parseDate, subtract, accept) as Kind<unknown, unknown>;
        case 'String':
          return compare.kind === 'equality' ? (stringKind(desc.ignoreCase) as Kind<unknown, unknown>) : undefined;
        case 'Bool':
          return compare.kind === 'equality' ? (BOOL_KIND as Kind<unknown, unknown>) : undefined;
        case 'Binary':
          return compare.kind === 'equality' ? (BINARY_KIND as Kind<unknown, unknown>) : undefined;
        default:
          return undefined;
      }
    }
  }
}

// Descriptors are static table entries: each one's comparison is built once, not per condition.
const comparisons = new WeakMap<OperatorDescriptor, Kind<unknown, unknown> | null>();

function comparisonOf(desc: OperatorDescriptor): Kind<unknown, unknown> | undefined {
  let found = comparisons.get(desc);
  if (found === undefined) {
    found = comparisonFor(desc) ?? null;
    comparisons.set(desc, found);
  }
  return found ?? undefined;
}

// --------------------------------------------------------------- wording

const SHOWN = 6;

function q(text: string): string {
  return '`' + text + '`';
}

function list(values: readonly string[], join: string): string {
  const shown = values.slice(0, SHOWN).map(q).join(join);
  return values.length > SHOWN ? `${shown}${join}… (${values.length} in all)` : shown;
}

function withoutPeriod(sentence: string): string {
  return sentence.endsWith('.') ? sentence.slice(0, -1) : sentence;
}

// ----------------------------------------------------------- compilation

class Condition implements CompiledCondition {
  readonly entry: ConditionEntry;
  readonly operator: ParsedOperator | undefined;
  readonly problem: string | undefined;
  readonly key: string;
  readonly hasVariables: boolean;

  // The policy values, compiled when first compared (see `values`).
  private readonly comparison: Kind<unknown, unknown> | undefined;
  private compiledValues: ValueSet | undefined;
  private readonly sources: readonly ValueSource[];
  // Result when the key is absent or has no values.
  private readonly whenAbsent: boolean;
  // Result when the key is present and there is no value set (Null, or an unusable operator).
  private readonly whenPresent: boolean;
  // Quantifier over request values: every one (`all`) or some one must have m(r) === expect;
  // `flip` negates the result (the plain NOT operators).
  private readonly all: boolean;
  private readonly expect: boolean;
  private readonly flip: boolean;
  // Null's policy values, parsed; undefined entries are not booleans.
  private readonly nullValues: readonly (boolean | undefined)[];

  constructor(entry: ConditionEntry, opts: CompileConditionOptions) {
    this.entry = entry;
    this.key = entry.key.value;
    const parsed = parseOperator(entry.operator.value);
    this.operator = parsed;
    this.problem = parsed === undefined ? (operatorProblem(entry.operator.value) ?? 'The condition operator is not usable.') : undefined;

    const desc = parsed?.base;
    const substitute = opts.variables && desc !== undefined && desc.variables;
    this.sources = entry.values.map((v) => sourceFor(v.value, substitute));
    this.hasVariables = this.sources.some((s) => s.template !== undefined);

    const presence = desc !== undefined && desc.compare.kind === 'presence';
    this.nullValues = presence ? entry.values.map((v) => parseBool(v.value)) : [];
    this.comparison = desc === undefined || presence ? undefined : comparisonOf(desc);
    if (desc !== undefined && !presence && this.comparison === undefined) {
      // A descriptor whose comparison has no implementation for its type: a table error, not user input.
      this.problem = `\`${desc.name}\` has no comparison for ${desc.valueType} values.`;
    }

    const negated = desc?.negated ?? false;
    const set = parsed?.set;
    this.all = set === 'ForAllValues';
    this.expect = set === undefined ? true : !negated;
    this.flip = set === undefined && negated;
    if (parsed === undefined || this.problem !== undefined) {
      this.whenAbsent = false;
      this.whenPresent = false;
    } else if (presence) {
      this.whenAbsent = this.nullValues.includes(true);
      this.whenPresent = this.nullValues.includes(false);
    } else {
      this.whenAbsent = parsed.ifExists ? true : set === 'ForAllValues' ? true : set === 'ForAnyValue' ? false : negated;
      this.whenPresent = false;
    }
  }

  /** The value set, or undefined for Null and unusable operators; compiled on first use. */
  private get values(): ValueSet | undefined {
    if (this.compiledValues === undefined && this.comparison !== undefined) this.compiledValues = compileSet(this.comparison, this.sources);
    return this.compiledValues;
  }

  test(ctx: ContextLookup): boolean {
    const requestValues = ctx.get(this.key);
    if (requestValues === undefined || requestValues.length === 0) return this.whenAbsent;
    const values = this.values;
    if (values === undefined || this.problem !== undefined) return this.whenPresent;
    const bound = values.bind(ctx);
    const expect = this.expect;
    if (this.all) {
      for (let i = 0; i < requestValues.length; i++) {
        if (bound.find(requestValues[i]) >= 0 !== expect) return false;
      }
      return true;
    }
    for (let i = 0; i < requestValues.length; i++) {
      if (bound.find(requestValues[i]) >= 0 === expect) return !this.flip;
    }
    return this.flip;
  }

  explain(ctx: ContextLookup): ConditionTrace {
    const raw = ctx.get(this.key);
    // The trace keeps its own copy of the values (and their hits, below): charged as work.
    if (raw !== undefined) spend(8 * raw.length);
    const requestValues = raw === undefined ? null : raw.slice();
    const trace: ConditionTrace = {
      operator: this.entry.operator.value,
      key: this.key,
      policyValues: this.entry.values.map((v) => v.value),
      requestValues,
      matched: false,
      reason: '',
      span: this.entry.span,
      keySpan: this.entry.key.span,
    };
    const parsed = this.operator;
    if (parsed === undefined || this.problem !== undefined) {
      trace.reason = `${withoutPeriod(this.problem ?? '')}, so this condition never matches`;
      return trace;
    }
    const desc = parsed.base;
    const key = this.key;
    const absent = requestValues === null || requestValues.length === 0;
    const subject = requestValues === null ? `the request has no ${key}` : `${key} has no values, which counts as absent`;
    if (this.comparison === undefined) {
      // The Null check: only presence matters.
      const usable = this.nullValues.filter((v): v is boolean => v !== undefined);
      // Null `true` asks for absence, `false` for presence.
      trace.matched = usable.includes(absent);
      if (usable.length === 0) {
        trace.reason = `Null needs \`true\` or \`false\`, and ${list(trace.policyValues, ' or ')} is neither, so this condition never matches`;
      } else if (absent) {
        trace.reason = trace.matched ? `${subject}, which Null \`true\` asks for` : `${subject}, but Null \`false\` requires it to be present`;
      } else {
        trace.reason = trace.matched ? `the request has ${key}, which Null \`false\` asks for` : `the request has ${key}, but Null \`true\` requires it to be absent`;
      }
      return trace;
    }

    // Compiled only when needed: an absent key with no variables to show is decided without it.
    const values = this.hasVariables || !absent ? this.values : undefined;
    if (values !== undefined && this.hasVariables) {
      const resolving = values.bind(ctx);
      trace.resolvedPolicyValues = this.sources.map((s, i) => resolving.resolved(i) ?? s.text);
    }

    if (absent) {
      trace.matched = this.whenAbsent;
      if (parsed.ifExists) trace.reason = `${subject}, so IfExists makes this condition true`;
      else if (parsed.set === 'ForAllValues') trace.reason = `${subject}, so ForAllValues is vacuously true`;
      else if (parsed.set === 'ForAnyValue') trace.reason = `${subject}, so ForAnyValue has no value that could match`;
      else if (desc.negated) trace.reason = `${subject}, so the negated operator ${desc.name} is true`;
      else trace.reason = `${subject}, so ${desc.name} cannot match`;
      return trace;
    }

    if (values === undefined) return trace;
    const bound = values.bind(ctx);
    const present = requestValues ?? [];
    const hits = present.map((r) => bound.find(r));
    const expect = this.expect;
    let witness = -1;
    if (this.all) {
      witness = hits.findIndex((h) => h >= 0 !== expect);
      trace.matched = witness < 0;
    } else {
      witness = hits.findIndex((h) => h >= 0 === expect);
      trace.matched = witness >= 0 !== this.flip;
    }
    // With no witness every request value went the same way: all matched (`every`) or none did.
    const allMatch = this.all ? expect : !expect;

    const phrase = desc.phrase;
    const usableTexts: string[] = [];
    const skipped: string[] = [];
    this.sources.forEach((s, i) => {
      const resolved = bound.resolved(i);
      if (resolved === undefined) {
        const missing = s.template === undefined ? [] : templateVariables(s.template).filter((v) => ctx.get(v) === undefined);
        const why = missing.length > 0 ? `the request has no ${missing.join(' or ')}` : 'its variable cannot be resolved';
        skipped.push(`${q(s.text)} is skipped because ${why}`);
      } else if (!bound.usable(i)) {
        skipped.push(`${q(resolved)} is skipped because it is not ${values.policyNoun}`);
      } else {
        usableTexts.push(resolved);
      }
    });
    const policyList = usableTexts.length > 0 ? list(usableTexts, phrase.join) : 'any usable policy value';
    const relation = (i: number): string => {
      const r = present[i];
      if (!bound.valid(r)) return `is not ${values.requestNoun}`;
      const hit = hits[i];
      return hit >= 0 ? `${phrase.match} ${q(bound.resolved(hit) ?? '')}` : `${phrase.miss} ${policyList}`;
    };

    let sentence: string;
    if (present.length === 1) sentence = `${key} is ${q(present[0])}, which ${relation(0)}`;
    else if (witness >= 0) sentence = `${key} has ${list(present, ', ')}, and ${q(present[witness])} ${relation(witness)}`;
    else sentence = `${key} has ${list(present, ', ')}, and ${allMatch ? 'every one' : 'none'} of them ${phrase.match} ${policyList}`;
    if (parsed.set !== undefined || desc.negated) sentence += `, so ${parsed.text} is ${trace.matched}`;
    if (skipped.length > 0) sentence += `; ${skipped.join('; ')}`;
    trace.reason = sentence;
    return trace;
  }
}

function sourceFor(text: string, substitute: boolean): ValueSource {
  if (!substitute) return { text, template: undefined, pattern: text };
  const template = parseTemplate(text, { variables: true });
  if (templateHasVariables(template)) return { text, template, pattern: text };
  // No variables, but escapes such as `${*}` still become literal characters.
  return { text, template: undefined, pattern: resolveTemplate(template, () => undefined) ?? text };
}

/**
 * Compiles one Condition entry. Never throws: an unknown operator gives a
 * condition that never matches and says why in `problem`.
 */
export function compileCondition(entry: ConditionEntry, opts: CompileConditionOptions): CompiledCondition {
  return new Condition(entry, opts);
}

/**
 * Evaluates a statement's Condition block: true when every entry holds (AND
 * across operators and keys; each entry already ORs over its key's values).
 * An empty block holds.
 */
export function evaluateConditionBlock(conds: readonly CompiledCondition[], ctx: ContextLookup): boolean {
  for (let i = 0; i < conds.length; i++) if (!conds[i].test(ctx)) return false;
  return true;
}

/** Like `evaluateConditionBlock`, but explains every entry (no short-circuit). */
export function explainConditionBlock(conds: readonly CompiledCondition[], ctx: ContextLookup): { matched: boolean; traces: ConditionTrace[] } {
  const traces = conds.map((c) => c.explain(ctx));
  return { matched: traces.every((t) => t.matched), traces };
}
