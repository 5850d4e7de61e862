// What every check needs, computed once per validation: the parsed model, the
// flavour of a resource policy, each statement's actions resolved against the
// catalog, and the report function. Catalog lookups are cached across calls
// so that validating on every keystroke stays cheap.
import { memo } from '../source/memo.ts';
import {
  actionNamesFor,
  conditionKeysForAction,
  expandAction,
  getAction,
  isKnownAction,
  isKnownServicePrefix,
  loadedServicePrefixes,
  type ActionInfo,
  type ActionNames,
} from '../catalog/index.ts';
import { compileWildcard } from '../match/index.ts';
import { LineIndex } from '../source/lines.ts';
import type { Located, ParsedPolicy, PolicyDocument, PolicyKind, Span, Statement } from '../types.ts';
import { CODES, type DiagnosticCode } from './codes.ts';
import { editsFor, type JsonChange } from './edit.ts';
import { objectMembers, type ScannedMember } from './text.ts';
import type { Diagnostic, Fix, TextEdit, ValidateOptions } from './types.ts';

/** What a resource-based policy is, told apart by its actions. */
export type ResourceFlavor = 'repository' | 'trust' | 'registry' | 'other';

/** How an Action/NotAction entry resolves against the catalog. */
export type ActionStatus =
  | 'any' // `*`
  | 'known' // an action or a pattern matching at least one action
  | 'no-match' // a pattern matching no action of a service described in full
  | 'unknown' // an action name the service does not have
  | 'unknown-service'
  | 'unknown-yet' // a service whose action names are not loaded yet
  | 'invalid' // not `service:name`
  | 'variable'; // contains `${`

export interface ActionRef {
  item: Located<string>;
  /** Lower-case service prefix ('' when there is none). */
  service: string;
  name: string;
  wildcard: boolean;
  status: ActionStatus;
  /** The service is described in full (actions, resources, keys). */
  inDepth: boolean;
  /** Catalog actions this entry matches (services in depth only). */
  infos: readonly ActionInfo[];
}

export interface StatementInfo {
  st: Statement;
  /** Entries of Action, or of NotAction when `negated`. */
  actions: ActionRef[];
  /** Entries of NotAction when the statement also has Action (a grammar error, still spell-checked). */
  extraActions: ActionRef[];
  negated: boolean;
  /**
   * Every entry resolves to catalog actions of services in depth (no `*`, no
   * unknown or unloaded names): statement-wide "no action takes X" checks are
   * safe only then.
   */
  closed: boolean;
  /** Distinct catalog actions of all entries. */
  infos: readonly ActionInfo[];
}

export interface ValidationContext {
  readonly text: string;
  readonly kind: PolicyKind;
  readonly options: ValidateOptions;
  readonly parsed: ParsedPolicy;
  readonly policy: PolicyDocument | undefined;
  /** For `resource` policies: repository policy, role trust policy or other. */
  readonly flavor: ResourceFlavor | undefined;
  readonly statements: readonly StatementInfo[];
  /** Top-level members of the policy object, as written (scanned when first asked for). */
  topLevel(): readonly ScannedMember[];
  /** The policy language version in force: variables work only in 2012-10-17. */
  readonly variablesEnabled: boolean;
  report(code: DiagnosticCode, span: Span, message: string, fix?: FixDraft): void;
}

/**
 * A fix as checks write it: changes by JSON path (jsonc-parser computes the edit), or,
 * for the few edits modify cannot make, spans and text. Ranges are added in one place.
 */
export type FixDraft = { title: string; changes: JsonChange[] } | { title: string; edits: { span: Span; text: string }[] };

// ------------------------------------------------------------------ caches

const CACHE_LIMIT = 4000;
const expandCache = new Map<string, readonly ActionInfo[]>();
const keyCache = new WeakMap<ActionInfo, ReadonlySet<string>>();
const globCache = new Map<string, (text: string) => boolean>();

// Bound on the key characters a cache holds: a compiled glob keeps about its pattern's size,
// so thousands of distinct 100 KB patterns must not pile up (issue 13).
const CACHE_CHARS = 1_000_000;
const cacheChars = new WeakMap<Map<string, unknown>, number>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (key.length > CACHE_CHARS) return value; // too large to keep at all
  const chars = (cacheChars.get(cache) ?? 0) + key.length;
  if (cache.size >= CACHE_LIMIT || chars > CACHE_CHARS) {
    cache.clear();
    cacheChars.set(cache, key.length);
  } else {
    cacheChars.set(cache, chars);
  }
  cache.set(key, value);
  return value;
}

/** Catalog actions an action pattern matches (cached, case-insensitive). */
export function expandCached(pattern: string): readonly ActionInfo[] {
  return remember(expandCache, pattern.toLowerCase(), () => expandAction(pattern));
}

