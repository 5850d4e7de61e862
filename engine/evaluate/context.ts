// The request context: the keys a request carries, given by the person or
// derived from the request as AWS derives them ("AWS global condition context keys").
import type { ContextLookup } from '../types';
import type { PrincipalInfo } from './principal';
import { principalType } from './principal';

export type ContextSource = 'request' | 'derived' | 'alias';

export interface ContextEntry {
  key: string;
  values: string[];
  source: ContextSource;
}

export interface ResourceInfo {
  /** The ARN parts, when the resource is an ARN. */
  partition?: string;
  service?: string;
  region?: string;
  account?: string;
}

export function resourceInfo(resource: string): ResourceInfo {
  if (!resource.startsWith('arn:')) return {};
  const parts = resource.split(':', 6);
  if (parts.length < 6) return {};
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3] || undefined,
    account: parts[4] || undefined,
  };
}

/** Services whose resource tags are also read as `<service>:ResourceTag/<key>`. */
const SERVICE_TAG_PREFIXES = new Set(['ecr', 'ecs']);

/**
 * Context keys AWS derives from the request, by lower-cased name. `now` fixes the clock
 * so a simulation is repeatable.
 */
export function derivedContext(principal: PrincipalInfo, resource: string, now: Date): ContextEntry[] {
  const out: ContextEntry[] = [];
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') out.push({ key, values: [value], source: 'derived' });
  };
  const iam = principal.kind !== 'service' && principal.kind !== 'federated' && principal.kind !== 'anonymous';
  if (iam) {
    add('aws:PrincipalArn', principal.kind === 'assumed-role' ? principal.roleArn : principal.arn);
    add('aws:PrincipalAccount', principal.account);
    add('aws:PrincipalType', principalType(principal));
    if (principal.kind === 'user') add('aws:username', principal.userName);
  }
  if (principal.kind === 'service') {
    add('aws:PrincipalServiceName', principal.service);
    add('aws:PrincipalIsAWSService', 'true');
  } else if (iam) {
    add('aws:PrincipalIsAWSService', 'false');
  }
  const r = resourceInfo(resource);
  add('aws:ResourceAccount', r.account);
  add('aws:RequestedRegion', r.region);
  add('aws:CurrentTime', now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  add('aws:EpochTime', String(Math.floor(now.getTime() / 1000)));
  add('aws:SecureTransport', 'true');
  add('aws:ViaAWSService', 'false');
  return out;
}

/** Maps `aws:ResourceTag/k` to `<service>:ResourceTag/k` and back, for ECR and ECS resources. */
function tagAlias(lowerKey: string, service: string | undefined): string | undefined {
  if (!service || !SERVICE_TAG_PREFIXES.has(service)) return undefined;
  if (lowerKey.startsWith('aws:resourcetag/')) return `${service}:resourcetag/${lowerKey.slice(16)}`;
  const prefix = `${service}:resourcetag/`;
  if (lowerKey.startsWith(prefix)) return `aws:resourcetag/${lowerKey.slice(prefix.length)}`;
  return undefined;
}

/** A case-insensitive view of the request's context keys. */
export class RequestContext implements ContextLookup {
  private readonly byKey = new Map<string, ContextEntry>();

  constructor(entries: Iterable<ContextEntry>, resourceService: string | undefined) {
    // Later entries win: derived keys first, then what the request gives.
    for (const e of entries) this.byKey.set(e.key.toLowerCase(), e);
    for (const [lower, e] of [...this.byKey]) {
      const alias = tagAlias(lower, resourceService);
      if (alias && !this.byKey.has(alias)) {
        const key = alias.startsWith('aws:') ? `aws:ResourceTag/${e.key.slice(e.key.indexOf('/') + 1)}` : `${resourceService}:ResourceTag/${e.key.slice(e.key.indexOf('/') + 1)}`;
        this.byKey.set(alias, { key, values: e.values, source: 'alias' });
      }
    }
  }

  get(key: string): readonly string[] | undefined {
    return this.byKey.get(key.toLowerCase())?.values;
  }

  has(key: string): boolean {
    return this.byKey.has(key.toLowerCase());
  }

  entries(): ContextEntry[] {
    return [...this.byKey.values()];
  }
}

/** Normalizes the request's context values (a string or a list of strings). */
export function requestEntries(context: Record<string, string | string[]> | undefined): ContextEntry[] {
  if (!context) return [];
  const out: ContextEntry[] = [];
  for (const [key, raw] of Object.entries(context)) {
    const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
    out.push({ key, values, source: 'request' });
  }
  return out;
}
