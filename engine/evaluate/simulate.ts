// simulate(): policies + request in, decision + why out. Never throws.
import { closeBudget, openBudget, TooCostly, withBudget } from '../match/budget.ts';
import { parsePolicy, policyText } from '../policy/parse.ts';
import { defaultPolicyName } from '../policy/kinds.ts';
import type { ParsedPolicy, PolicyKind, Range, Span } from '../types.ts';
import { Clock, lower, readGivenContext, RequestContext } from './context.ts';
import { memo } from '../source/memo.ts';
import { isRcpSupportedService } from '../catalog/index.ts';
import {
  actionMatches,
  compilePolicy,
  statementApplies,
  traceStatement,
  type CompiledPolicy,
  type PreparedRequest,
} from './compile.ts';
import { decide, type DecisionInputs, type DecisionOutcome } from './decide.ts';
import { decisionMessage, policyKindName } from './message.ts';
import { isIamIdentity, parsePrincipal, strongerMatch, type PrincipalInfo, type PrincipalMatchKind } from './principal.ts';
import { refusalsOf } from '../validate/validate.ts';
import type {
  Decision,
  EvaluationStep,
  Refusal,
  InputError,
  PolicyRef,
  PolicyTrace,
  SimulationInput,
  SimulationRequest,
  SimulationResult,
  StageName,
  StatementRef,
} from './result.ts';

export type PolicySetInput = Omit<SimulationInput, 'request'>;

/** A request without its action and resource: the caller and context that a grid of decisions shares. */
export type GridRequest = Omit<SimulationRequest, 'action' | 'resource'>;

/** Policies parsed and compiled once; evaluate as many requests against them as you like. */
export interface CompiledPolicySet {
  readonly policies: readonly CompiledPolicy[];
  /** Problems in the policies (syntax, types, unknown elements), with positions. */
  readonly errors: readonly InputError[];
  /** Whether AWS would accept every policy of the set as written (worked out on first read). */
  readonly accepted: boolean;
  /** The findings for which AWS would refuse a policy, with the policy and place (worked out on first read). */
  readonly refusals: readonly Refusal[];
  /** The decision alone: the fast path. */
  decide(request: SimulationRequest): Decision;
  /**
   * The decision of every action on every resource for one caller and context: the cell of
   * action `a` and resource `r` is at `a * resources.length + r`, and equals `decide` of that
   * request. The caller, the context and each action and resource are read once, not once
   * per cell.
   */
  decideGrid(request: GridRequest, actions: readonly string[], resources: readonly string[]): Decision[];
  /** The decision with the full trace. */
  simulate(request: SimulationRequest): SimulationResult;
}

/** The policies of one request by the role they play. Generic so a caller can carry its own data on each policy (whoCan does). */
export interface Groups<P extends CompiledPolicy = CompiledPolicy> {
  identity: P[];
  resource?: P;
  boundary?: P;
  session?: P;
  scps: P[];
  rcps: P[];
}

/** One policy, parsed, ready to compile: where it came from and what it says. */
export interface PolicySource {
  ref: PolicyRef;
  parsed: ParsedPolicy;
  /** Set when the input was neither JSON text nor an object: the policy says nothing. */
  notObject?: string;
}

/** A compiled set: the policies by the role they play, and what is wrong with them. */
export interface CompiledInput {
  groups: Groups;
  all: CompiledPolicy[];
  errors: InputError[];
  /** Refusing findings of every policy; computed once, when first asked for. */
  refusals(): Refusal[];
}

/** A refusal from a validator finding. */
export function refusalOf(ref: PolicyRef, d: { code: string; message: string; span: Span; range: Range }): Refusal {
  return { policy: ref, code: d.code, message: d.message, span: d.span, range: d.range };
}

/**
 * Compiles parsed policies into the groups the evaluation reads. Kinds a request is
 * evaluated with one of take the first given; the callers decide which take part.
 * `refusals` defaults to the refusing findings of the validator on each policy.
 */
