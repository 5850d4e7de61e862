// simulate(): policies + request in, decision + why out. Never throws.
import { parsePolicy, policyText } from '../policy/parse';
import type { PolicyKind } from '../types';
import { derivedContext, RequestContext, requestEntries, resourceInfo } from './context';
import {
  actionMatches,
  compilePolicy,
  statementApplies,
  traceStatement,
  type CompiledPolicy,
  type PreparedRequest,
} from './compile';
import { decide, type DecisionInputs, type DecisionOutcome } from './decide';
import { decisionMessage, policyKindName } from './message';
import { isIamIdentity, parsePrincipal, strongerMatch, type PrincipalMatchKind } from './principal';
import type {
  Decision,
  EvaluationStep,
  InputError,
  PolicyRef,
  PolicyTrace,
  SimulationInput,
  SimulationRequest,
  SimulationResult,
  StageName,
  StatementRef,
} from './result';

export type PolicySetInput = Omit<SimulationInput, 'request'>;

const DEFAULT_NAMES: Record<PolicyKind, (i: number) => string> = {
  identity: (i) => `Identity policy ${i + 1}`,
  resource: () => 'Resource-based policy',
  boundary: () => 'Permissions boundary',
  scp: (i) => `SCP ${i + 1}`,
  rcp: (i) => `RCP ${i + 1}`,
  session: () => 'Session policy',
};

/** Policies parsed and compiled once; evaluate as many requests against them as you like. */
export interface CompiledPolicySet {
  readonly policies: readonly CompiledPolicy[];
  /** Problems in the policies (syntax, types, unknown elements), with positions. */
  readonly errors: readonly InputError[];
  /** The decision alone: the fast path. */
  decide(request: SimulationRequest): Decision;
  /** The decision with the full trace. */
  simulate(request: SimulationRequest): SimulationResult;
}

interface Groups {
  identity: CompiledPolicy[];
  resource?: CompiledPolicy;
  boundary?: CompiledPolicy;
  session?: CompiledPolicy;
  scps: CompiledPolicy[];
  rcps: CompiledPolicy[];
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function compileInput(input: PolicySetInput): { groups: Groups; all: CompiledPolicy[]; errors: InputError[] } {
  const all: CompiledPolicy[] = [];
  const errors: InputError[] = [];
  const make = (kind: PolicyKind, raw: unknown, index: number): CompiledPolicy => {
    const ref: PolicyRef = { kind, index, name: input.names?.[kind]?.[index] ?? DEFAULT_NAMES[kind](index) };
    const source = typeof raw === 'string' || (typeof raw === 'object' && raw !== null) ? policyText(raw) : { text: '', error: 'The policy must be JSON text or an object.' };
    const parsed = parsePolicy(source.text, kind);
    const compiled = compilePolicy(parsed, ref);
    if (source.error) {
      compiled.errors.unshift({
        code: 'policy-not-object',
        severity: 'error',
        message: source.error,
        span: { start: 0, end: 0 },
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        policy: ref,
      });
      compiled.errors.splice(1); // The parse of an empty text adds nothing useful.
    }
    all.push(compiled);
    errors.push(...compiled.errors);
    return compiled;
  };
  const single = (kind: PolicyKind, raw: unknown) => (raw === undefined || raw === null ? undefined : make(kind, raw, 0));
  const groups: Groups = {
    identity: asList(input.identityPolicies).map((p, i) => make('identity', p, i)),
    resource: single('resource', input.resourcePolicy),
    boundary: single('boundary', input.permissionsBoundary),
    session: single('session', input.sessionPolicy),
    scps: asList(input.scps).map((p, i) => make('scp', p, i)),
    rcps: asList(input.rcps).map((p, i) => make('rcp', p, i)),
  };
  return { groups, all, errors };
}

interface Prepared {
  req?: PreparedRequest;
  errors: InputError[];
  crossAccount: boolean;
  /** Why the resource-based policy does not take part, if it does not. */
  resourcePolicyOff?: string;
  trustPolicy: boolean;
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

function parseNow(now: string | Date | undefined): Date {
  if (now instanceof Date && !isNaN(now.getTime())) return now;
  if (typeof now === 'string') {
    const d = new Date(now);
    if (!isNaN(d.getTime())) return d;
  }
  return new Date();
}

function prepare(request: SimulationRequest, groups: Groups, now: Date): Prepared {
  const errors: InputError[] = [];
  const r = (typeof request === 'object' && request !== null ? request : {}) as Partial<SimulationRequest>;
  const principalText = typeof r.principal === 'string' ? r.principal : '';
  const action = typeof r.action === 'string' ? r.action.trim() : '';
  const resource = typeof r.resource === 'string' ? r.resource.trim() : '';
  const principal = parsePrincipal(principalText);
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
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) {
    errors.push(requestError('action', action === '' ? 'Say which action the request performs, e.g. `ecr:PutImage`.' : `\`${action}\` is not an action name; write it as \`service:Action\`, e.g. \`ecr:PutImage\`.`));
  }
  if (resource === '') errors.push(requestError('resource', 'Say which resource the request is for: an ARN, or `*`.'));
  if (!principal || errors.length > 0) return { errors, crossAccount: false, trustPolicy: false };

