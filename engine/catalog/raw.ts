// The compact layout scripts/build-catalog.mjs writes to data/*.json, and its
// decoding into the public types. See the header of that script for the layout.

import type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  CatalogDataVersion,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
} from './types.ts';

/** Layout version this loader reads. */
export const CATALOG_FORMAT = 1;

type RawLevel = 'L' | 'R' | 'W' | 'T' | 'P';
type RawActionResource = [name: string, required: 0 | 1] | [name: string, required: 0 | 1, keys: number[]];
type RawAction = [level: RawLevel, description: string, resources: RawActionResource[], keys: number[]];

export interface RawService {
  name: string;
  keyRefs: string[];
  keys: Record<string, [type: string, description: string]>;
  resources: Record<string, [arnFormat: string, keys: number[]]>;
  actions: Record<string, RawAction>;
}

export interface RawCatalog {
  format: number;
  source: CatalogDataVersion;
  prefixes: string[];
  /** Services whose actions resource control policies apply to. */
  rcpServices: string[];
  globalKeys: Record<string, [type: string, description: string, category: string]>;
  services: Record<string, RawService>;
}

export interface RawActionNames {
  format: number;
  source: CatalogDataVersion;
  actions: Record<string, string[]>;
}

const LEVELS: Record<RawLevel, AccessLevel> = {
  L: 'List',
  R: 'Read',
  W: 'Write',
  T: 'Tagging',
  P: 'Permissions management',
};

const GRANTS = 'Grants permission to ';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkHeader(v: unknown, what: string): asserts v is { format: number; source: CatalogDataVersion } {
  if (!isObject(v) || v.format !== CATALOG_FORMAT || !isObject(v.source) || typeof v.source.version !== 'string') {
    throw new Error(`${what}: not catalog data of format ${CATALOG_FORMAT}; run npm run data:update`);
  }
}

export function asRawCatalog(v: unknown): RawCatalog {
  checkHeader(v, 'services.json');
  return v as unknown as RawCatalog;
}

export function asRawActionNames(v: unknown): RawActionNames {
  checkHeader(v, 'action-names.json');
  if (!isObject((v as Record<string, unknown>).actions)) throw new Error('action-names.json: no actions map');
  return v as unknown as RawActionNames;
}

export function decodeDescription(text: string): string {
  return text.startsWith('+') ? GRANTS + text.slice(1) : text;
}

export function decodeAction(service: string, name: string, raw: RawAction, keyRefs: readonly string[]): ActionInfo {
  const keys = (list: readonly number[]): string[] => list.map((i) => keyRefs[i] ?? '');
  const resourceTypes: ActionResourceType[] = raw[2].map((r) => ({
    name: r[0],
    required: r[1] === 1,
    conditionKeys: r.length === 3 ? keys(r[2]) : [],
  }));
  return {
    service,
    name,
    description: decodeDescription(raw[1]),
    accessLevel: LEVELS[raw[0]],
    resourceTypes,
    conditionKeys: keys(raw[3]),
    resourceLevel: resourceTypes.length > 0,
  };
}

export function decodeResourceType(
  service: string,
  name: string,
  raw: [string, number[]],
  keyRefs: readonly string[],
): ResourceTypeInfo {
  return { service, name, arnFormat: raw[0], conditionKeys: raw[1].map((i) => keyRefs[i] ?? '') };
}

export function decodeConditionKey(
  name: string,
  type: string,
  description: string,
  extra: { global: boolean; service?: string; category?: string },
): ConditionKeyInfo {
  const info: ConditionKeyInfo = {
    name,
    type: type as ConditionKeyType,
    description,
    multiValued: type.startsWith('ArrayOf'),
    global: extra.global,
    templated: name.includes('${'),
  };
  if (extra.service !== undefined) info.service = extra.service;
  if (extra.category !== undefined) info.category = extra.category;
  return info;
}
