// Typed lookups over the committed service catalog (data/services.json), built
// by scripts/build-catalog.mjs. Every index is built once, on first use; the
// services described in depth are decoded one service at a time.

import servicesJson from './data/services.json' with { type: 'json' };
import { editDistance } from './distance.ts';
import { memo } from '../source/memo.ts';
import { parseArn } from '../match/arn.ts';
import { compileWildcard, hasWildcard } from '../match/wildcard.ts';
import {
  globTokens,
  literalCount,
  literalPrefix,
  patternsIntersect,
  templateTokens,
  type PatternToken,
} from './glob.ts';
import {
  asRawActionNames,
  asRawCatalog,
  decodeAction,
  decodeConditionKey,
  decodeResourceType,
  type RawCatalog,
} from './raw.ts';
import type {
  ActionConditionKey,
  ActionInfo,
  CatalogDataVersion,
  ConditionKeyInfo,
  ResourceTypeInfo,
  ServiceInfo,
} from './types.ts';

const raw: RawCatalog = asRawCatalog(servicesJson as unknown);

/** Version of the data the catalog was built from. */
export const dataVersion: Readonly<CatalogDataVersion> = Object.freeze({ ...raw.source });

// ---------------------------------------------------------------- services

interface ServiceIndex {
  info: ServiceInfo;
  actionsByLower: Map<string, ActionInfo>;
  resourcesByLower: Map<string, ResourceTypeInfo>;
}

const serviceCache = new Map<string, ServiceIndex>();
let allPrefixes: Set<string> | undefined;

let rcpPrefixes: Set<string> | undefined;

/** Do resource control policies apply to this service's actions? (Organizations lists the services.) */
export function isRcpSupportedService(prefix: string): boolean {
  rcpPrefixes ??= new Set(raw.rcpServices);
  return rcpPrefixes.has(prefix.toLowerCase());
}

function knownPrefixes(): Set<string> {
  allPrefixes ??= new Set(raw.prefixes);
  return allPrefixes;
}

function serviceIndex(prefix: string): ServiceIndex | undefined {
  const p = prefix.toLowerCase();
  const cached = serviceCache.get(p);
  if (cached) return cached;
  if (!Object.hasOwn(raw.services, p)) return undefined;
  const rs = raw.services[p];
  if (!rs) return undefined;

  const actions: ActionInfo[] = [];
  const actionsByLower = new Map<string, ActionInfo>();
  for (const [name, ra] of Object.entries(rs.actions)) {
    const a = decodeAction(p, name, ra, rs.keyRefs);
    actions.push(a);
    actionsByLower.set(name.toLowerCase(), a);
  }
  const resourceTypes: ResourceTypeInfo[] = [];
  const resourcesByLower = new Map<string, ResourceTypeInfo>();
  for (const [name, rr] of Object.entries(rs.resources)) {
    const r = decodeResourceType(p, name, rr, rs.keyRefs);
    resourceTypes.push(r);
    resourcesByLower.set(name.toLowerCase(), r);
  }
  const conditionKeys: ConditionKeyInfo[] = [];
  for (const name of Object.keys(rs.keys)) {
    const k = keyIndex().exact.get(name.toLowerCase());
    if (k) conditionKeys.push(k);
  }
  const index: ServiceIndex = {
    info: { prefix: p, name: rs.name, actions, resourceTypes, conditionKeys },
    actionsByLower,
    resourcesByLower,
  };
  serviceCache.set(p, index);
  return index;
}

/** Prefixes of the services described in depth (actions, resources, condition keys). */
export function loadedServicePrefixes(): string[] {
  return Object.keys(raw.services);
}

/** A service described in depth, by prefix (case-insensitive). */
export function getService(prefix: string): ServiceInfo | undefined {
  return serviceIndex(prefix)?.info;
}

/** Whether AWS has a service with this prefix (any service, not only those in depth). */
export function isKnownServicePrefix(prefix: string): boolean {
  return knownPrefixes().has(prefix.toLowerCase());
}