export function compileSources(sources: readonly PolicySource[], refusals?: () => Refusal[]): CompiledInput {
  const all: CompiledPolicy[] = [];
  const errors: InputError[] = [];
  const groups: Groups = { identity: [], scps: [], rcps: [] };
  for (const source of sources) {
    const compiled = compilePolicy(source.parsed, source.ref);
    if (source.notObject) {
      // The parse of an empty text adds nothing useful: the one problem is what was given.
      compiled.errors.splice(0, compiled.errors.length, {
        code: 'policy-not-object',
        severity: 'error',
        message: source.notObject,
        span: { start: 0, end: 0 },
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        policy: source.ref,
      });
    }
    all.push(compiled);
    errors.push(...compiled.errors);
    const kind = source.ref.kind;
    if (kind === 'identity') groups.identity.push(compiled);
    else if (kind === 'scp') groups.scps.push(compiled);
    else if (kind === 'rcp') groups.rcps.push(compiled);
    else groups[kind] ??= compiled;
  }
  let found: Refusal[] | undefined;
  const refusalsOfAll = () => sources.flatMap((s, i) => (s.notObject ? [refusalOf(s.ref, all[i].errors[0])] : refusalsOfSource(s)));
  return { groups, all, errors, refusals: () => (found ??= (refusals ?? refusalsOfAll)()) };
}

/**
 * The refusing findings of one policy. They are read after `simulate` has returned (see
 * `withAcceptance`), where nothing may throw: a validator failure is a refusal, since the
 * policy's acceptance cannot be vouched for.
 */
function refusalsOfSource(s: PolicySource): Refusal[] {
  try {
    return refusalsOf(s.parsed).map((d) => refusalOf(s.ref, d));
  } catch (e) {
    const message = `The simulator could not check whether AWS accepts this policy: ${e instanceof Error ? e.message : String(e)}`;
    return [{ policy: s.ref, code: 'internal-error', message, span: { start: 0, end: 0 }, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }];
  }
}

/** The policies a slot of SimulationInput that takes many holds (a lone value is a list of one). */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The policy a slot of SimulationInput that takes one holds: none when it is undefined or null. */
export function asOne(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : [value];
}

/** A policy given as text or object, parsed. */
export function sourceOf(raw: unknown, ref: PolicyRef): PolicySource {
  const given = typeof raw === 'string' || (typeof raw === 'object' && raw !== null) ? policyText(raw) : { text: '', error: 'The policy must be JSON text or an object.' };
  return { ref, parsed: parsePolicy(given.text, ref.kind), notObject: given.error };
}

/** The slots of SimulationInput as sources, with refs named as the caller asked. */
function compileInput(input: PolicySetInput): CompiledInput {
  const sources: PolicySource[] = [];
  const add = (kind: PolicyKind, list: unknown[]) =>
    list.forEach((raw, index) => {
      // A display name that is not text (e.g. `{}` from a hand-made file) keeps the default name, never an object.
      const given: unknown = input.names?.[kind]?.[index];
      const name = typeof given === 'string' ? given : defaultPolicyName(kind, index);
      sources.push(sourceOf(raw, { kind, index, name, id: `${kind}:${index}` }));
    });
  add('identity', asList(input.identityPolicies));
  add('resource', asOne(input.resourcePolicy));
  add('boundary', asOne(input.permissionsBoundary));
  add('session', asOne(input.sessionPolicy));
  add('scp', asList(input.scps));
  add('rcp', asList(input.rcps));
  return compileSources(sources);
}

function requestError(field: InputError['field'], message: string): InputError {
  return {
    code: `request-${field}-invalid`,
    severity: 'error',
    message,
    span: { start: 0, end: 0 },
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    field,
  };
}

/** The time `now` names (ISO 8601 text or a Date), or the present when it names none. */
export function parseNow(now: string | Date | undefined): Date {
  if (now instanceof Date && !isNaN(now.getTime())) return now;
  if (typeof now === 'string') {
    const d = new Date(now);
    if (!isNaN(d.getTime())) return d;
  }
  return new Date();
}

/** Parsing principals is cheap, but requests repeat: remembered. */
const cachedPrincipal = memo(parsePrincipal, 500);

const ACTION_NAME = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/** Whether a (trimmed) action can be evaluated: `service:Action`, wildcards allowed. */
export function isActionName(action: string): boolean {
  return ACTION_NAME.test(action);
}

/** A request's fields as given: anything that is not an object reads as an empty request. */
function fieldsOf(request: unknown): Partial<SimulationRequest> {
  return (typeof request === 'object' && request !== null ? request : {}) as Partial<SimulationRequest>;
}