  const info = resourceInfo(resource);
  const given = requestEntries(r.context);
  const ctx = new RequestContext([...derivedContext(principal, resource, now), ...given], info.service);
  const resourceAccount = ctx.get('aws:ResourceAccount')?.[0] ?? principal.account;
  const crossAccount =
    (isIamIdentity(principal) || principal.kind === 'root') && !!resourceAccount && !!principal.account && resourceAccount !== principal.account;
  const trustPolicy = action.toLowerCase().startsWith('sts:');
  let resourcePolicyOff: string | undefined;
  if (groups.resource && resource === '*') {
    resourcePolicyOff = 'The request is not for a specific resource (`*`), so no resource-based policy takes part.';
  }
  return {
    req: {
      principal,
      action,
      actionLower: action.toLowerCase(),
      resource,
      ctx,
      hasBoundary: !!groups.boundary && isIamIdentity(principal),
    },
    errors,
    crossAccount,
    trustPolicy,
    resourcePolicyOff,
  };
}

interface Collected {
  denies: StatementRef[];
  allows: Map<PolicyKind, StatementRef[]>;
  /** How each applying Allow of the resource-based policy named the caller. */
  resourceAllowKinds: Map<StatementRef, PrincipalMatchKind>;
}

/** One pass over every statement; gives the decision inputs (and, when asked, the applying statements). */
function gather(groups: Groups, prep: Prepared, collect?: Collected): DecisionInputs {
  const req = prep.req!;
  let explicitDeny = false;
  const visit = (policy: CompiledPolicy | undefined): { allow: boolean; who?: PrincipalMatchKind } => {
    let allow = false;
    let who: PrincipalMatchKind | undefined;
    if (!policy) return { allow };
    for (const cs of policy.statements) {
      const m = statementApplies(cs, policy.kind, req);
      if (!m) continue;
      if (cs.statement.effect?.value === 'Deny') {
        explicitDeny = true;
        collect?.denies.push(cs.ref);
      } else {
        allow = true;
        who = strongerMatch(who, m);
        if (collect) {
          if (policy.kind === 'resource') collect.resourceAllowKinds.set(cs.ref, m);
          const list = collect.allows.get(policy.kind) ?? [];
          list.push(cs.ref);
          collect.allows.set(policy.kind, list);
        }
      }
    }
    return { allow, who };
  };
  const resource = prep.resourcePolicyOff ? { allow: false } : visit(groups.resource);
  let identityAllow = false;
  for (const p of groups.identity) if (visit(p).allow) identityAllow = true;
  const boundary = visit(groups.boundary);
  const session = visit(groups.session);
  const scpAllows = groups.scps.map((p) => visit(p).allow);
  const rcpAllows = groups.rcps.map((p) => visit(p).allow);
  return {
    principalKind: req.principal.kind,
    crossAccount: prep.crossAccount,
    explicitDeny,
    rcpAllows,
    scpAllows,
    resourceAllow: resource.allow ? resource.who : undefined,
    trustPolicy: prep.trustPolicy && !!groups.resource,
    identityAllow,
    boundaryPresent: !!groups.boundary && isIamIdentity(req.principal),
    boundaryAllow: boundary.allow,
    sessionPresent: !!groups.session && isIamIdentity(req.principal),
    sessionAllow: session.allow,
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

function steps(inputs: DecisionInputs, outcome: DecisionOutcome, collected: Collected, groups: Groups, prep: Prepared): EvaluationStep[] {
  const of = (k: PolicyKind) => collected.allows.get(k) ?? [];
  const out: EvaluationStep[] = [];
  out.push(
    inputs.explicitDeny
      ? { stage: 'explicit-deny', outcome: 'deny', summary: 'A Deny statement applies to the request; an explicit deny overrides every allow.', statements: collected.denies }
      : { stage: 'explicit-deny', outcome: 'pass', summary: 'No Deny statement applies.', statements: [] },
  );
  const levels = (stage: 'rcp' | 'scp', allows: boolean[], label: string) => {
    if (allows.length === 0) out.push({ stage, outcome: 'not-applicable', summary: `No ${label}s given.`, statements: [] });
    else if (allows.every(Boolean)) out.push({ stage, outcome: 'allow', summary: `Every ${label} level allows the action.`, statements: of(stage) });
    else out.push({ stage, outcome: 'no-allow', summary: `${allows.filter((a) => !a).length} ${label} level(s) allow nothing that matches: implicit deny.`, statements: of(stage) });
  };
  levels('rcp', inputs.rcpAllows, 'resource control policy');
  levels('scp', inputs.scpAllows, 'service control policy');
  if (!groups.resource) out.push({ stage: 'resource', outcome: 'not-applicable', summary: 'No resource-based policy given.', statements: [] });
  else if (prep.resourcePolicyOff) out.push({ stage: 'resource', outcome: 'not-applicable', summary: prep.resourcePolicyOff, statements: [] });
  else if (inputs.resourceAllow)
    out.push({ stage: 'resource', outcome: 'allow', summary: resourceAllowWords(inputs), statements: of('resource') });
  else out.push({ stage: 'resource', outcome: 'no-allow', summary: 'The resource-based policy allows nothing that matches.', statements: [] });
  const chain = (stage: StageName, kind: PolicyKind, present: boolean, allow: boolean) => {
    if (!present) out.push({ stage, outcome: 'not-applicable', summary: `No ${policyKindName(kind)} given.`, statements: [] });
    else out.push({ stage, outcome: allow ? 'allow' : 'no-allow', summary: allow ? `The ${policyKindName(kind)} allows the action.` : `No ${policyKindName(kind)} allows the action.`, statements: of(kind) });
  };
  const iam = isIamIdentity(prep.req!.principal);
  if (iam) chain('identity', 'identity', true, inputs.identityAllow);
  else out.push({ stage: 'identity', outcome: 'not-applicable', summary: prep.req!.principal.kind === 'root' ? "The root user's own account grants it full access." : 'This caller has no identity-based policies.', statements: [] });
  chain('boundary', 'boundary', inputs.boundaryPresent, inputs.boundaryAllow);
  chain('session', 'session', inputs.sessionPresent, inputs.sessionAllow);
  void outcome;
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
      for (const k of cs.readsKeys) if (!req.ctx.has(k) && !missing.has(k.toLowerCase())) missing.set(k.toLowerCase(), k);
    }
  return [...missing.values()].sort();
}

function fullResult(set: { groups: Groups; all: CompiledPolicy[]; errors: InputError[] }, request: SimulationRequest, now: Date): SimulationResult {
  const prep = prepare(request, set.groups, now);
  const errors = [...set.errors, ...prep.errors];
  const traces = (req?: PreparedRequest): PolicyTrace[] =>
    set.all.map((p) => ({
      ref: p.ref,
      parsed: !!p.parsed.policy,
      statements: req ? p.statements.map((cs) => traceStatement(cs, p.kind, req)) : [],
      notApplicable: p.kind === 'resource' ? prep.resourcePolicyOff : undefined,
    }));
  if (!prep.req) {
    const r = request as Partial<SimulationRequest> | undefined;
    return {
      decision: 'ImplicitDeny',
      decisiveStatements: [],
      decidingStage: 'input',
      message: `The request is incomplete: ${prep.errors.map((e) => e.message).join(' ')}`,
      steps: [{ stage: 'input', outcome: 'no-allow', summary: 'The request cannot be evaluated until it is complete.', statements: [] }],
      policies: traces(),
      missingContextKeys: [],
      context: [],
      crossAccount: false,
      errors,
      principalKind: undefined,
      ...(r ? {} : {}),
    };
  }
  const req = prep.req;
  const collected: Collected = { denies: [], allows: new Map(), resourceAllowKinds: new Map() };
  const inputs = gather(set.groups, prep, collected);
  const outcome = decide(inputs);
  const denyingKind = DENY_ORDER.find((k) => collected.denies.some((d) => d.policy.kind === k));
  const decisive = outcome.decision === 'ExplicitDeny' ? collected.denies : outcome.decision === 'Allow' ? decisiveAllows(outcome, inputs, collected) : [];
  return {
    decision: outcome.decision,
    decisiveStatements: decisive,
    decidingStage: outcome.stage,
    message: decisionMessage(outcome, { principal: req.principal.arn, action: req.action, resource: req.resource }, denyingKind),
    steps: steps(inputs, outcome, collected, set.groups, prep),
    policies: traces(req),
    missingContextKeys: missingKeys(set.all, req),
    context: req.ctx.entries(),
    principalKind: req.principal.kind,
    crossAccount: prep.crossAccount,
    errors,
  };
}

/** Parses and compiles a set of policies once, for many requests. Never throws. */
export function compilePolicies(input: PolicySetInput): CompiledPolicySet {
  const set = compileInput(input ?? {});
  const fixedNow = input?.now !== undefined ? parseNow(input.now) : undefined;
  return {
    policies: set.all,
    errors: set.errors,
    decide(request) {
      const prep = prepare(request, set.groups, fixedNow ?? new Date());
      if (!prep.req) return 'ImplicitDeny';
      return decide(gather(set.groups, prep)).decision;
    },
    simulate(request) {
      return safely(() => fullResult(set, request, fixedNow ?? new Date()));
    },
  };
}

function safely(run: () => SimulationResult): SimulationResult {
  try {
    return run();
  } catch (e) {
    // INVARIANT: simulate never throws; reaching this is a bug, reported as an error in the result.
    const message = `The simulator failed on this input: ${e instanceof Error ? e.message : String(e)}`;
    return {
      decision: 'ImplicitDeny',
      decisiveStatements: [],
      decidingStage: 'input',
      message,
      steps: [],
      policies: [],
      missingContextKeys: [],
      context: [],
      crossAccount: false,
      errors: [{ code: 'internal-error', severity: 'error', message, span: { start: 0, end: 0 }, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }],
    };
  }
}

/** Evaluates one request against its policies, the way AWS would, with the full trace. Never throws. */
export function simulate(input: SimulationInput): SimulationResult {
  return safely(() => {
    const i = (typeof input === 'object' && input !== null ? input : {}) as SimulationInput;
    const set = compileInput(i);
    return fullResult(set, i.request, parseNow(i.now));
  });
}
