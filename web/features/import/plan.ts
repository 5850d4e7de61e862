// What an import does to a workspace, as data the dialog shows and the two ways of
// applying it use: the policy tabs it adds, the request fields it sets, the tests it
// adds, and what it leaves out and why. Pure: no store, no DOM.
import { kindInfo, type ImportedPolicy, type ImportedPrincipal, type ImportSuccess, type PolicyKind, type SimulationRequest } from '../../../engine';
import type { Workspace } from '../../engine-extras';

type WorkspacePolicy = Workspace['policies'][number];
type WorkspaceTest = NonNullable<Workspace['tests']>[number];

/** Something of the import that the workspace will not get, and why (one sentence). */
export interface LeftOut {
  what: string;
  reason: string;
}

export interface ImportPlan {
  /** Policy tabs to open, in order. */
  policies: WorkspacePolicy[];
  /** Request fields the import sets (principal, action, resource). */
  request: Partial<Pick<SimulationRequest, 'principal' | 'action' | 'resource'>>;
  /** Context entries the import sets (the principal's tags, keys the output names). */
  context: Record<string, string | string[]>;
  /** Context keys to drop: the tags of a principal the import replaces. */
  dropContext: string[];
  tests: WorkspaceTest[];
  leftOut: LeftOut[];
  /** Things to know about the result, one sentence each. */
  notes: string[];
}

const PRINCIPAL_TAG = 'aws:principaltag/';

function sameKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function samePolicy(a: ImportedPolicy, b: ImportedPolicy): boolean {
  return a.kind === b.kind && a.name === b.name && a.text === b.text;
}