/** An action or resource as evaluated: trimmed text, or '' when it is not text. */
function trimmed(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Readies a request for evaluation, or says what is wrong with it. */
function prepare(request: SimulationRequest, groups: Groups, clock: Clock): PreparedRequest | InputError[] {
  const r = fieldsOf(request);
  const principalText = typeof r.principal === 'string' ? r.principal : '';
  const action = trimmed(r.action);
  const resource = trimmed(r.resource);
  const principal = cachedPrincipal(principalText);
  if (!principal || !ACTION_NAME.test(action) || resource === '') return requestErrors(principalText, principal, action, resource);
  const given = readGivenContext(r.context);
  if (typeof given === 'string') return [requestError('context', given)];
  const ctx = new RequestContext(r.context, principal, resource, clock, given);
  const req = blankRequest(principal, ctx);
  setCallerFacts(req, groups);
  setActionFacts(req, action, groups);
  setResourceFacts(req, resource, ctx, groups);
  return req;
}

/** A prepared request with no facts set yet: the setters below fill them in. */
export function blankRequest(principal: PrincipalInfo, ctx: RequestContext): PreparedRequest {
  return {
    principal,
    action: '',
    actionLower: '',
    resource: '',
    ctx,
    hasBoundary: false,
    crossAccount: false,
    trustPolicy: false,
    resourcePolicyOff: undefined,
    rcpOff: undefined,
    scpOff: undefined,
  };
}

// The facts of a prepared request, in three parts by what they depend on, so a caller
// that evaluates many requests (whoCan) sets each part once per caller, action or
// resource, with the same rules as `prepare`.

/** Sets what depends on the caller (and on which policies it has): `hasBoundary`, `scpOff`. */
export function setCallerFacts(req: PreparedRequest, groups: Groups<CompiledPolicy>): void {
  const iam = isIamIdentity(req.principal);
  req.hasBoundary = !!groups.boundary && iam;
  req.scpOff = groups.scps.length > 0 && !iam && req.principal.kind !== 'root' ? SCP_OFF : undefined;
}

/** Sets what depends on the (trimmed, valid) action: `action`, `actionLower`, `trustPolicy`, `rcpOff`. */
export function setActionFacts(req: PreparedRequest, action: string, groups: Groups<CompiledPolicy>): void {
  const actionLower = lower(action);
  req.action = action;
  req.actionLower = actionLower;
  req.trustPolicy = actionLower.startsWith('sts:');
  req.rcpOff = groups.rcps.length > 0 ? rcpOff(actionLower) : undefined;
}

/**
 * Sets what depends on the (trimmed) resource and the context made for it: `resource`,
 * `ctx`, `crossAccount`, `resourcePolicyOff`. `ctx` answers for the request's caller and
 * resource (aws:ResourceAccount may be given in the context and wins over the ARN's).
 */
export function setResourceFacts(req: PreparedRequest, resource: string, ctx: RequestContext, groups: Groups<CompiledPolicy>): void {
  const principal = req.principal;
  const resourceAccount = ctx.get('aws:ResourceAccount')?.[0] ?? principal.account;
  req.resource = resource;
  req.ctx = ctx;
  req.crossAccount = (isIamIdentity(principal) || principal.kind === 'root') && !!resourceAccount && !!principal.account && resourceAccount !== principal.account;
  req.resourcePolicyOff =
    groups.resource && resource === '*' ? 'The request is not for a specific resource (`*`), so no resource-based policy takes part.' : undefined;
}

/** AWS Organizations: "SCPs apply to principals of the account where the SCPs are attached". */
const SCP_OFF = 'Service control policies limit the IAM users and roles of member accounts (and their root users), never AWS service principals or identity providers.';

/** RCPs apply to the actions of the services AWS Organizations lists, and no others. */
function rcpOff(actionLower: string): string | undefined {
  const service = actionLower.slice(0, actionLower.indexOf(':'));
  return isRcpSupportedService(service) ? undefined : `Resource control policies do not apply to \`${service}\` actions.`;
}

function requestErrors(principalText: string, principal: PrincipalInfo | undefined, action: string, resource: string): InputError[] {
  const errors: InputError[] = [];
  if (!principal) {
    errors.push(
      requestError(
        'principal',
        principalText.trim() === ''
          ? 'Say who makes the request: an IAM user, role or assumed-role session ARN, an account, or a service principal.'
          : `\`${principalText}\` is not a principal AWS could authenticate; use an ARN such as \`arn:aws:iam::123456789012:role/ci\`, a 12-digit account, or a service principal such as \`ecs-tasks.amazonaws.com\`.`,
      ),
    );
  }
  if (!ACTION_NAME.test(action)) {
    errors.push(requestError('action', action === '' ? 'Say which action the request performs, e.g. `ecr:PutImage`.' : `\`${action}\` is not an action name; write it as \`service:Action\`, e.g. \`ecr:PutImage\`.`));
  }
  if (resource === '') errors.push(requestError('resource', 'Say which resource the request is for: an ARN, or `*`.'));
  return errors;
}



export interface Collected {
  denies: StatementRef[];
  allows: Map<PolicyKind, StatementRef[]>;
  /** How each applying Allow of the resource-based policy named the caller. */
  resourceAllowKinds: Map<StatementRef, PrincipalMatchKind>;
}

/** Mutable tally of one pass; reused fields keep the hot path free of closures. */
export interface Tally {
  explicitDeny: boolean;
  /** After a visit: the strongest way an applying Allow of that policy named the caller (read for the resource-based policy). */
  who: PrincipalMatchKind | undefined;
}

/**
 * What one policy says about a request: returns whether an Allow applies; sets
 * `tally.explicitDeny` when a Deny applies and `tally.who` to how the applying Allows
 * named the caller (the strongest). `visitPolicy` does it statement by statement;
 * whoCan answers from what it worked out for many requests at once.
 */
export type PolicyVisitor<P extends CompiledPolicy> = (policy: P | undefined, req: PreparedRequest, tally: Tally, collect?: Collected) => boolean;

/** Visits one policy's statements; returns whether an Allow applies (and records denies). */
function visitPolicy(policy: CompiledPolicy | undefined, req: PreparedRequest, tally: Tally, collect?: Collected): boolean {
  if (!policy) return false;
  let allow = false;
  tally.who = undefined;
  const statements = policy.statements;
  // Only the statements whose Action/NotAction covers the action, Deny statements first.
  const candidates = policy.candidates(req.actionLower);
  for (let c = 0; c < candidates.length; c++) {
    const cs = statements[candidates[c]];
    const m = statementApplies(cs, policy.kind, req, 1);
    if (!m) continue;
    if (cs.statement.effect?.value === 'Deny') {
      tally.explicitDeny = true;
      collect?.denies.push(cs.ref);
    } else {
      allow = true;
      tally.who = strongerMatch(tally.who, m);
      if (collect) {
        if (policy.kind === 'resource') collect.resourceAllowKinds.set(cs.ref, m);
        const list = collect.allows.get(policy.kind) ?? [];
        list.push(cs.ref);
        collect.allows.set(policy.kind, list);
      }
    }
  }
  return allow;
}

/**
 * The decision-only visitor: stops at the first applicable Deny and visits nothing after
 * it, since an explicit deny settles the decision whatever else applies (the other
 * inputs `gather` returns are then incomplete: read only the decision).
 */
function visitUntilDeny(policy: CompiledPolicy | undefined, req: PreparedRequest, tally: Tally): boolean {
  if (!policy || tally.explicitDeny) return false;
  let allow = false;
  tally.who = undefined;
  const statements = policy.statements;
  const candidates = policy.candidates(req.actionLower);
  for (let c = 0; c < candidates.length; c++) {
    const cs = statements[candidates[c]];
    const m = statementApplies(cs, policy.kind, req, 1);
    if (!m) continue;
    if (cs.statement.effect?.value === 'Deny') {
      tally.explicitDeny = true;
      return false;
    }
    allow = true;
    tally.who = strongerMatch(tally.who, m);
  }
  return allow;
}

const NO_LEVELS: boolean[] = [];

/**
 * One pass over every policy that takes part; gives the decision inputs (and, when asked,
 * the applying statements). The one home of which policies take part and how their
 * answers combine: whoCan calls it too, with its own `visit`.
 */
export function gather<P extends CompiledPolicy>(groups: Groups<P>, req: PreparedRequest, collect?: Collected, visit: PolicyVisitor<P> = visitPolicy): DecisionInputs {
  const tally: Tally = { explicitDeny: false, who: undefined };
  const resourceAllow = !req.resourcePolicyOff && visit(groups.resource, req, tally, collect) ? tally.who : undefined;
  let identityAllow = false;
  for (let i = 0; i < groups.identity.length; i++) if (visit(groups.identity[i], req, tally, collect)) identityAllow = true;
  const boundaryAllow = visit(groups.boundary, req, tally, collect);
  const sessionAllow = visit(groups.session, req, tally, collect);
  const scpAllows = groups.scps.length === 0 || req.scpOff ? NO_LEVELS : groups.scps.map((p) => visit(p, req, tally, collect));
  // RCPs count only through their Deny statements: RCPFullAWSAccess allows at every level.
  if (!req.rcpOff) for (let i = 0; i < groups.rcps.length; i++) visit(groups.rcps[i], req, tally, collect);
  const iam = isIamIdentity(req.principal);
  return {
    principalKind: req.principal.kind,
    crossAccount: req.crossAccount,
    explicitDeny: tally.explicitDeny,
    scpAllows,
    resourceAllow,
    trustPolicy: req.trustPolicy && !!groups.resource,
    identityAllow,
    boundaryPresent: !!groups.boundary && iam,
    boundaryAllow,
    sessionPresent: !!groups.session && iam,
    sessionAllow,
  };
}

const DENY_ORDER: PolicyKind[] = ['scp', 'rcp', 'identity', 'resource', 'boundary', 'session'];

function decisiveAllows(outcome: DecisionOutcome, inputs: DecisionInputs, collected: Collected): StatementRef[] {
  const of = (k: PolicyKind) => collected.allows.get(k) ?? [];
  const out: StatementRef[] = [];
  if (outcome.grantedBy === 'resource') {
    // The statements that granted in the way that carried the decision (a direct grant beats a role grant).
    out.push(...of('resource').filter((ref) => collected.resourceAllowKinds.get(ref) === inputs.resourceAllow));
    if (inputs.crossAccount || inputs.resourceAllow === 'role') out.push(...(inputs.crossAccount ? of('identity') : []), ...of('boundary'), ...of('session'));
  } else if (outcome.grantedBy === 'identity') {
    out.push(...of('identity'), ...of('boundary'), ...of('session'));
    if (inputs.resourceAllow === 'account') out.push(...of('resource'));
  }
  return out;
}

function steps(inputs: DecisionInputs, collected: Collected, groups: Groups, req: PreparedRequest): EvaluationStep[] {
  const of = (k: PolicyKind) => collected.allows.get(k) ?? [];
  const out: EvaluationStep[] = [];
  out.push(
    inputs.explicitDeny
      ? { stage: 'explicit-deny', outcome: 'deny', summary: 'A Deny statement applies; an explicit deny overrides every allow.', statements: collected.denies }
      : { stage: 'explicit-deny', outcome: 'pass', summary: 'No Deny statement applies.', statements: [] },
  );
  const levels = (stage: 'scp', allows: boolean[], label: string, labels: string) => {
    if (allows.length === 0) out.push({ stage, outcome: 'not-applicable', summary: `No ${labels} given.`, statements: [] });
    else if (allows.every(Boolean)) out.push({ stage, outcome: 'allow', summary: `Every ${label} level allows the action.`, statements: of(stage) });
    else {
      const missing = allows.filter((a) => !a).length;
      out.push({ stage, outcome: 'no-allow', summary: `${missing === 1 ? `One ${label}` : `${missing} ${labels}`} allow nothing that matches: implicit deny.`, statements: of(stage) });
    }
  };
  if (groups.rcps.length === 0) out.push({ stage: 'rcp', outcome: 'not-applicable', summary: 'No resource control policies given.', statements: [] });
  else if (req.rcpOff) out.push({ stage: 'rcp', outcome: 'not-applicable', summary: req.rcpOff, statements: [] });
  else out.push({ stage: 'rcp', outcome: 'pass', summary: 'RCPFullAWSAccess, attached at every level, allows everything; no Deny statement of the given RCPs applies.', statements: [] });
  if (req.scpOff) out.push({ stage: 'scp', outcome: 'not-applicable', summary: req.scpOff, statements: [] });
  else levels('scp', inputs.scpAllows, 'service control policy', 'service control policies');
  if (!groups.resource) out.push({ stage: 'resource', outcome: 'not-applicable', summary: 'No resource-based policy given.', statements: [] });
  else if (req.resourcePolicyOff) out.push({ stage: 'resource', outcome: 'not-applicable', summary: req.resourcePolicyOff, statements: [] });
  else if (inputs.resourceAllow)
    out.push({ stage: 'resource', outcome: 'allow', summary: resourceAllowWords(inputs), statements: of('resource') });
  else out.push({ stage: 'resource', outcome: 'no-allow', summary: 'The resource-based policy allows nothing that matches.', statements: [] });
  const chain = (stage: StageName, kind: PolicyKind, present: boolean, allow: boolean) => {
    if (!present) out.push({ stage, outcome: 'not-applicable', summary: `No ${policyKindName(kind)} given.`, statements: [] });
    else out.push({ stage, outcome: allow ? 'allow' : 'no-allow', summary: allow ? `The ${policyKindName(kind)} allows the action.` : `No ${policyKindName(kind)} allows the action.`, statements: of(kind) });
  };
  const iam = isIamIdentity(req.principal);
  if (iam) chain('identity', 'identity', true, inputs.identityAllow);
  else out.push({ stage: 'identity', outcome: 'not-applicable', summary: req.principal.kind === 'root' ? "The root user's own account grants it full access." : 'This caller has no identity-based policies.', statements: [] });
  chain('boundary', 'boundary', inputs.boundaryPresent, inputs.boundaryAllow);
  if (req.principal.kind === 'federated-user' && !inputs.sessionPresent) {
    out.push({
      stage: 'session',
      outcome: 'no-allow',
      summary: 'A federated user session (GetFederationToken) passed no session policy, so identity-based policies give it no permissions; only a resource-based policy that names the federated user can.',
      statements: [],
    });
  } else chain('session', 'session', inputs.sessionPresent, inputs.sessionAllow);
  return out;
}

function resourceAllowWords(i: DecisionInputs): string {
  switch (i.resourceAllow) {
    case 'account':
      return "The resource-based policy allows the caller's account, which delegates to the account's identity-based policies.";
    case 'role':
      return "The resource-based policy allows the caller's role; permissions boundaries and session policies still limit that grant.";
    default:
      return i.crossAccount ? 'The resource-based policy allows the caller (cross-account: the identity side must allow too).' : 'The resource-based policy allows the caller directly.';
  }
}

function missingKeys(all: CompiledPolicy[], req: PreparedRequest): string[] {
  const missing = new Map<string, string>();
  for (const p of all)
    for (const cs of p.statements) {
      if (cs.skipped || !actionMatches(cs, req)) continue;
      for (const k of cs.readsKeys()) if (!req.ctx.has(k) && !missing.has(k.toLowerCase())) missing.set(k.toLowerCase(), k);
    }
  return [...missing.values()].sort();
}

/** The result of one request; without `trace`, the decision alone (see `SimulationInput.trace`). */
function fullResult(set: CompiledInput, request: SimulationRequest, clock: Clock, trace = true): SimulationResult {
  const prepared = prepare(request, set.groups, clock);
  if (Array.isArray(prepared)) {
    return withAcceptance({
      decision: 'ImplicitDeny',
      decisiveStatements: [],
      decidingStage: 'input',
      message: `The request is incomplete: ${prepared.map((e) => e.message).join(' ')}`,
      steps: [{ stage: 'input', outcome: 'no-allow', summary: 'The request cannot be evaluated until it is complete.', statements: [] }],
      policies: set.all.map((p) => ({ ref: p.ref, parsed: !!p.parsed.policy, statements: [] })),
      missingContextKeys: [],
      context: [],
      crossAccount: false,
      errors: [...set.errors, ...prepared],
    }, set.refusals);
  }
  const req = prepared;
  const policies: PolicyTrace[] = set.all.map((p) => {
    const off = p.kind === 'resource' ? req.resourcePolicyOff : p.kind === 'rcp' ? req.rcpOff : p.kind === 'scp' ? req.scpOff : undefined;
    return {
      ref: p.ref,
      parsed: !!p.parsed.policy,
      statements: trace
        ? p.statements.map((cs) => {
            const t = traceStatement(cs, p.kind, req);
            // A policy that does not take part applies to nothing, whatever its statements say.
            return off ? { ...t, applies: false, skipped: t.skipped ?? 'the policy does not take part in this request' } : t;
          })
        : [],
      notApplicable: off,
    };
  });
  const collected: Collected = { denies: [], allows: new Map(), resourceAllowKinds: new Map() };
  const inputs = gather(set.groups, req, collected);
  const outcome = decide(inputs);
  const denyingKind = DENY_ORDER.find((k) => collected.denies.some((d) => d.policy.kind === k));
  const decisive = outcome.decision === 'ExplicitDeny' ? collected.denies : outcome.decision === 'Allow' ? decisiveAllows(outcome, inputs, collected) : [];
  return withAcceptance({
    decision: outcome.decision,
    decisiveStatements: decisive,
    decidingStage: outcome.stage,
    message: decisionMessage(outcome, { principal: req.principal.arn, action: req.action, resource: req.resource }, denyingKind),
    steps: trace ? steps(inputs, collected, set.groups, req) : [],
    policies,
    missingContextKeys: trace ? missingKeys(set.all, req) : [],
    context: trace ? req.ctx.entries() : [],
    principalKind: req.principal.kind,
    crossAccount: req.crossAccount,
    errors: set.errors.slice(),
  }, set.refusals, !trace);
}

/**
 * Adds `accepted` and `refusals`: plain data, so a result copies, serializes and crosses to
 * a worker whole. With `lazy` (the decision alone was asked for) they are worked out when
 * first read: the validator's refusing checks cost as much as the evaluation. They are then
 * own enumerable accessors that turn into data when read or assigned, so the result still
 * copies (spread), serializes (JSON) and crosses to a worker (structured clone) whole.
 */
function withAcceptance(result: Omit<SimulationResult, 'accepted' | 'refusals'>, refusals: () => Refusal[], lazy = false): SimulationResult {
  if (!lazy) {
    const found = refusals().slice();
    return { accepted: found.length === 0, refusals: found, ...result };
  }
  // The placeholders keep the keys' order; the accessors replace them in place.
  const out: Pending = { accepted: false, refusals: [], ...result };
  Object.defineProperty(out, PENDING, { value: refusals, writable: true });
  Object.defineProperties(out, ACCEPTANCE);
  return out;
}

const PENDING = Symbol('refusals to work out');
type Pending = SimulationResult & { [PENDING]?: () => Refusal[] };

/** Works out a lazy result's refusals and makes both fields plain data. */
function settle(r: Pending): Refusal[] {
  const found = r[PENDING]!().slice();
  const data = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: true, configurable: true });
  Object.defineProperties(r, { accepted: data(found.length === 0), refusals: data(found) });
  return found;
}

