// edgeCases: requests on the edges of the workspace's own conditions and patterns,
// each with its decision, ready to add as policy tests.
import { expandAction } from '../catalog/index.ts';
import { parseOperator } from '../conditions/operators.ts';
import { parseDate, parseNumeric } from '../conditions/values.ts';
import type { SimulationRequest } from '../evaluate/result.ts';
import { parseArn } from '../match/arn.ts';
import { budgetSpent } from '../match/budget.ts';
import { compileWorkspace, withinBudget } from './evaluate.ts';
import { buildSpace, PRINCIPAL_KEYS, swapCase, type StatementFacts } from './space.ts';
import type { EdgeCase, EdgeKind, ReasonOptions, Workspace } from './types.ts';

function withKey(request: SimulationRequest, key: string, value: string | string[] | undefined): SimulationRequest {
  const context = { ...(request.context ?? {}) };
  for (const k of Object.keys(context)) if (k.toLowerCase() === key.toLowerCase()) delete context[k];
  if (value !== undefined) context[key] = value;
  const out: SimulationRequest = { principal: request.principal, action: request.action, resource: request.resource };
  if (Object.keys(context).length > 0) out.context = context;
  return out;
}

/** The request a statement is about: the workspace's, with the statement's action and resource when it does not cover those. */
function baseFor(s: StatementFacts, request: SimulationRequest): SimulationRequest {
  let action = request.action;
  if (!s.action(action)) {
    const named = (s.statement.action ?? []).map((a) => a.value);
    action = named.map((a) => (/[*?]/.test(a) ? expandAction(a).map((i) => `${i.service}:${i.name}`)[0] : a)).find((a): a is string => a !== undefined) ?? action;
  }
  let resource = request.resource;
  if (!s.resource(resource)) {
    const pattern = (s.statement.resource ?? []).map((r) => r.value)[0];
    if (pattern) resource = pattern.replace(/\$\{[^}]*\}/g, 'v').replace(/\*/g, 'x').replace(/\?/g, 'x');
  }
  return { ...request, action, resource };
}

function shift(value: string, type: 'Numeric' | 'Date', by: number): string | undefined {
  if (type === 'Numeric') return parseNumeric(value) === undefined ? undefined : String(Number(value) + by);
  const ms = parseDate(value);
  return ms === undefined ? undefined : new Date(ms + by * 1000).toISOString();
}

/** Edge-case requests of a workspace, each with its decision and why; no two alike. */
export function edgeCases(workspace: Workspace, options: ReasonOptions = {}): EdgeCase[] {
  // One matching budget for every proposal; past it, no more are proposed (see add).
  return withinBudget(
    () => edgeCasesWithin(workspace, options),
    () => [],
  );
}

function edgeCasesWithin(workspace: Workspace, options: ReasonOptions): EdgeCase[] {
  const opts: ReasonOptions = { ...options, now: options.now ?? new Date() };
  const space = buildSpace([workspace]);
  const set = compileWorkspace(workspace, opts);
  const out: EdgeCase[] = [];
  const seen = new Set<string>();
  const add = (request: SimulationRequest, kind: EdgeKind, why: string, name: string) => {
    // One proposal per request and kind: the same request may sit on two edges (an IfExists key and another key both absent).
    const key = `${kind} ${JSON.stringify(request)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const decision = set.decide(request);
    // A refused request is no edge case: its decision was not evaluated.
    if (budgetSpent()) return;
    out.push({ request, decision, why: `${why}: ${decision}.`, kind, name });
  };
  const request = workspace.request;
  for (const s of space.facts[0]?.statements ?? []) {
    const label = s.statement.sid?.value ?? `statement ${s.statement.index}`;
    const base = baseFor(s, request);
    for (const c of s.statement.condition ?? []) {
      const key = c.key.value;
      // The simulator derives these from the principal: a request cannot leave them out.
      if (PRINCIPAL_KEYS.has(key.toLowerCase())) continue;
      const op = parseOperator(c.operator.value);
      const values = c.values.map((v) => v.value);
      const dim = space.contextByKey.get(key.toLowerCase());
      const where = `${c.operator.value} ${key} in ${s.policyName} ${label}`;
      add(withKey(base, key, undefined), op?.ifExists ? 'if-exists-absent' : op?.base.negated ? 'negated-absent' : 'key-missing', `${key} missing, for ${where}${op?.ifExists ? ' (IfExists: a missing key matches)' : op?.base.negated ? ' (a negated operator matches a missing key)' : ''}`, `${key} missing`);
      if (dim?.multiValued || op?.set) add(withKey(base, key, []), 'empty-set', `${key} as an empty set, for ${where}${op?.set === 'ForAllValues' ? ' (ForAllValues holds for an empty set)' : ''}`, `${key} empty`);
      const type = op?.base.valueType;
      for (const v of values) {
        if (v.includes('${')) continue;
        const asValue = (x: string) => (dim?.multiValued || op?.set ? [x] : x);
        if (type === 'String' && !op?.base.wildcards) {
          const variant = swapCase(v);
          if (variant) add(withKey(base, key, asValue(variant)), 'case-variant', `${key} = ${variant}, a case variant of ${v}, for ${where}${op?.base.ignoreCase ? ' (IgnoreCase: the same value)' : ' (values are case-sensitive)'}`, `${key} = ${variant}`);
          add(withKey(base, key, asValue(v)), 'case-variant', `${key} = ${v} exactly, for ${where}`, `${key} = ${v}`);
        }
        if (type === 'Numeric' || type === 'Date') {
          for (const by of [-1, 0, 1]) {
            const x = shift(v, type, by);
            if (x !== undefined) add(withKey(base, key, asValue(by === 0 ? v : x)), type === 'Numeric' ? 'numeric-bound' : 'date-bound', `${key} = ${by === 0 ? v : x}, ${by === 0 ? 'on' : by < 0 ? 'just below' : 'just above'} the bound ${v}, for ${where}`, `${key} = ${by === 0 ? v : x}`);
          }
        }
      }
    }
  }
  // ECS task definitions: with and without a revision, for the workspace's task-definition ARNs and patterns.
  const taskDefs = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.matchAll(/arn:aws:ecs:[^:"]*:[^:"]*:task-definition\/[^"\s,]+/g)) taskDefs.add(m[0]);
  };
  scan(request.resource);
  for (const p of workspace.policies) scan(p.text);
  for (const t of taskDefs) {
    const name = t.slice(t.indexOf('task-definition/'));
    const family = name.includes(':') ? name.slice(0, name.indexOf(':')) : name;
    const bare = (t.slice(0, t.indexOf('task-definition/')) + family).replace(/[*?]/g, 'x');
    const withRevision = `${bare}:1`;
    const action = request.action.startsWith('ecs:') ? request.action : 'ecs:RunTask';
    add({ ...request, action, resource: withRevision }, 'task-definition-revision', `${shortTd(withRevision)} names a revision, for ${t}`, `${shortTd(withRevision)}`);
    add({ ...request, action, resource: bare }, 'task-definition-revision', `${shortTd(bare)} names no revision, for ${t}`, `${shortTd(bare)}`);
  }
  // The same request from another account.
  const arn = parseArn(request.principal);
  if (arn) add({ ...request, principal: `arn:aws:iam::${space.otherAccount}:role/other-account` }, 'other-account', `The workspace's request from another account (${space.otherAccount})`, 'from another account');
  return out;
}

function shortTd(arn: string): string {
  return arn.slice(arn.indexOf('task-definition/'));
}
