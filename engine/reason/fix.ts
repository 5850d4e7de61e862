// suggestFixes: for an implicit deny, the smallest policy edit that allows exactly the
// request (in the policy of the stage that denied); for an explicit deny, the blocking
// statements and the request changes that would pass them.
import { getAction } from '../catalog/index.ts';
import type { SimulationRequest, SimulationResult, StageName, StatementRef } from '../evaluate/result.ts';
import { parsePrincipal } from '../evaluate/principal.ts';
import { LineIndex } from '../source/lines.ts';
import type { PolicyKind } from '../types.ts';
import { contextWords, shortArn } from './describe.ts';
import { budgetSpent } from '../match/budget.ts';
import { compileWorkspace, simulateIn, withinBudget } from './evaluate.ts';
import { buildSpace } from './space.ts';
import type { BlockingStatement, FixResult, ReasonOptions, SuggestedFix, Workspace } from './types.ts';

const STAGE_KIND: Partial<Record<StageName, PolicyKind>> = { identity: 'identity', boundary: 'boundary', resource: 'resource', session: 'session', scp: 'scp', rcp: 'rcp' };

interface PolicyJson {
  Version?: string;
  Statement?: Record<string, unknown>[] | Record<string, unknown>;
  [k: string]: unknown;
}

function asList(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The Resource a statement for this request names: `*` for an action that supports only `*`. */
function resourceFor(request: SimulationRequest): string {
  const info = getAction(request.action);
  return info && !info.resourceLevel ? '*' : request.resource;
}

/** The principal a resource policy names for the request's caller (the role of an assumed-role session). */
function principalFor(request: SimulationRequest): Record<string, string> {
  const p = parsePrincipal(request.principal);
  if (p?.kind === 'service') return { Service: request.principal };
  if (p?.kind === 'assumed-role' && p.roleArn) return { AWS: p.roleArn };
  return { AWS: p?.arn ?? request.principal };
}

function sidFor(action: string, taken: ReadonlySet<string>): string {
  const base = `Allow${action.split(':').map((part) => part.replace(/[^A-Za-z0-9]/g, '')).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`;
  let sid = base;
  for (let n = 2; taken.has(sid); n++) sid = `${base}${n}`;
  return sid;
}

/** The policy text with the request allowed: the action added to a statement that allows only this resource, else a new statement. */
function allowIn(text: string, kind: PolicyKind, request: SimulationRequest): { text: string; how: string } | undefined {
  let doc: PolicyJson;
  try {
    const v: unknown = text.trim() === '' ? { Version: '2012-10-17', Statement: [] } : JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    doc = v as PolicyJson;
  } catch {
    return undefined;
  }
  const statements = asList(doc.Statement) as Record<string, unknown>[];
  const resource = resourceFor(request);
  const needsPrincipal = kind === 'resource';
  const principal = principalFor(request);
  const samePrincipal = (s: Record<string, unknown>) => JSON.stringify(s.Principal) === JSON.stringify(principal);
  // A statement that would allow nothing but the added action on this resource, for this principal.
  const host = statements.find(
    (s) =>
      s.Effect === 'Allow' &&
      s.Action !== undefined &&
      s.NotAction === undefined &&
      s.Condition === undefined &&
      s.NotResource === undefined &&
      s.NotPrincipal === undefined &&
      (needsPrincipal ? samePrincipal(s) && (s.Resource === undefined || (asList(s.Resource).length === 1 && asList(s.Resource)[0] === resource)) : asList(s.Resource).length === 1 && asList(s.Resource)[0] === resource),
  );
  let how: string;
  if (host) {
    host.Action = [...asList(host.Action), request.action];
    how = `adds ${request.action} to statement ${typeof host.Sid === 'string' ? `\`${host.Sid}\`` : statements.indexOf(host)}, which allows only ${resource === '*' ? '`*`' : shortArn(resource)}`;
  } else {
    const sids = new Set(statements.map((s) => (typeof s.Sid === 'string' ? s.Sid : '')));
    const sid = sidFor(request.action, sids);
    const added: Record<string, unknown> = { Sid: sid, Effect: 'Allow' };
    if (needsPrincipal) added.Principal = principal;
    added.Action = request.action;
    // A repository policy's statements apply to its repository; they name no Resource.
    if (!needsPrincipal) added.Resource = resource;
    statements.push(added);
    how = `adds statement \`${sid}\` allowing ${request.action} on ${resource === '*' ? '`*`' : shortArn(resource)}${needsPrincipal ? ` for ${Object.values(principal)[0]}` : ''}`;
  }
  doc.Statement = statements;
  if (doc.Version === undefined) doc = { Version: '2012-10-17', ...doc };
  return { text: JSON.stringify(doc, null, 2), how };
}