function splitAction(action: string): [service: string, name: string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** An action of a service in depth, e.g. `ecr:PutImage` (case-insensitive). */
export function getAction(action: string): ActionInfo | undefined {
  const parts = splitAction(action);
  if (!parts) return undefined;
  return serviceIndex(parts[0])?.actionsByLower.get(parts[1].toLowerCase());
}

/** Actions of one service in depth, or of all of them. */
export function listActions(prefix?: string): readonly ActionInfo[] {
  if (prefix !== undefined) return serviceIndex(prefix)?.info.actions ?? [];
  const out: ActionInfo[] = [];
  for (const p of loadedServicePrefixes()) out.push(...(serviceIndex(p)?.info.actions ?? []));
  return out;
}

/**
 * The actions of the services in depth that an IAM action pattern matches:
 * `ecr:Describe*`, `ecs:?escribe*`, `*` (everything loaded). Case-insensitive.
 */
export function expandAction(pattern: string): ActionInfo[] {
  const p = pattern.trim();
  if (p === '*') return [...listActions()];
  const parts = splitAction(p);
  if (!parts) return [];
  const [svc, name] = parts;
  const services = hasWildcard(svc)
    ? loadedServicePrefixes().filter(compileWildcard(svc, { ignoreCase: true }))
    : [svc.toLowerCase()];
  if (!hasWildcard(name)) {
    const out: ActionInfo[] = [];
    for (const s of services) {
      const a = serviceIndex(s)?.actionsByLower.get(name.toLowerCase());
      if (a) out.push(a);
    }
    return out;
  }
  const matches = compileWildcard(name, { ignoreCase: true });
  const out: ActionInfo[] = [];
  for (const s of services) for (const a of serviceIndex(s)?.info.actions ?? []) if (matches(a.name)) out.push(a);
  return out;
}

/** A resource type of a service in depth (both case-insensitive). */
export function getResourceType(service: string, resourceType: string): ResourceTypeInfo | undefined {
  return serviceIndex(service)?.resourcesByLower.get(resourceType.toLowerCase());
}

/** The ARN format of a resource type, e.g. `arn:${Partition}:ecs:${Region}:${Account}:cluster/${ClusterName}`. */
export function arnTemplate(service: string, resourceType: string): string | undefined {
  return getResourceType(service, resourceType)?.arnFormat;
}

// ---------------------------------------------------------- condition keys

interface KeyIndex {
  exact: Map<string, ConditionKeyInfo>;
  /** Templated keys, most specific (most literal characters) first. */
  templates: { prefix: string; re: RegExp; info: ConditionKeyInfo; weight: number }[];
  globals: ConditionKeyInfo[];
}

let keys: KeyIndex | undefined;

function templateRegExp(name: string): RegExp {
  const source = name
    .split(/\$\{[^}]*\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${source}$`, 'i');
}

function keyIndex(): KeyIndex {
  if (keys) return keys;
  const exact = new Map<string, ConditionKeyInfo>();
  const globals: ConditionKeyInfo[] = [];
  for (const [name, [type, description, category]] of Object.entries(raw.globalKeys)) {
    const info = decodeConditionKey(name, type, description, { global: true, category });
    globals.push(info);
    exact.set(name.toLowerCase(), info);
  }
  // A service's own keys first, then keys a service lists under another
  // prefix (sts lists OIDC provider keys such as `token.actions.githubusercontent.com:sub`).
  const foreign: [string, ConditionKeyInfo][] = [];
  for (const [prefix, rs] of Object.entries(raw.services)) {
    for (const [name, [type, description]] of Object.entries(rs.keys)) {
      const info = decodeConditionKey(name, type, description, { global: false, service: prefix });
      const lower = name.toLowerCase();
      if (lower.startsWith(prefix + ':')) {
        if (!exact.has(lower)) exact.set(lower, info);
      } else {
        foreign.push([lower, info]);
      }
    }
  }
  for (const [lower, info] of foreign) if (!exact.has(lower)) exact.set(lower, info);

  const templates: KeyIndex['templates'] = [];
  for (const info of exact.values()) {
    if (!info.templated) continue;
    const prefix = info.name.slice(0, info.name.indexOf('${')).toLowerCase();
    const weight = info.name.replace(/\$\{[^}]*\}/g, '').length;
    templates.push({ prefix, re: templateRegExp(info.name), info, weight });
  }
  templates.sort((a, b) => b.weight - a.weight);
  keys = { exact, templates, globals };
  return keys;
}

/**
 * A condition key by name (case-insensitive). A templated key answers for
 * its instances: `aws:ResourceTag/team` gives `aws:ResourceTag/${TagKey}`.
 * Keys of services not described in depth are unknown (undefined).
 */
export function getConditionKey(name: string): ConditionKeyInfo | undefined {
  const index = keyIndex();
  const lower = name.toLowerCase();
  const exact = index.exact.get(lower);
  if (exact) return exact;
  for (const t of index.templates) {
    if (lower.startsWith(t.prefix) && t.re.test(name)) return t.info;
  }
  return undefined;
}

/** All global condition keys. */
export function globalConditionKeys(): readonly ConditionKeyInfo[] {
  return keyIndex().globals;
}

/**
 * Condition keys that apply to an action: its own, those of its resource
 * types, then every global key, each once, flagged with where it came from.
 * Empty for an unknown action.
 */
export function conditionKeysForAction(action: string | ActionInfo): ActionConditionKey[] {
  const info = typeof action === 'string' ? getAction(action) : action;
  if (!info) return [];
  const out: ActionConditionKey[] = [];
  const seen = new Set<string>();
  const add = (name: string, source: ActionConditionKey['source']): void => {
    const lower = name.toLowerCase();
    if (seen.has(lower)) return;
    seen.add(lower);
    const k = keyIndex().exact.get(lower) ?? getConditionKey(name);
    if (k) out.push({ ...k, source });
    else {
      out.push({ ...decodeConditionKey(name, 'String', '', { global: false, service: info.service }), source });
    }
  };
  for (const k of info.conditionKeys) add(k, 'action');
  for (const rt of info.resourceTypes) {
    for (const k of rt.conditionKeys) add(k, 'resource');
    for (const k of getResourceType(info.service, rt.name)?.conditionKeys ?? []) add(k, 'resource');
  }
  for (const g of keyIndex().globals) add(g.name, 'global');
  return out;
}

// -------------------------------------------------------------------- ARNs

interface ArnPattern {
  partition: PatternToken[];
  service: PatternToken[];
  region: PatternToken[];
  account: PatternToken[];
  resource: PatternToken[];
}

interface CompiledTemplate {
  info: ResourceTypeInfo;
  /** Lower-case service segment of the ARN format (not always the owner: ssm lists ECS tasks). */
  arnService: string;
  pattern: ArnPattern;
  /** Literal text of the resource part before its first placeholder, e.g. `service/`. */
  resourcePrefix: string;
  weight: number;
}

let templates: CompiledTemplate[] | undefined;

/** An ARN's five parts, by the engine's one ARN splitter. */
function splitArn(arn: string): [string, string, string, string, string] | undefined {
  const a = parseArn(arn);
  return a && [a.partition, a.service, a.region, a.account, a.resource];
}

function compiledTemplates(): CompiledTemplate[] {
  if (templates) return templates;
  const out: CompiledTemplate[] = [];
  for (const prefix of loadedServicePrefixes()) {
    for (const info of serviceIndex(prefix)?.info.resourceTypes ?? []) {
      const parts = splitArn(info.arnFormat);
      if (!parts) continue;
      const [partition, service, region, account, resource] = parts;
      const pattern: ArnPattern = {
        partition: templateTokens(partition),
        service: templateTokens(service),
        region: templateTokens(region),
        account: templateTokens(account),
        resource: templateTokens(resource),
      };
      out.push({
        info,
        arnService: service.toLowerCase(),
        pattern,
        resourcePrefix: literalPrefix(pattern.resource),
        weight: literalCount(pattern.resource),
      });
    }
  }
  templates = out;
  return out;
}

function arnPatternsIntersect(a: ArnPattern, t: ArnPattern): boolean {
  return (
    patternsIntersect(a.service, t.service, true) &&
    patternsIntersect(a.resource, t.resource) &&
    patternsIntersect(a.region, t.region) &&
    patternsIntersect(a.account, t.account) &&
    patternsIntersect(a.partition, t.partition)
  );
}

/**
 * The resource type(s) an ARN (or an ARN pattern with `*`/`?`) is, matching
 * the ARN formats with each `${...}` as a wildcard. Most specific first, and
 * types of the ARN's own service before others listing the same ARN (ssm
 * lists ECS tasks). `service` restricts the answer to that service's types.
 * An ARN matching no format but starting like one (`service/`, the
 * pre-2018 short ECS service/task/container-instance ARNs) gets those types.
 */
export function resourceTypesForArn(arn: string, service?: string): ResourceTypeInfo[] {
  // The key says whether a service was given ('1', then the service, NUL, the ARN) or not ('0', then the ARN).
  return [...arnTypes(service === undefined ? `0${arn}` : `1${service}\u0000${arn}`)];
}

// Generational (see memo), and larger than the distinct ARNs of a 400 KB policy: a policy
// with more ARNs than a cache holds must not miss on every one of them at each keystroke.
const arnTypes = memo((key): readonly ResourceTypeInfo[] => {
  if (key.startsWith('0')) return matchArn(key.slice(1), undefined);
  const cut = key.indexOf('\u0000');
  return matchArn(key.slice(cut + 1), key.slice(1, cut));
}, 8000);

function matchArn(arn: string, service: string | undefined): ResourceTypeInfo[] {
  const parts = splitArn(arn.trim());
  if (!parts) return [];
  const [partition, svc, region, account, resource] = parts;
  const input: ArnPattern = {
    partition: globTokens(partition),
    service: globTokens(svc),
    region: globTokens(region),
    account: globTokens(account),
    resource: globTokens(resource),
  };
  const svcLower = svc.toLowerCase();
  const restrict = service?.toLowerCase();
  const candidates = compiledTemplates().filter(
    (t) =>
      (restrict === undefined || t.info.service === restrict) && (hasWildcard(svc) || t.arnService === svcLower),
  );
  const rank = (t: CompiledTemplate): number => (t.info.service === svcLower ? 0 : 1);
  const order = (a: CompiledTemplate, b: CompiledTemplate): number => rank(a) - rank(b) || b.weight - a.weight;

  const matched = candidates.filter((t) => arnPatternsIntersect(input, t.pattern));
  if (matched.length > 0) return matched.sort(order).map((t) => t.info);

  // Fallback: same resource-type prefix (legacy and partial ARNs).
  const loose = candidates.filter(
    (t) =>
      /[/:]$/.test(t.resourcePrefix) &&
      resource.startsWith(t.resourcePrefix) &&
      patternsIntersect(input.service, t.pattern.service, true),
  );
  return loose.sort(order).map((t) => t.info);
}

// --------------------------------------------- all action names (lazy part)

/**
 * The action names of every AWS service, from the separate, lazily loaded data file
 * (data/action-names.json). The validator, completion and hover take it as an option:
 * without it they know the actions of the services described in depth, and say that
 * another service's action is not checked yet.
 */
export interface ActionNames {
  /** Action names in AWS's casing, by lower-case service prefix. */
  readonly byService: ReadonlyMap<string, readonly string[]>;
  /** The same, lower-cased, for lookups. */
  readonly lowerByService: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Reads the action-names data (the parsed data/action-names.json). Throws when it does not fit the catalog. */
export function actionNamesFrom(data: unknown): ActionNames {
  const rn = asRawActionNames(data);
  if (rn.source.version !== raw.source.version) {
    throw new Error(
      `action-names.json is from iam-data ${rn.source.version} but services.json from ${raw.source.version}; run npm run data:update`,
    );
  }
  const lower = new Map<string, Set<string>>();
  const cased = new Map<string, readonly string[]>();
  for (const [svc, names] of Object.entries(rn.actions)) {
    lower.set(svc.toLowerCase(), new Set(names.map((n) => n.toLowerCase())));
    cased.set(svc.toLowerCase(), names);
  }
  return { byService: cased, lowerByService: lower };
}

let loading: Promise<ActionNames> | undefined;

/** Loads the action names of every service (a separate file, fetched once and shared). */
export function loadAllActionNames(): Promise<ActionNames> {
  // No import attribute here: Vite's dev server serves JSON as a JavaScript module, which a
  // `type: 'json'` attribute would make the browser refuse. Bundlers and tsx resolve it either way.
  loading ??= import('./data/action-names.json').then(
    (mod: { default: unknown }) => actionNamesFrom(mod.default),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/**
 * Whether AWS has this action (both parts case-insensitive). For a service
 * not described in depth the answer needs `names` (see `loadAllActionNames`):
 * without them it is `'unknown-yet'`. An unknown service prefix answers false.
 */
export function isKnownAction(service: string, name: string, names?: ActionNames): boolean | 'unknown-yet' {
  const svc = service.toLowerCase();
  const index = serviceIndex(svc);
  if (index) return index.actionsByLower.has(name.toLowerCase());
  if (!knownPrefixes().has(svc)) return false;
  if (!names) return 'unknown-yet';
  return names.lowerByService.get(svc)?.has(name.toLowerCase()) ?? false;
}

/** Action names (AWS casing) of a service, in depth or from `names`. */
export function actionNamesFor(service: string, names?: ActionNames): readonly string[] | undefined {
  const svc = service.toLowerCase();
  const index = serviceIndex(svc);
  if (index) return index.info.actions.map((a) => a.name);
  return names?.byService.get(svc);
}

// ------------------------------------------------------------ did you mean

function namedPrefixes(names: ActionNames | undefined): string[] {
  const out = loadedServicePrefixes();
  if (names) out.push(...names.byService.keys());
  return out;
}

/**
 * Known actions close to a mistyped one, best first, as `service:Name`:
 * `ecr:PutImages` gives `ecr:PutImage`, `ecr:getauthorizationtoken` gives
 * `ecr:GetAuthorizationToken`. A mistyped service prefix is corrected too.
 * Services not in depth need `names` (see `loadAllActionNames`).
 */
export function suggestActions(text: string, limit = 5, names?: ActionNames): string[] {
  const parts = splitAction(text.trim());
  if (!parts || limit <= 0) return [];
  const [svcText, nameText] = parts;
  const svc = svcText.toLowerCase();
  const name = nameText.toLowerCase();
  if (name === '' || hasWildcard(svc)) return [];

  let services: { prefix: string; cost: number }[];
  if (actionNamesFor(svc, names)) services = [{ prefix: svc, cost: 0 }];
  else {
    services = namedPrefixes(names)
      .map((prefix) => ({ prefix, cost: editDistance(svc, prefix, 2) }))
      .filter((s) => s.cost <= 2);
  }

  const max = Math.max(2, Math.floor(name.length / 3));
  const scored: { full: string; score: number }[] = [];
  for (const { prefix, cost } of services) {
    for (const candidate of actionNamesFor(prefix, names) ?? []) {
      const d = editDistance(name, candidate.toLowerCase(), max);
      if (d > max) continue;
      const full = `${prefix}:${candidate}`;
      if (full === text.trim()) continue;
      scored.push({ full, score: d + cost });
    }
  }
  scored.sort((a, b) => a.score - b.score || (a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.full);
}