/** Lower-case names of the non-global condition keys an action carries (cached). */
export function serviceKeysOf(action: ActionInfo): ReadonlySet<string> {
  let keys = keyCache.get(action);
  if (!keys) {
    const set = new Set<string>();
    for (const k of conditionKeysForAction(action)) if (k.source !== 'global') set.add(k.name.toLowerCase());
    keys = set;
    keyCache.set(action, keys);
  }
  return keys;
}

/** A case-insensitive IAM glob matcher (cached). */
export function globCached(pattern: string): (text: string) => boolean {
  return remember(globCache, pattern, () => compileWildcard(pattern, { ignoreCase: true }));
}

let inDepthPrefixes: ReadonlySet<string> | undefined;

/** Whether a service is described in full in the catalog. */
export function isInDepth(prefix: string): boolean {
  inDepthPrefixes ??= new Set(loadedServicePrefixes());
  return inDepthPrefixes.has(prefix.toLowerCase());
}

// ---------------------------------------------------------------- actions

/** How an entry's text resolves: an ActionRef without its item. */
type Resolution = Omit<ActionRef, 'item'>;

// Resolutions by entry text, per set of action names: a policy repeats its actions, and
// every keystroke validates it again. Generational (see memo), so a policy with more
// distinct actions than fit never misses on all of them at once.
const RESOLUTIONS_KEPT = 4000;
const resolutionsWithoutNames = memo((text) => resolveText(text, undefined), RESOLUTIONS_KEPT);
const resolutionsByNames = new WeakMap<ActionNames, (text: string) => Resolution>();

function resolveAction(item: Located<string>, names: ActionNames | undefined): ActionRef {
  const text = item.value;
  let resolved: (text: string) => Resolution = resolutionsWithoutNames;
  if (names) {
    let byText = resolutionsByNames.get(names);
    if (!byText) resolutionsByNames.set(names, (byText = memo((t) => resolveText(t, names), RESOLUTIONS_KEPT)));
    resolved = byText;
  }
  let r = resolved(text);
  // Names still loading when it was remembered may have loaded since.
  if (r.status === 'unknown-yet') r = resolveText(text, names);
  return { item, service: r.service, name: r.name, wildcard: r.wildcard, status: r.status, inDepth: r.inDepth, infos: r.infos };
}

function resolveText(text: string, names: ActionNames | undefined): Resolution {
  const base = { service: '', name: '', wildcard: false, inDepth: false, infos: [] as readonly ActionInfo[] };
  if (text === '*') return { ...base, wildcard: true, status: 'any' };
  if (text.includes('${')) return { ...base, status: 'variable' };
  if (actionShapeInvalid(text)) return { ...base, status: 'invalid' };
  const colon = text.indexOf(':');
  const service = text.slice(0, colon).toLowerCase();
  const name = text.slice(colon + 1);
  const wildcard = text.includes('*') || text.includes('?');
  const ref = { ...base, service, name, wildcard };
  if (service.includes('*') || service.includes('?')) {
    // `*:Get*` and the like: only the services in depth can be expanded.
    return { ...ref, status: 'unknown-yet', infos: expandCached(text) };
  }
  if (!isKnownServicePrefix(service)) return { ...ref, status: 'unknown-service' };
  const inDepth = isInDepth(service);
  if (inDepth) {
    if (wildcard) {
      const infos = expandCached(text);
      return { ...ref, inDepth, infos, status: infos.length > 0 ? 'known' : 'no-match' };
    }
    const info = getAction(text);
    return { ...ref, inDepth, infos: info ? [info] : [], status: info ? 'known' : 'unknown' };
  }
  if (wildcard) {
    const list = actionNamesFor(service, names);
    if (!list) return { ...ref, status: 'unknown-yet' };
    const match = globCached(name);
    return { ...ref, status: list.some(match) ? 'known' : 'no-match' };
  }
  const known = isKnownAction(service, name, names);
  return { ...ref, status: known === 'unknown-yet' ? 'unknown-yet' : known ? 'known' : 'unknown' };
}

function statementInfo(st: Statement, names: ActionNames | undefined): StatementInfo {
  const negated = st.action === undefined && st.notAction !== undefined;
  const list = (negated ? st.notAction : st.action) ?? [];
  const resolve = (item: Located<string>) => resolveAction(item, names);
  const actions = list.map(resolve);
  const extraActions = !negated && st.notAction ? st.notAction.map(resolve) : [];
  const closed = actions.length > 0 && actions.every((a) => a.status === 'known' && a.inDepth);
  const seen = new Set<ActionInfo>();
  const infos: ActionInfo[] = [];
  for (const a of actions) {
    for (const info of a.infos) {
      if (seen.has(info)) continue;
      seen.add(info);
      infos.push(info);
    }
  }
  return { st, actions, extraActions, negated, closed, infos };
}