const ACCEPTANCE: PropertyDescriptorMap = {
  accepted: {
    enumerable: true,
    configurable: true,
    get(this: Pending) {
      return settle(this).length === 0;
    },
    set(this: Pending, value: boolean) {
      settle(this);
      this.accepted = value;
    },
  },
  refusals: {
    enumerable: true,
    configurable: true,
    get(this: Pending) {
      return settle(this);
    },
    set(this: Pending, value: Refusal[]) {
      settle(this);
      this.refusals = value;
    },
  },
};

/** Parses and compiles a set of policies once, for many requests. Never throws. */
export function compilePolicies(input: PolicySetInput): CompiledPolicySet {
  return policySetOf(compileInput(input ?? {}), input?.now);
}

/** A compiled set as callers use it: decide and simulate requests. `now` fixes the time. */
export function policySetOf(set: CompiledInput, now?: string | Date): CompiledPolicySet {
  return new PolicySet(set, now !== undefined ? new Clock(parseNow(now)) : undefined);
}

// A class, not an object literal with getters: V8 builds such literals slowly, and sets are made per edit.
class PolicySet implements CompiledPolicySet {
  readonly policies: readonly CompiledPolicy[];
  readonly errors: readonly InputError[];
  private readonly set: CompiledInput;
  private readonly clock: Clock | undefined;