/** The short name of a role or user ARN, for people. */
export function principalName(arn: string): string {
  const m = /:(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? m[2] : arn;
}

export function principalType(p: ImportedPrincipal): 'role' | 'user' | undefined {
  return p.type ?? (/:role\//.test(p.arn) ? 'role' : /:user\//.test(p.arn) ? 'user' : undefined);
}

/**
 * The principal chosen when the dialog opens: the one the import names, else the one its
 * ready-made tests are about, else the first with policies, else the first.
 */
export function defaultPrincipal(r: ImportSuccess): string | null {
  const list = r.principals ?? [];
  if (list.length === 0) return null;
  const named = r.request?.principal ? list.find((p) => p.arn === r.request?.principal) : undefined;
  if (named) return named.arn;
  const tests = (arn: string) => (r.requests ?? []).filter((q) => q.principal === arn).length;
  const busiest = [...list].sort((a, b) => tests(b.arn) - tests(a.arn))[0];
  if (tests(busiest.arn) > 0) return busiest.arn;
  return (list.find((p) => p.policies.length > 0) ?? list[0]).arn;
}

function isSts(action: string | undefined): boolean {
  return typeof action === 'string' && /^sts:/i.test(action);
}

function kindWords(kind: PolicyKind): string {
  return kindInfo(kind).label.toLowerCase();
}

/**
 * The plan for an import: `principal` is the chosen role or user (null for none), `current`
 * the workspace it is applied to (its request decides whether a trust policy belongs).
 */
export function planImport(r: ImportSuccess, principal: string | null, current: Workspace): ImportPlan {
  const principals = r.principals ?? [];
  const chosen = principals.find((p) => p.arn === principal);
  const leftOut: LeftOut[] = [];
  const notes: string[] = [];

  const request: ImportPlan['request'] = {};
  for (const k of ['principal', 'action', 'resource'] as const) {
    const v = r.request?.[k];
    if (typeof v === 'string' && v !== '') request[k] = v;
  }
  if (chosen) request.principal = chosen.arn;
  const action = request.action ?? current.request.action;

  // Tags the output gives belong to the principal it names; another principal has its own.
  const context: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.request?.context ?? {})) {
    const ofOther = k.toLowerCase().startsWith(PRINCIPAL_TAG) && chosen && r.request?.principal !== chosen.arn;
    if (!ofOther) context[k] = v;
  }
  for (const [k, v] of Object.entries(chosen?.tags ?? {})) context[`aws:PrincipalTag/${k}`] = v;
  const principalChanges = request.principal !== undefined && request.principal !== current.request.principal;
  const dropContext = principalChanges
    ? Object.keys(current.request.context ?? {}).filter((k) => k.toLowerCase().startsWith(PRINCIPAL_TAG) && !Object.keys(context).some((c) => sameKey(c, k)))
    : [];

  // The chosen principal's own policies; a trust policy only decides who may assume the role.
  const trust: WorkspacePolicy[] = [];
  const own: WorkspacePolicy[] = [];
  for (const p of chosen?.policies ?? []) {
    if (p.kind === 'resource') {
      if (isSts(action)) trust.push(p);
      else {
        leftOut.push({
          what: p.name,
          reason: `A trust policy decides only who may assume the role (an \`sts:\` action), and the request is \`${action}\`, so it is not the request's resource policy.`,
        });
      }
    } else own.push(p);
  }
  if (trust.length > 0) notes.push(`The trust policy \`${trust[0].name}\` is the resource policy, because the request is \`${action}\`.`);

  // Policies no principal holds (a repository policy, an SCP) always come along.
  const held = principals.flatMap((p) => p.policies);
  const free = r.policies.filter((p) => !held.some((h) => samePolicy(h, p)));
  const others = principals.filter((p) => p !== chosen && p.policies.length > 0);
  if (others.length > 0) {
    const names = others.map((p) => `\`${principalName(p.arn)}\``).join(', ');
    leftOut.push({
      what: `the policies of ${others.length === 1 ? names : `${others.length} other principals (${names})`}`,
      reason: chosen ? `Only the chosen principal's policies decide its requests.` : 'No principal is chosen; choose one to bring its policies.',
    });
  }

  const policies = [...trust, ...own, ...free].map((p) => ({ kind: p.kind, name: p.name, text: p.text }));

  // A request is evaluated with one policy of some kinds: say which one takes part.
  const workspaceOrder = [...current.policies, ...policies];
  for (const p of policies) {
    if (kindInfo(p.kind).cardinality !== 'one') continue;
    const first = workspaceOrder.find((q) => q.kind === p.kind);
    if (first && first !== p) notes.push(`\`${p.name}\` is added, but a request is evaluated with one ${kindWords(p.kind)} and \`${first.name}\` comes first, so it is left out of the decision until that one is removed.`);
  }

  // Ready-made requests become tests: those of the chosen principal, and those asking to assume it when its trust policy is there.
  const tests: WorkspaceTest[] = [];
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const trustOf = (roleArn: string) => principals.find((p) => p.arn === roleArn)?.policies.some((q) => q.kind === 'resource');
  for (const q of r.requests ?? []) {
    const test: WorkspaceTest = {
      name: q.name,
      request: { principal: q.principal, action: q.action, resource: q.resource, ...(q.context && Object.keys(q.context).length ? { context: q.context } : {}) },
      expect: q.expect ?? 'Allow',
    };
    const assumes = isSts(q.action) && principals.some((p) => p.arn === q.resource);
    if (assumes) {
      if (q.resource !== chosen?.arn) skip('they ask to assume a role that is not the chosen principal');
      else if (!trustOf(q.resource)) skip('the import has no trust policy of the role they ask to assume');
      else if (trust.length === 0) skip(`they ask to assume the role, and its trust policy is left out while the request is \`${action}\``);
      else tests.push(test);
    } else if (principals.some((p) => p.arn === q.principal) && q.principal !== chosen?.arn) {
      skip('they are requests of another principal');
    } else tests.push(test);
  }
  for (const [reason, n] of skipped) leftOut.push({ what: n === 1 ? '1 ready-made test' : `${n} ready-made tests`, reason: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.` });

  if (request.principal && /^arn:[^:]+:iam::[^:]*:role\//.test(request.principal)) {
    notes.push('The principal is a role ARN: the simulator evaluates it as any session of the role.');
  }
  return { policies, request, context, dropContext, tests, leftOut, notes };
}

function withContext(base: Record<string, string | string[]>, plan: ImportPlan): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(base)) {
    if (plan.dropContext.some((d) => sameKey(d, k)) || Object.keys(plan.context).some((c) => sameKey(c, k))) continue;
    out[k] = v;
  }
  return { ...out, ...plan.context };
}

function requestWith(base: SimulationRequest, plan: ImportPlan, context: Record<string, string | string[]>): SimulationRequest {
  const { context: _old, ...rest } = base;
  return { ...rest, ...plan.request, ...(Object.keys(context).length ? { context } : {}) };
}

/** "Replace workspace": the import's policies and tests; request fields it does not give keep their values, context starts from the import's. */
export function replacedWorkspace(plan: ImportPlan, current: Workspace): Workspace {
  const ws: Workspace = { policies: plan.policies.map((p) => ({ ...p })), request: requestWith(current.request, plan, { ...plan.context }) };
  if (plan.tests.length) ws.tests = plan.tests.map((t) => ({ ...t }));
  return ws;
}

/** The request after "Add to workspace": the import's fields over the current ones, context merged. */
export function addedRequest(plan: ImportPlan, current: Workspace): SimulationRequest {
  return requestWith(current.request, plan, withContext(current.request.context ?? {}, plan));
}

/** Tests of the plan that the workspace does not already have (same name and request). */
export function newTests(plan: ImportPlan, current: Workspace): WorkspaceTest[] {
  const key = (t: WorkspaceTest) => JSON.stringify([t.name, t.request]);
  const have = new Set((current.tests ?? []).map(key));
  return plan.tests.filter((t) => !have.has(key(t)));
}

/** "Add to workspace" as a whole workspace: the current one with the plan's tabs, request fields and tests added. */
export function addedWorkspace(plan: ImportPlan, current: Workspace): Workspace {
  const tests = [...(current.tests ?? []), ...newTests(plan, current)];
  const ws: Workspace = { policies: [...current.policies, ...plan.policies], request: addedRequest(plan, current) };
  if (tests.length) ws.tests = tests;
  return ws;
}

/** One line per request field the plan changes, for the dialog: `[field, value]`. */
export function requestChanges(plan: ImportPlan, current: Workspace, mode: 'replace' | 'add'): Array<[string, string]> {
  const next = mode === 'add' ? addedRequest(plan, current) : replacedWorkspace(plan, current).request;
  const out: Array<[string, string]> = [];
  for (const k of ['principal', 'action', 'resource'] as const) if (plan.request[k] !== undefined) out.push([k, plan.request[k] as string]);
  for (const [k, v] of Object.entries(plan.context)) out.push([k, Array.isArray(v) ? v.join(', ') : v]);
  for (const k of Object.keys(current.request.context ?? {})) {
    if (!next.context || !(k in next.context)) out.push([k, '(removed)']);
  }
  return out;
}