/** The workspace position of a policy in a simulation's trace (analyzeWorkspace names policies by position). */
function positionOf(ref: StatementRef['policy']): number {
  return Number(ref.id);
}

/** The policy of `kind` to change: the first that takes part and has no applicable Allow. */
function targetPolicy(workspace: Workspace, result: SimulationResult, kind: PolicyKind): number | undefined {
  const traces = result.policies.filter((p) => p.ref.kind === kind && !p.notApplicable);
  const blocking = traces.find((p) => !p.statements.some((s) => s.applies && s.ref.effect === 'Allow'));
  if (blocking) return positionOf(blocking.ref);
  const first = workspace.policies.findIndex((p) => p.kind === kind);
  return first < 0 ? undefined : first;
}

function applyFix(workspace: Workspace, fix: SuggestedFix): Workspace {
  const policies = workspace.policies.slice();
  if (fix.policyIndex === undefined) policies.push({ kind: fix.kind, name: fix.policy, text: fix.text });
  else policies[fix.policyIndex] = { ...policies[fix.policyIndex], text: fix.text };
  return { ...workspace, policies };
}

/** A workspace with every fix applied in order (what "apply" does in the app). */
export function applyFixes(workspace: Workspace, fixes: readonly SuggestedFix[]): Workspace {
  return fixes.reduce(applyFix, workspace);
}

function conditionWords(workspace: Workspace, ref: StatementRef, result: SimulationResult): string | undefined {
  const trace = result.policies.find((p) => p.ref.id === ref.policy.id)?.statements.find((s) => s.ref.statementIndex === ref.statementIndex);
  const held = trace?.conditions.filter((c) => c.matched) ?? [];
  void workspace;
  return held.length === 0 ? undefined : held.map((c) => `${c.operator} ${c.key}`).join(' and ');
}

/** Requests one change away from `request` that this deny statement no longer blocks. */
function passingVariants(workspace: Workspace, request: SimulationRequest, ref: StatementRef, options: ReasonOptions): BlockingStatement['passWith'] {
  const space = buildSpace([workspace]);
  const set = compileWorkspace(workspace, options);
  const candidates: { request: SimulationRequest; change: string }[] = [];
  const keys = space.facts[0].statements.find((s) => s.policyIndex === positionOf(ref.policy) && s.statement.index === ref.statementIndex)?.keys ?? [];
  for (const k of keys) {
    const dim = space.contextByKey.get(k);
    for (const v of dim?.values ?? []) {
      const context = { ...(request.context ?? {}) };
      for (const key of Object.keys(context)) if (key.toLowerCase() === k) delete context[key];
      if (v.value !== undefined) context[dim?.key ?? k] = v.value;
      const next: SimulationRequest = { ...request, context };
      if (Object.keys(context).length === 0) delete next.context;
      candidates.push({ request: next, change: v.value === undefined ? `without ${dim?.key ?? k}` : `with ${contextWords({ [dim?.key ?? k]: v.value })}` });
    }
  }
  for (const p of space.principals) if (p.arn !== request.principal) candidates.push({ request: { ...request, principal: p.arn }, change: `as ${p.arn}` });
  for (const r of space.resourcesByAction[request.action] ?? []) {
    const arn = space.resources[r].arn;
    if (arn !== request.resource) candidates.push({ request: { ...request, resource: arn }, change: `on ${arn}` });
  }
  const out: BlockingStatement['passWith'] = [];
  for (const c of candidates) {
    if (out.length >= 5) break;
    const result = set.simulate(c.request);
    // Past the matching budget nothing more is known: a refused variant passes nothing.
    if (budgetSpent()) break;
    const stillBlocks = result.decision === 'ExplicitDeny' && result.decisiveStatements.some((s) => s.policy.id === ref.policy.id && s.statementIndex === ref.statementIndex);
    if (!stillBlocks) out.push({ ...c, decision: result.decision });
  }
  return out;
}