  constructor(set: CompiledInput, clock: Clock | undefined) {
    this.set = set;
    this.clock = clock;
    this.policies = set.all;
    this.errors = set.errors;
  }

  get accepted(): boolean {
    return this.set.refusals().length === 0;
  }

  get refusals(): readonly Refusal[] {
    return this.set.refusals();
  }

  decide(request: SimulationRequest): Decision {
    const opened = openBudget();
    try {
      const req = prepare(request, this.set.groups, this.clock ?? new Clock());
      return Array.isArray(req) ? 'ImplicitDeny' : decide(gather(this.set.groups, req, undefined, visitUntilDeny)).decision;
    } catch {
      // Only a request too costly to match gets here (simulate says so): it is refused, never allowed.
      return 'ImplicitDeny';
    } finally {
      closeBudget(opened);
    }
  }

  decideGrid(request: GridRequest, actions: readonly string[], resources: readonly string[]): Decision[] {
    try {
      return withBudget(() => this.grid(request, actions, resources));
    } catch {
      // The grid shares one budget: past it, no cell is answered with confidence, so none is allowed.
      return blankGrid(actions, resources);
    }
  }

  private grid(request: GridRequest, actions: readonly string[], resources: readonly string[]): Decision[] {
    const cells = blankGrid(actions, resources);
    if (cells.length === 0) return cells;
    const r = fieldsOf(request);
    // What prepare() refuses for the whole grid (a caller or context it cannot read) leaves every cell ImplicitDeny, as decide() does.
    const principal = cachedPrincipal(typeof r.principal === 'string' ? r.principal : '');
    const given = readGivenContext(r.context);
    if (!principal || typeof given === 'string') return cells;
    const groups = this.set.groups;
    const clock = this.clock ?? new Clock();
    const req = blankRequest(principal, new RequestContext(r.context, principal, '*', clock, given));
    // Each action's facts, once; an action decide() would refuse stays ImplicitDeny.
    const facts = actions.map((a) => {
      const action = trimmed(a);
      if (!ACTION_NAME.test(action)) return undefined;
      setActionFacts(req, action, groups);
      return { action: req.action, actionLower: req.actionLower, trustPolicy: req.trustPolicy, rcpOff: req.rcpOff };
    });
    setCallerFacts(req, groups);
    for (let j = 0; j < resources.length; j++) {
      const resource = trimmed(resources[j]);
      if (resource === '') continue;
      setResourceFacts(req, resource, new RequestContext(r.context, principal, resource, clock, given), groups);
      for (let i = 0; i < facts.length; i++) {
        const f = facts[i];
        if (f === undefined) continue;
        req.action = f.action;
        req.actionLower = f.actionLower;
        req.trustPolicy = f.trustPolicy;
        req.rcpOff = f.rcpOff;
        cells[i * resources.length + j] = decide(gather(groups, req, undefined, visitUntilDeny)).decision;
      }
    }
    return cells;
  }

