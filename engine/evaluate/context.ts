// The request context: the keys a request carries, given by the person or
// derived from the request as AWS derives them ("AWS global condition context keys").
// Derived keys are computed only when a policy reads them: evaluation is a hot path.
import type { ContextLookup } from '../types.ts';
import type { PrincipalInfo } from './principal.ts';
import { principalType } from './principal.ts';
import { memo } from '../source/memo.ts';

export type ContextSource = 'request' | 'derived' | 'alias';

export interface ContextEntry {
  key: string;
  values: string[];
  source: ContextSource;
}

export interface ResourceInfo {
  partition?: string;
  service?: string;
  region?: string;
  account?: string;
  /** The same, as context values, made once. */
  regionValues?: readonly string[];
  accountValues?: readonly string[];
}

function parseResource(resource: string): ResourceInfo {
  if (!resource.startsWith('arn:')) return {};
  const parts = resource.split(':', 6);
  if (parts.length < 6) return {};
  const region = parts[3] || undefined;
  const account = parts[4] || undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region,
    account,
    regionValues: region ? [region] : undefined,
    accountValues: account ? [account] : undefined,
  };
}

/** The ARN parts of a resource (empty when it is `*` or not an ARN). Requests repeat: remembered. */
export const resourceInfo = memo(parseResource);

/** aws:CurrentTime and aws:EpochTime for one instant, formatted once. */
export class Clock {
  private iso?: readonly string[];
  private epoch?: readonly string[];
  private date?: Date;
  private readonly fixed?: Date;
  constructor(fixed?: Date) {
    this.fixed = fixed;
  }
  now(): Date {
    return (this.date ??= this.fixed ?? new Date());
  }
  currentTime(): readonly string[] {
    return (this.iso ??= [this.now().toISOString().replace(/\.\d{3}Z$/, 'Z')]);
  }
  epochTime(): readonly string[] {
    return (this.epoch ??= [String(Math.floor(this.now().getTime() / 1000))]);
  }
}

const TRUE: readonly string[] = ['true'];
const FALSE: readonly string[] = ['false'];

/** Global keys AWS derives from every request, by lower-cased name: [spelling, deriver, derived from the resource's ARN]. */
type Deriver = (p: PrincipalInfo, r: ResourceInfo, clock: Clock) => readonly string[] | undefined;
const one = (v: string | undefined): readonly string[] | undefined => (v ? [v] : undefined);
const isIam = (p: PrincipalInfo) => p.kind !== 'service' && p.kind !== 'federated' && p.kind !== 'anonymous';
const DERIVED: ReadonlyMap<string, [string, Deriver, boolean?]> = new Map<string, [string, Deriver, boolean?]>([
  ['aws:principalarn', ['aws:PrincipalArn', (p) => (isIam(p) ? one(p.kind === 'assumed-role' ? p.roleArn : p.arn) : undefined)]],
  ['aws:principalaccount', ['aws:PrincipalAccount', (p) => (isIam(p) ? one(p.account) : undefined)]],
  ['aws:principaltype', ['aws:PrincipalType', (p) => one(principalType(p))]],
  ['aws:username', ['aws:username', (p) => (p.kind === 'user' ? one(p.userName) : undefined)]],
  ['aws:principalservicename', ['aws:PrincipalServiceName', (p) => (p.kind === 'service' ? one(p.service) : undefined)]],
  ['aws:principalisawsservice', ['aws:PrincipalIsAWSService', (p) => (p.kind === 'service' ? TRUE : isIam(p) ? FALSE : undefined)]],
  ['aws:resourceaccount', ['aws:ResourceAccount', (_p, r) => r.accountValues, true]],
  ['aws:requestedregion', ['aws:RequestedRegion', (_p, r) => r.regionValues, true]],
  ['aws:currenttime', ['aws:CurrentTime', (_p, _r, c) => c.currentTime()]],
  ['aws:epochtime', ['aws:EpochTime', (_p, _r, c) => c.epochTime()]],
  ['aws:securetransport', ['aws:SecureTransport', () => TRUE]],
  ['aws:viaawsservice', ['aws:ViaAWSService', () => FALSE]],
]);

