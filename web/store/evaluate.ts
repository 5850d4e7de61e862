// Runs the engine over the workspace: one compile, then the request, the policy
// tests and (when shown) the batch table. Pure: the store calls it after each edit.
import { compilePolicies, type PolicyKind, type SimulationInput, type SimulationRequest } from '../../engine';
import { listActions, validatePolicy, type AccessLevel, type Diagnostic } from '../engine-extras';
import type { BatchRow, BatchService, PolicyTab, ResultState, TestCase, TestOutcome } from './types';

/** Kinds the engine takes only one policy of; later tabs of that kind are left out. */
export const SINGLE_KINDS: ReadonlySet<PolicyKind> = new Set(['resource', 'boundary', 'session']);

export function refKey(kind: PolicyKind, index: number): string {
  return `${kind}:${index}`;
}

export interface PolicySet {
  input: Omit<SimulationInput, 'request'>;
  refIds: Record<string, string>;
  /** Tabs the engine does not see (a second resource policy, say). */
  ignored: Set<string>;
}

export function policySet(policies: readonly PolicyTab[]): PolicySet {
  const byKind: Record<PolicyKind, PolicyTab[]> = { identity: [], resource: [], boundary: [], scp: [], rcp: [], session: [] };
  const ignored = new Set<string>();
  for (const p of policies) {
    if (SINGLE_KINDS.has(p.kind) && byKind[p.kind].length > 0) ignored.add(p.id);
    else byKind[p.kind].push(p);
  }
  const refIds: Record<string, string> = {};
  const names: Partial<Record<PolicyKind, string[]>> = {};
  for (const kind of Object.keys(byKind) as PolicyKind[]) {
    byKind[kind].forEach((p, i) => (refIds[refKey(kind, i)] = p.id));
    if (byKind[kind].length > 0) names[kind] = byKind[kind].map((p) => p.name);
  }
  const text = (kind: PolicyKind) => byKind[kind][0]?.text;
  const input: Omit<SimulationInput, 'request'> = { names };
  if (byKind.identity.length) input.identityPolicies = byKind.identity.map((p) => p.text);
  if (byKind.scp.length) input.scps = byKind.scp.map((p) => p.text);
  if (byKind.rcp.length) input.rcps = byKind.rcp.map((p) => p.text);
  if (text('resource') !== undefined) input.resourcePolicy = text('resource');
  if (text('boundary') !== undefined) input.permissionsBoundary = text('boundary');
  if (text('session') !== undefined) input.sessionPolicy = text('session');
  return { input, refIds, ignored };
}

const LEVEL_ORDER: AccessLevel[] = ['List', 'Read', 'Write', 'Tagging', 'Permissions management'];

export function batchRequests(service: BatchService, request: SimulationRequest): { request: SimulationRequest; level: AccessLevel; description: string }[] {
  const actions = [...listActions(service)].sort(
    (a, b) => LEVEL_ORDER.indexOf(a.accessLevel) - LEVEL_ORDER.indexOf(b.accessLevel) || a.name.localeCompare(b.name),
  );
  return actions.map((a) => ({
    // An action with no resource types only works with "Resource": "*".
    request: { ...request, action: `${a.service}:${a.name}`, resource: a.resourceLevel ? request.resource : '*' },
    level: a.accessLevel,
    description: a.description,
  }));
}

/** Diagnostics cache: a policy is validated again only when its text, kind or resource account changed. */
const diagCache = new Map<string, { text: string; kind: PolicyKind; account: string | undefined; diagnostics: Diagnostic[] }>();

/** The account of the request's resource ARN: who owns the repository a resource policy guards. */
export function resourceAccountOf(request: SimulationRequest): string | undefined {
  const account = request.resource.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

export function diagnosticsFor(p: PolicyTab, request: SimulationRequest): Diagnostic[] {
  // A resource policy belongs to the request's resource: knowing its account lets the
  // validator flag grants of push actions to other accounts.
  const account = p.kind === 'resource' ? resourceAccountOf(request) : undefined;
  const hit = diagCache.get(p.id);
  if (hit && hit.text === p.text && hit.kind === p.kind && hit.account === account) return hit.diagnostics;
  let diagnostics: Diagnostic[];
  try {
    diagnostics = validatePolicy(p.text, p.kind, { resourceAccount: account });
  } catch (e) {
    // INVARIANT: the validator never throws; if it does, the decision must still show.
    console.error('validatePolicy failed', e);
    diagnostics = [];
  }
  diagCache.set(p.id, { text: p.text, kind: p.kind, account, diagnostics });
  return diagnostics;
}

export function forgetDiagnostics(keep: readonly PolicyTab[]): void {
  const ids = new Set(keep.map((p) => p.id));
  for (const id of diagCache.keys()) if (!ids.has(id)) diagCache.delete(id);
}

export interface EvaluateOptions {
  policies: readonly PolicyTab[];
  request: SimulationRequest;
  tests: readonly TestCase[];
  batchService: BatchService | null;
}

export type Evaluation = Omit<ResultState, 'evalSeq' | 'diagnostics'>;

export function evaluate(o: EvaluateOptions): Evaluation {
  const set = policySet(o.policies);
  const compiled = compilePolicies(set.input);
  const result = compiled.simulate(o.request);
  const testOutcomes: Record<string, TestOutcome> = {};
  for (const t of o.tests) {
    const actual = compiled.decide(t.request);
    testOutcomes[t.id] = { actual, pass: actual === t.expect };
  }
  const failingTests = o.tests.filter((t) => !testOutcomes[t.id].pass).length;
  let batch: BatchRow[] | null = null;
  if (o.batchService) {
    batch = batchRequests(o.batchService, o.request).map((b) => ({
      action: b.request.action,
      accessLevel: b.level,
      description: b.description,
      resource: b.request.resource,
      decision: compiled.decide(b.request),
    }));
  }
  const missing = new Set(result.missingContextKeys.map((k) => k.toLowerCase()));
  const seen = new Set<string>();
  const conditionKeys: Evaluation['conditionKeys'] = [];
  for (const p of result.policies) {
    for (const st of p.statements) {
      for (const c of st.conditions) {
        const lower = c.key.toLowerCase();
        if (seen.has(lower)) continue;
        seen.add(lower);
        conditionKeys.push({ key: c.key, missing: missing.has(lower) });
      }
    }
  }
  return { result, testOutcomes, failingTests, batch, refIds: set.refIds, ignored: [...set.ignored], conditionKeys, evalMs: 0 };
}