/** Fixes for a denied request; see FixResult. */
export function suggestFixes(workspace: Workspace, request: SimulationRequest, options: ReasonOptions = {}): FixResult {
  // One matching budget for every simulation below: a refused one says so in its message.
  return withinBudget(
    () => fixesWithin(workspace, request, options),
    () => ({ fixes: [], blocking: [], decision: 'ImplicitDeny', note: 'The request was not evaluated: matching grew too costly.' }),
  );
}

function fixesWithin(workspace: Workspace, request: SimulationRequest, options: ReasonOptions): FixResult {
  const opts: ReasonOptions = { ...options, now: options.now ?? new Date() };
  const first = simulateIn(workspace, request, opts);
  if (first.decision === 'Allow') return { fixes: [], blocking: [], decision: 'Allow', note: 'The request is allowed already.' };
  if (first.decision === 'ExplicitDeny') {
    const blocking: BlockingStatement[] = first.decisiveStatements.map((ref) => {
      const policyIndex = positionOf(ref.policy);
      const p = workspace.policies[policyIndex];
      const lines = new LineIndex(p?.text ?? '');
      return {
        policy: ref.policy.name,
        kind: ref.policy.kind,
        policyIndex,
        statementIndex: ref.statementIndex,
        sid: ref.sid,
        span: ref.span,
        range: { start: lines.position(ref.span.start), end: lines.position(ref.span.end) },
        condition: conditionWords(workspace, ref, first),
        passWith: passingVariants(workspace, request, ref, opts),
      };
    });
    return { fixes: [], blocking, decision: 'ExplicitDeny', note: 'An explicit deny cannot be outweighed by an Allow: change the Deny statement or the request.' };
  }
  // Implicit deny: allow in the policy of the denying stage; when another stage then denies
  // (a cross-account request needs both sides), fix that one too.
  const fixes: SuggestedFix[] = [];
  let current = workspace;
  let result = first;
  for (let round = 0; round < 6 && result.decision === 'ImplicitDeny'; round++) {
    const kind = STAGE_KIND[result.decidingStage];
    if (!kind) break;
    const index = targetPolicy(current, result, kind);
    const existing = index === undefined ? undefined : current.policies[index];
    const edit = allowIn(existing?.text ?? '', kind, request);
    if (!edit) break;
    const name = existing?.name ?? `allow-${request.action.replace(':', '-')}`;
    const fix: SuggestedFix = { policy: name, kind, text: edit.text, summary: `In ${name}: ${edit.how}.`, policyIndex: index, stage: result.decidingStage };
    fixes.push(fix);
    current = applyFix(current, fix);
    result = simulateIn(current, request, opts);
  }
  if (result.decision !== 'Allow') {
    return { fixes: [], blocking: [], decision: first.decision, note: `No edit of an identity, boundary, session, resource, SCP or RCP policy alone allows this request (${result.message}).` };
  }
  if (fixes.length > 1) {
    // Every edit is needed: say so on each, so applying one alone is not mistaken for enough.
    fixes.forEach((f, i) => (f.summary = `${f.summary} (edit ${i + 1} of ${fixes.length}; all are needed)`));
  }
  return { fixes, blocking: [], decision: first.decision };
}