/**
 * Whether a context's answer for `key` may depend on the request's resource: a key derived
 * from the resource's ARN, or a resource tag (read through its alias, which depends on the
 * resource's service). Every other key answers from the caller, the given keys and the clock,
 * so two contexts that differ only in the resource answer it alike (whoCan relies on this).
 */
export function keyReadsResource(key: string): boolean {
  const lk = lower(key);
  return !!DERIVED.get(lk)?.[2] || lk.includes('resourcetag/');
}

/** Services whose resource tags are also read as `<service>:ResourceTag/<key>`, with that prefix. */
const SERVICE_TAG_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['ecr', 'ecr:resourcetag/'],
  ['ecs', 'ecs:resourcetag/'],
]);
const AWS_TAG = 'aws:resourcetag/';

/** Policies name the same few keys over and over: remember their lower-case forms. */
export const lower = memo((key) => key.toLowerCase(), 2000);

const NO_ENTRIES: ReadonlyMap<string, ContextEntry> = new Map();

/**
 * A context value as text: strings only. Numbers and booleans are refused like any other
 * non-string, not spelt out: AWS passes every context value as text, and `1` turned into
 * "1" (or `true` into "true") is a guess about the intended type that a condition could
 * then match.
 */
function scalarText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A value's texts, or undefined when it is not a string or a flat list of strings. */
function valueTexts(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw)) {
    const one = scalarText(raw);
    return one === undefined ? undefined : [one];
  }
  const out: string[] = [];
  for (const v of raw as unknown[]) {
    const text = scalarText(v);
    if (text === undefined) return undefined;
    out.push(text);
  }
  return out;
}

/** What a refused context value is, in a word or two. */
function kindOf(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list with a value that is not a string';
  if (typeof raw === 'object') return 'an object';
  return `a ${typeof raw}`;
}

const NOT_AN_OBJECT = 'The request context must be an object of condition keys and their values.';

/** Why a context value cannot be used. */
function valueProblem(key: string, raw: unknown): string {
  const shown = key.length > 80 ? `${key.slice(0, 80)}…` : key;
  return `The context value of \`${shown}\` is ${kindOf(raw)}, not a string or a list of strings; give it as text, e.g. \`"true"\`, \`"300"\` or \`["a", "b"]\`.`;
}

// The last context read, kept with what was read from it. The matrix, comparisons and
// who-can pass one context object to thousands of calls; checking that its keys and texts
// are still the same is cheaper than normalizing it again. Compared by content, never by
// identity alone, so a context mutated between calls is read afresh.
let lastPairs: [string, unknown][] | undefined;
let lastRead: ReadonlyMap<string, ContextEntry> | string | undefined;

/** Whether `context` still holds what was read last time (same keys in order, same texts). */
function sameRead(context: object, keys: string[], before: [string, unknown][], read: ReadonlyMap<string, ContextEntry>): boolean {
  if (keys.length !== before.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== before[i][0]) return false;
    const raw: unknown = (context as Record<string, unknown>)[key];
    if (typeof raw === 'string') {
      if (raw !== before[i][1]) return false;
      continue;
    }
    // A list: its texts as read last time, element by element (the list may have been edited in place).
    const kept = read.get(lower(key));
    if (!Array.isArray(raw) || kept === undefined || kept.key !== key || kept.values.length !== raw.length) return false;
    for (let j = 0; j < raw.length; j++) if (raw[j] !== kept.values[j]) return false;
  }
  return true;
}

/**
 * The request's context normalized by lower-cased key, or why it cannot be used. A value
 * such as `null`, `{}` or `1` is refused rather than turned into the text "null",
 * "[object Object]" or "1", which a condition could then match: a wrong Allow from
 * malformed input.
 */