  simulate(request: SimulationRequest): SimulationResult {
    return safely(
      () => fullResult(this.set, request, this.clock ?? new Clock()),
      () => this.set,
    );
  }
}

/** A grid's cells before any is decided: every one ImplicitDeny (none, for lists that are not arrays). */
function blankGrid(actions: readonly string[], resources: readonly string[]): Decision[] {
  return new Array<Decision>(Array.isArray(actions) && Array.isArray(resources) ? actions.length * resources.length : 0).fill('ImplicitDeny');
}

/** Runs `run`, answering instead of throwing; `set` gives the policies a refused result still lists. */
function safely(run: () => SimulationResult, set: () => CompiledInput | undefined): SimulationResult {
  try {
    return withBudget(run);
  } catch (e) {
    if (e instanceof TooCostly) {
      const result = unevaluated('too-costly', e.message, `The request was not evaluated: ${e.message}`, 'The request was not evaluated: it is too costly to match.');
      result.policies = set()?.all.map((p) => ({ ref: p.ref, parsed: !!p.parsed.policy, statements: [] })) ?? [];
      return result;
    }
    // INVARIANT: simulate never throws; reaching this is a bug, reported as an error in the result.
    const message = `The simulator failed on this input: ${e instanceof Error ? e.message : String(e)}`;
    return unevaluated('internal-error', message, message);
  }
}

/**
 * A result for a request that was not evaluated, with the one error that says why: a request
 * whose matching ran past the work budget (refused as input, like an incomplete request), or a bug.
 */
function unevaluated(code: string, error: string, message: string, summary?: string): SimulationResult {
  return {
    accepted: false,
    refusals: [],
    decision: 'ImplicitDeny',
    decisiveStatements: [],
    decidingStage: 'input',
    message,
    steps: summary === undefined ? [] : [{ stage: 'input', outcome: 'no-allow', summary, statements: [] }],
    policies: [],
    missingContextKeys: [],
    context: [],
    crossAccount: false,
    errors: [{ code, severity: 'error', message: error, span: { start: 0, end: 0 }, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }],
  };
}

/** Evaluates one request against its policies, the way AWS would, with the full trace. Never throws. */
export function simulate(input: SimulationInput): SimulationResult {
  let set: CompiledInput | undefined;
  return safely(
    () => {
      const i = (typeof input === 'object' && input !== null ? input : {}) as SimulationInput;
      set = compileInput(i);
      return fullResult(set, i.request, new Clock(i.now === undefined ? undefined : parseNow(i.now)), i.trace !== false);
    },
    () => set,
  );
}