const TRUST_ACTION = /^sts:/i;
/** Registry-level actions: ECR grants them in a private registry policy (replication, pull through cache), never in a repository policy. */
const REGISTRY_ACTION = /^ecr:(ReplicateImage|CreateRepository)$/i;

/** What a resource policy is for, from the actions as written (no catalog lookups). */
function flavorOf(statements: readonly Statement[]): ResourceFlavor {
  let other = false;
  let ecr = false;
  let registry = false;
  for (const st of statements) {
    // A registry policy names its repositories in Resource and grants a registry-level action.
    if ((st.resource || st.notResource) && (st.action ?? []).some((a) => REGISTRY_ACTION.test(a.value))) registry = true;
    for (const a of st.action ?? st.notAction ?? []) {
      const text = a.value;
      if (TRUST_ACTION.test(text)) return 'trust';
      const service = text.slice(0, Math.max(0, text.indexOf(':'))).toLowerCase();
      if (service === 'ecr' || text === '*') ecr = true;
      else if (service !== '' && isKnownServicePrefix(service)) other = true;
    }
  }
  if (registry) return 'registry';
  // Only a policy whose actions all belong to other services is not a repository policy.
  return other && !ecr ? 'other' : 'repository';
}

/** Not `service:name` (and not `*` or a variable): AWS refuses it. */
export function actionShapeInvalid(text: string): boolean {
  if (text === '*' || text.includes('${')) return false;
  const colon = text.indexOf(':');
  return colon <= 0 || colon === text.length - 1;
}

/** A statement's entries left unresolved: for the refusal checks, which read the text alone. */
function unresolved(st: Statement): StatementInfo {
  return { st, actions: NONE, extraActions: NONE, negated: st.action === undefined && st.notAction !== undefined, closed: false, infos: NO_INFOS };
}
const NONE: ActionRef[] = [];
const NO_INFOS: readonly ActionInfo[] = [];

// ------------------------------------------------------------------ build

export interface ContextResult {
  ctx: ValidationContext;
  diagnostics: Diagnostic[];
}

/**
 * Builds the shared context; diagnostics are collected in the returned list. `lean` is for
 * the refusal checks: no catalog resolution of actions and no quick fixes, which they never need.
 */
export function createContext(parsed: ParsedPolicy, options: ValidateOptions, lean = false): ContextResult {
  const text = parsed.text;
  const diagnostics: Diagnostic[] = [];
  let lines: LineIndex | undefined;
  const index = (): LineIndex => (lines ??= new LineIndex(text));
  const raw = parsed.policy?.statements ?? [];
  let topLevel: ScannedMember[] | undefined;
  const statements = raw.map((st) => (lean ? unresolved(st) : statementInfo(st, options.actionNames)));
  const version = parsed.policy?.version?.value;
  const ctx: ValidationContext = {
    text,
    kind: parsed.kind,
    options,
    parsed,
    policy: parsed.policy,
    flavor: parsed.kind === 'resource' ? flavorOf(raw) : undefined,
    statements,
    // A method, not a getter: object literals with accessors are slow to make, and one is made per validation.
    topLevel() {
      return (topLevel ??= parsed.policy ? objectMembers(text, parsed.policy.span.start) : []);
    },
    variablesEnabled: version === '2012-10-17',
    report(code, span, message, fix) {
      const li = index();
      const d: Diagnostic = { code, severity: CODES[code].severity, message, span, range: li.range(span) };
      if (fix && !lean) {
        if ('changes' in fix) {
          // jsonc-parser's modify reads the whole text: done for every finding at once, that is
          // quadratic in a large policy. The edits are worked out when the fix is first read.
          const changes = fix.changes;
          let made: Fix | null | undefined;
          Object.defineProperty(d, 'fix', {
            enumerable: true,
            configurable: true,
            get: () => {
              if (made === undefined) made = fixOf(fix.title, editsFor(text, changes), li);
              return made ?? undefined;
            },
            set: (value: Fix | undefined) => {
              made = value ?? null;
            },
          });
        } else {
          const f = fixOf(fix.title, fix.edits, li);
          if (f) d.fix = f;
        }
      }
      diagnostics.push(d);
    },
  };
  return { ctx, diagnostics };
}

function fixOf(title: string, drafts: readonly { span: Span; text: string }[], li: LineIndex): Fix | null {
  if (drafts.length === 0) return null;
  const edits: TextEdit[] = drafts.map((e) => ({ span: e.span, range: li.range(e.span), text: e.text }));
  return { title, edits };
}

/** `a`, `b` and `c` (at most `limit` names, then "and N more"), each in backticks. */
export function listNames(names: readonly string[], limit = 3, conjunction: 'and' | 'or' = 'and'): string {
  const shown = names.slice(0, limit).map((n) => `\`${n}\``);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${conjunction} ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}`;
}

/** The 1-character span of an object's opening brace: where "missing X" findings point. */
export function braceSpan(span: Span): Span {
  return { start: span.start, end: span.start + 1 };
}