export function readGivenContext(context: unknown): ReadonlyMap<string, ContextEntry> | string {
  if (context === undefined || context === null) return NO_ENTRIES;
  if (typeof context !== 'object' || Array.isArray(context)) return NOT_AN_OBJECT;
  let pairs: [string, unknown][];
  try {
    const keys = Object.keys(context);
    if (keys.length === 0) return NO_ENTRIES;
    if (lastPairs !== undefined && typeof lastRead === 'object' && sameRead(context, keys, lastPairs, lastRead)) return lastRead;
    pairs = keys.map((key) => [key, (context as Record<string, unknown>)[key]]);
  } catch {
    // A getter or a proxy that throws.
    return NOT_AN_OBJECT;
  }
  let read: Map<string, ContextEntry> | string = new Map<string, ContextEntry>();
  for (const [key, raw] of pairs) {
    const values = valueTexts(raw);
    if (values === undefined) {
      read = valueProblem(key, raw);
      break;
    }
    read.set(lower(key), { key, values, source: 'request' });
  }
  lastPairs = pairs;
  lastRead = read;
  return read;
}

/** The usable part of a context: what `readGivenContext` gives, or nothing when it refuses it. */
function givenEntries(context: unknown): ReadonlyMap<string, ContextEntry> {
  const read = readGivenContext(context);
  return typeof read === 'string' ? NO_ENTRIES : read;
}

/** A case-insensitive view of the request's context: given keys first, then derived ones. */
export class RequestContext implements ContextLookup {
  private readonly given: ReadonlyMap<string, ContextEntry>;
  private resourceParts?: ResourceInfo;

  readonly principal: PrincipalInfo;
  private readonly resourceText: string;
  private readonly clock: Clock;

  /** `given` is the context as `readGivenContext` read it, when the caller has read it already. */
  constructor(context: unknown, principal: PrincipalInfo, resourceText: string, clock: Clock, given?: ReadonlyMap<string, ContextEntry>) {
    this.principal = principal;
    this.resourceText = resourceText;
    this.clock = clock;
    this.given = given ?? givenEntries(context);
  }

  /** The resource's ARN parts, parsed on first use. */
  get resource(): ResourceInfo {
    return (this.resourceParts ??= resourceInfo(this.resourceText));
  }

  get(key: string): readonly string[] | undefined {
    const lk = lower(key);
    const given = this.given.get(lk);
    if (given) return given.values;
    const alias = this.alias(lk);
    if (alias) return alias.values;
    const derive = DERIVED.get(lk);
    return derive ? derive[1](this.principal, this.resource, this.clock) : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** `aws:ResourceTag/k` given for an ECR/ECS resource is also `ecr:ResourceTag/k`, and the reverse. */
  private alias(lk: string): ContextEntry | undefined {
    if (this.given.size === 0 || !lk.includes('resourcetag/')) return undefined;
    const service = this.resource.service;
    const servicePrefix = service && SERVICE_TAG_PREFIXES.get(service);
    if (!servicePrefix) return undefined;
    if (lk.startsWith(AWS_TAG)) return this.given.get(servicePrefix + lk.slice(AWS_TAG.length));
    if (lk.startsWith(servicePrefix)) return this.given.get(AWS_TAG + lk.slice(servicePrefix.length));
    return undefined;
  }

  /** Every key the request carries, derived and aliased ones included (for display). */
  entries(): ContextEntry[] {
    const out: ContextEntry[] = [];
    for (const [lk, [key, derive]] of DERIVED) {
      if (this.given.has(lk)) continue;
      const values = derive(this.principal, this.resource, this.clock);
      if (values) out.push({ key, values: [...values], source: 'derived' });
    }
    const service = this.resource.service;
    for (const [lk, e] of this.given) {
      // A copy: the entries are shared with later requests on the same context (see readGivenContext).
      out.push({ key: e.key, values: [...e.values], source: e.source });
      if (!service || !SERVICE_TAG_PREFIXES.has(service)) continue;
      const tag = lk.startsWith(AWS_TAG) ? e.key.slice(AWS_TAG.length) : lk.startsWith(`${service}:resourcetag/`) ? e.key.slice(service.length + 13) : undefined;
      if (tag === undefined) continue;
      const aliasKey = lk.startsWith(AWS_TAG) ? `${service}:ResourceTag/${tag}` : `aws:ResourceTag/${tag}`;
      if (!this.given.has(aliasKey.toLowerCase())) out.push({ key: aliasKey, values: [...e.values], source: 'alias' });
    }
    return out;
  }
}
