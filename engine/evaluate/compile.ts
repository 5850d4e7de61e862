// Policies compiled once into matchers, then evaluated against many requests.
// The fast path (`statementApplies`) and the traced path (`traceStatement`) share
// the same compiled matchers, so they cannot disagree about what matches.
import { compileCondition, type CompiledCondition } from '../conditions/evaluate';
import { compileResourcePattern } from '../match/arn';
import { parseTemplate, resolveTemplate, templateHasVariables, templateVariables, type Template } from '../match/variables';
import { compileWildcard } from '../match/wildcard';
import type { Located, ParsedPolicy, PolicyKind, PrincipalBlock, Statement } from '../types';
import { LineIndex } from '../source/lines';
import type { RequestContext } from './context';
import {
  principalIdentities,
  principalValueMatch,
  strongerMatch,
  type PrincipalInfo,
  type PrincipalMatchKind,
} from './principal';
import type { ElementTrace, InputError, PolicyRef, StatementRef, StatementTrace } from './result';

/** A request made ready for evaluation: parsed once, matched against every statement. */
export interface PreparedRequest {
  principal: PrincipalInfo;
  action: string;
  /** Lower-cased: action names are case-insensitive. */
  actionLower: string;
  resource: string;
  ctx: RequestContext;
  /** The caller has a permissions boundary (changes how NotPrincipal with Deny behaves). */
  hasBoundary: boolean;
}

interface ValueMatcher {
  value: Located<string>;
  test(subject: string, ctx: RequestContext): boolean;
}

export interface CompiledStatement {
  ref: StatementRef;
  statement: Statement;
  actionElement?: 'Action' | 'NotAction';
  actions: ValueMatcher[];
  resourceElement?: 'Resource' | 'NotResource';
  resources: ValueMatcher[];
  principalElement?: 'Principal' | 'NotPrincipal';
  principal?: PrincipalBlock;
  conditions: CompiledCondition[];
  /** Context keys the statement reads (condition keys and policy variables). */
  readsKeys: string[];
  /** Why the statement cannot take part, if it cannot. */
  skipped?: string;
}

export interface CompiledPolicy {
  ref: PolicyRef;
  kind: PolicyKind;
  parsed: ParsedPolicy;
  statements: CompiledStatement[];
  errors: InputError[];
}

/** Principal and Resource elements mean different things per policy kind. */
const ATTACHED_TO_RESOURCE: ReadonlySet<PolicyKind> = new Set(['resource', 'rcp']);

function compileAction(value: Located<string>): ValueMatcher {
  const test = compileWildcard(value.value.toLowerCase());
  return { value, test: (actionLower) => test(actionLower) };
}

function compileResource(value: Located<string>, variables: boolean): ValueMatcher {
  const template: Template | undefined = variables ? parseTemplate(value.value, { variables: true }) : undefined;
  if (!template || template.parts.every((p) => p.kind === 'text')) {
    const test = compileResourcePattern(value.value);
    return { value, test: (resource) => test(resource) };
  }
  if (!templateHasVariables(template)) {
    // Only escapes such as ${*}: resolve once, they stand for literal characters.
    const test = compileResourcePattern(resolveTemplate(template, () => undefined) ?? value.value);
    return { value, test: (resource) => test(resource) };
  }
  // Variables resolve per request; remember the last resolution, as requests repeat.
  let lastKey: string | undefined;
  let lastTest: ((r: string) => boolean) | undefined;
  return {
    value,
    test: (resource, ctx) => {
      const pieces = resolveTemplate(template, (k) => ctx.get(k));
      if (!pieces) return false; // A missing variable makes the element not match.
      const key = JSON.stringify(pieces);
      if (key !== lastKey || !lastTest) {
        lastKey = key;
        lastTest = compileResourcePattern(pieces);
      }
      return lastTest(resource);
    },
  };
}

function statementRef(policy: PolicyRef, st: Statement, lines: LineIndex): StatementRef {
  return {
    policy,
    statementIndex: st.index,
    sid: st.sid?.value,
    effect: st.effect?.value ?? 'Deny',
    span: st.span,
    range: lines.range(st.span),
  };
}

/** Compiles one parsed policy. Never throws. */
export function compilePolicy(parsed: ParsedPolicy, ref: PolicyRef): CompiledPolicy {
  const lines = new LineIndex(parsed.text);
  const errors: InputError[] = parsed.errors.map((e) => ({ ...e, policy: ref }));
  const doc = parsed.policy;
  const variables = doc?.version?.value === '2012-10-17';
  const statements: CompiledStatement[] = (doc?.statements ?? []).map((st) => {
    const readsKeys = new Set<string>();
    const cs: CompiledStatement = {
      ref: statementRef(ref, st, lines),
      statement: st,
      actions: [],
      resources: [],
      conditions: [],
      readsKeys: [],
    };
    if (!st.effect) cs.skipped = 'it has no valid Effect';
    if (st.action) {
      cs.actionElement = 'Action';
      cs.actions = st.action.map(compileAction);
    } else if (st.notAction) {
      cs.actionElement = 'NotAction';
      cs.actions = st.notAction.map(compileAction);
    } else cs.skipped ??= 'it has neither Action nor NotAction';
    const resources = st.resource ?? st.notResource;
    if (resources) {
      cs.resourceElement = st.resource ? 'Resource' : 'NotResource';
      cs.resources = resources.map((r) => compileResource(r, variables));
      if (variables) {
        for (const r of resources) for (const k of templateVariables(parseTemplate(r.value, { variables: true }))) readsKeys.add(k);
      }
    } else if (!ATTACHED_TO_RESOURCE.has(parsed.kind) && parsed.kind !== 'scp') {
      cs.skipped ??= 'it has neither Resource nor NotResource';
    }
    if (st.principal) {
      cs.principalElement = 'Principal';
      cs.principal = st.principal;
    } else if (st.notPrincipal) {
      cs.principalElement = 'NotPrincipal';
      cs.principal = st.notPrincipal;
    } else if (parsed.kind === 'resource') {
      cs.skipped ??= 'a resource-based policy statement needs a Principal or NotPrincipal';
    }
    for (const c of st.condition ?? []) {
      const compiled = compileCondition(c, { variables });
      cs.conditions.push(compiled);
      readsKeys.add(c.key.value);
      if (variables) for (const v of c.values) for (const k of templateVariables(parseTemplate(v.value, { variables: true }))) readsKeys.add(k);
    }
    cs.readsKeys = [...readsKeys];
    return cs;
  });
  return { ref, kind: parsed.kind, parsed, statements, errors };
}

function firstMatch(matchers: ValueMatcher[], subject: string, ctx: RequestContext): number {
  for (let i = 0; i < matchers.length; i++) if (matchers[i].test(subject, ctx)) return i;
  return -1;
}

/** Does the statement's Action/NotAction cover the request's action? */
export function actionMatches(cs: CompiledStatement, req: PreparedRequest): boolean {
  if (!cs.actionElement) return false;
  const hit = firstMatch(cs.actions, req.actionLower, req.ctx) >= 0;
  return cs.actionElement === 'Action' ? hit : !hit;
}

function resourceMatches(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): boolean {
  if (!cs.resourceElement) return ATTACHED_TO_RESOURCE.has(kind) || kind === 'scp';
  const hit = firstMatch(cs.resources, req.resource, req.ctx) >= 0;
  return cs.resourceElement === 'Resource' ? hit : !hit;
}

function principalMatch(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): PrincipalMatchKind | undefined {
  // Identity policies, boundaries, session policies and SCPs apply to the identity they are attached to.
  if (!ATTACHED_TO_RESOURCE.has(kind)) return 'self';
  const block = cs.principal;
  if (!block) return kind === 'rcp' ? 'everyone' : undefined;
  if (cs.principalElement === 'Principal') {
    if (block.wildcard) return 'everyone';
    let best: PrincipalMatchKind | undefined;
    for (const e of block.entries) for (const v of e.values) best = strongerMatch(best, principalValueMatch(e.type.value, v.value, req.principal));
    return best;
  }
  return notPrincipalExcludes(cs, req) ? undefined : 'everyone';
}

/** NotPrincipal leaves the caller out only when it lists every name AWS may check: caller, role, account. */
function notPrincipalExcludes(cs: CompiledStatement, req: PreparedRequest): boolean {
  const block = cs.principal;
  if (!block || block.wildcard) return !!block?.wildcard;
  // AWS: a Deny with NotPrincipal always applies to a principal that has a permissions boundary.
  if (cs.statement.effect?.value === 'Deny' && req.hasBoundary) return false;
  return principalIdentities(req.principal).every((check) =>
    block.entries.some((e) => e.values.some((v) => check(e.type.value, v.value))),
  );
}

/**
 * The hot path: does the statement apply to the request? Returns how the caller was
 * named (for resource-based policies) or undefined when it does not apply.
 */
export function statementApplies(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): PrincipalMatchKind | undefined {
  if (cs.skipped) return undefined;
  if (!actionMatches(cs, req)) return undefined;
  if (!resourceMatches(cs, kind, req)) return undefined;
  const who = principalMatch(cs, kind, req);
  if (!who) return undefined;
  for (let i = 0; i < cs.conditions.length; i++) if (!cs.conditions[i].test(req.ctx)) return undefined;
  return who;
}

function traceAction(cs: CompiledStatement, req: PreparedRequest): ElementTrace {
  if (!cs.actionElement) return { element: 'implicit', matched: false, reason: 'The statement has no Action or NotAction.' };
  const i = firstMatch(cs.actions, req.actionLower, req.ctx);
  const by = i >= 0 ? cs.actions[i].value : undefined;
  if (cs.actionElement === 'Action') {
    return by
      ? { element: 'Action', matched: true, by, reason: `\`${by.value}\` matches ${req.action}.` }
      : { element: 'Action', matched: false, reason: `No value of Action matches ${req.action}.` };
  }
  return by
    ? { element: 'NotAction', matched: false, by, reason: `NotAction lists \`${by.value}\`, which matches ${req.action}, so the statement leaves it out.` }
    : { element: 'NotAction', matched: true, reason: `${req.action} is not in NotAction, so the statement covers it.` };
}

function traceResource(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): ElementTrace {
  if (!cs.resourceElement) {
    const matched = resourceMatches(cs, kind, req);
    return {
      element: 'implicit',
      matched,
      reason: matched
        ? kind === 'resource'
          ? 'No Resource element: the statement applies to the resource the policy is attached to.'
          : 'No Resource element: the statement applies to every resource.'
        : 'The statement has no Resource or NotResource.',
    };
  }
  const i = firstMatch(cs.resources, req.resource, req.ctx);
  const by = i >= 0 ? cs.resources[i].value : undefined;
  if (cs.resourceElement === 'Resource') {
    return by
      ? { element: 'Resource', matched: true, by, reason: `\`${by.value}\` matches ${req.resource}.` }
      : { element: 'Resource', matched: false, reason: `No value of Resource matches ${req.resource}.` };
  }
  return by
    ? { element: 'NotResource', matched: false, by, reason: `NotResource lists \`${by.value}\`, which matches ${req.resource}.` }
    : { element: 'NotResource', matched: true, reason: `${req.resource} is not in NotResource, so the statement covers it.` };
}

const MATCH_WORDS: Record<PrincipalMatchKind, string> = {
  self: 'names the caller directly',
  everyone: 'names every principal',
  role: "names the caller's role",
  account: "names the caller's account",
};

function tracePrincipal(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): ElementTrace {
  if (!ATTACHED_TO_RESOURCE.has(kind)) {
    return { element: 'implicit', matched: true, reason: 'The policy applies to the identity it is attached to.' };
  }
  const block = cs.principal;
  const element = cs.principalElement ?? 'implicit';
  if (!block) {
    const matched = kind === 'rcp';
    return { element, matched, reason: matched ? 'No Principal: applies to every principal.' : 'The statement has no Principal.' };
  }
  const who = principalMatch(cs, kind, req);
  if (cs.principalElement === 'Principal') {
    if (block.wildcard) return { element, matched: true, reason: '`"*"` names every principal.' };
    for (const e of block.entries)
      for (const v of e.values) {
        const m = principalValueMatch(e.type.value, v.value, req.principal);
        if (m && m === who) return { element, matched: true, by: v, reason: `\`${v.value}\` ${MATCH_WORDS[m]}.` };
      }
    return { element, matched: false, reason: `No value of Principal names ${req.principal.arn}, its role or its account.` };
  }
  if (who) {
    const boundaryRule = cs.statement.effect?.value === 'Deny' && req.hasBoundary;
    return {
      element,
      matched: true,
      reason: boundaryRule
        ? 'A Deny with NotPrincipal always applies to a principal that has a permissions boundary.'
        : `NotPrincipal does not list every name of the caller (the caller, its role and its account), so the statement applies.`,
    };
  }
  return { element, matched: false, reason: 'NotPrincipal lists the caller, so the statement leaves it out.' };
}

/** The traced path: every element and condition, with reasons. Agrees with `statementApplies`. */
export function traceStatement(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): StatementTrace {
  const action = traceAction(cs, req);
  const resource = traceResource(cs, kind, req);
  const principal = tracePrincipal(cs, kind, req);
  const conditions = cs.conditions.map((c) => c.explain(req.ctx));
  const conditionsMatched = conditions.every((c) => c.matched);
  const applies = !cs.skipped && action.matched && resource.matched && principal.matched && conditionsMatched;
  return { ref: cs.ref, applies, action, resource, principal, conditions, conditionsMatched, skipped: cs.skipped };
}
