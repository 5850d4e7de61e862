// Policies compiled once into matchers, then evaluated against many requests.
// The fast path (`statementApplies`) and the traced path (`traceStatement`) share
// the same compiled matchers, so they cannot disagree about what matches.
import { compileCondition, type CompiledCondition } from '../conditions/evaluate.ts';
import { compileResourcePattern } from '../match/arn.ts';
import { parseTemplate, resolveTemplate, templateHasVariables, templateVariables, type Template } from '../match/variables.ts';
import { compileWildcard } from '../match/wildcard.ts';
import type { Located, ParsedPolicy, PolicyKind, PrincipalBlock, Statement } from '../types.ts';
import type { LineIndex } from '../source/lines.ts';
import { kindInfo } from '../policy/kinds.ts';
import { linesOf } from '../policy/parse.ts';
import { memo, patternWeight } from '../source/memo.ts';
import type { RequestContext } from './context.ts';
import {
  notPrincipalLeavesOut,
  principalValueMatch,
  strongerMatch,
  type PrincipalInfo,
  type PrincipalMatchKind,
  type PrincipalValueMatch,
} from './principal.ts';
import type { ElementTrace, InputError, PolicyRef, StatementRef, StatementTrace } from './result.ts';

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
  /** Caller and resource are in different accounts. */
  crossAccount: boolean;
  /** An `sts:` action: the resource-based policy is a role trust policy, which must always allow. */
  trustPolicy: boolean;
  /** Why the resource-based policy does not take part, if it does not. */
  resourcePolicyOff?: string;
  /** Why resource control policies do not take part, if they do not. */
  rcpOff?: string;
  /** Why service control policies do not take part (the caller is not an IAM principal), if they do not. */
  scpOff?: string;
  /** The trace of an Action element that misses, shared by every such statement (made on first use). */
  actionMissTrace?: ElementTrace;
}

interface ValueMatcher {
  value: Located<string>;
  test(subject: string, ctx: RequestContext): boolean;
  /** For an entry with policy variables: do they all resolve for this request? */
  resolves?(ctx: RequestContext): boolean;
}

/**
 * One statement, ready to evaluate. Actions compile up front (every request needs
 * them); resources and conditions compile on first use, since most statements of a
 * large policy never see a request whose action they cover.
 */
export class CompiledStatement {
  actionElement?: 'Action' | 'NotAction';
  actions: ValueMatcher[] = [];
  resourceElement?: 'Resource' | 'NotResource';
  principalElement?: 'Principal' | 'NotPrincipal';
  principal?: PrincipalBlock;
  /** Why the statement cannot take part, if it cannot. */
  skipped?: string;
  private compiledResources?: ValueMatcher[];
  private compiledConditions?: CompiledCondition[];
  private templatedResources?: ValueMatcher[];

  readonly ref: StatementRef;
  readonly statement: Statement;
  /** Policy variables are honoured (Version 2012-10-17). */
  readonly variables: boolean;

  constructor(ref: StatementRef, statement: Statement, variables: boolean) {
    this.ref = ref;
    this.statement = statement;
    this.variables = variables;
  }

  get resources(): ValueMatcher[] {
    return (this.compiledResources ??= (this.statement.resource ?? this.statement.notResource ?? []).map((r) => compileResource(r, this.variables)));
  }

  /**
   * The first Resource/NotResource entry whose policy variables the request cannot
   * resolve (no value, no default), if any. AWS: "If AWS cannot resolve a variable this
   * might cause the entire statement to be invalid". "Might" leaves it open, so the
   * evaluator takes the reading that cannot produce a wrong Allow: an Allow statement
   * with such an entry does not apply at all; in a Deny statement the entry matches no
   * resource (in NotResource it leaves none out), so the Deny still applies wherever the
   * rest of the statement says it does.
   */
  unresolvedResource(ctx: RequestContext): Located<string> | undefined {
    const templated = (this.templatedResources ??= this.resources.filter((m) => m.resolves));
    for (let i = 0; i < templated.length; i++) if (!templated[i].resolves!(ctx)) return templated[i].value;
    return undefined;
  }

  /** Whether matching the Resource element reads the request context (it holds policy variables). */
  get resourceReadsContext(): boolean {
    return (this.templatedResources ??= this.resources.filter((m) => m.resolves)).length > 0;
  }

  get conditions(): CompiledCondition[] {
    return (this.compiledConditions ??= (this.statement.condition ?? []).map((c) => compileCondition(c, { variables: this.variables })));
  }

  /** Context keys the statement reads: condition keys and policy variables. */
  readsKeys(): string[] {
    const keys = new Set<string>();
    const variablesIn = (text: string) => {
      if (this.variables && text.includes('${')) for (const k of templateVariables(parseTemplate(text, { variables: true }))) keys.add(k);
    };
    for (const r of this.statement.resource ?? this.statement.notResource ?? []) variablesIn(r.value);
    for (const c of this.statement.condition ?? []) {
      keys.add(c.key.value);
      for (const v of c.values) variablesIn(v.value);
    }
    return [...keys];
  }
}

export interface CompiledPolicy {
  ref: PolicyRef;
  kind: PolicyKind;
  parsed: ParsedPolicy;
  statements: CompiledStatement[];
  errors: InputError[];
  /** For an action (lower-cased), which statements' Action/NotAction cover it: 1 or 0 per statement. */
  actionHits(actionLower: string): Uint8Array;
  /**
   * For an action (lower-cased), the indices of the statements that can apply to it: not
   * skipped, Action/NotAction covering it; Deny statements first, each group in statement order.
   */
  candidates(actionLower: string): Int32Array;
}

/**
 * Action matching depends on the action alone (Action elements take no variables),
 * so each policy remembers its answers: requests repeat the same few actions.
 */
function actionHitCache(statements: CompiledStatement[], candidates: (actionLower: string) => Int32Array): (actionLower: string) => Uint8Array {
  // Made when first asked: only who-can asks, and sets are compiled per edit.
  let hitsOf: ((actionLower: string) => Uint8Array) | undefined;
  return (actionLower) => (hitsOf ??= actionHitsOf(statements, candidates))(actionLower);
}

function actionHitsOf(statements: CompiledStatement[], candidates: (actionLower: string) => Int32Array): (actionLower: string) => Uint8Array {
  return memo((actionLower) => {
    const hits = new Uint8Array(statements.length);
    // Skipped statements are left out of the candidates but still say whether they cover the action.
    for (let i = 0; i < statements.length; i++) if (statements[i].skipped) hits[i] = actionCovered(statements[i], actionLower) ? 1 : 0;
    for (const i of candidates(actionLower)) hits[i] = 1;
    return hits;
  });
}

/**
 * Statements by the actions they name, so a request looks at the few that can cover its
 * action instead of all of them: wildcard-free names by the name (lower-cased, as action
 * matching is case-insensitive), wildcard patterns by their service prefix, patterns whose
 * service part holds a wildcard and NotAction statements always.
 */
class ActionIndex {
  private readonly exact = new Map<string, number[]>();
  private readonly byService = new Map<string, number[]>();
  private readonly always: number[] = [];

  constructor(statements: CompiledStatement[]) {
    for (let i = 0; i < statements.length; i++) {
      const cs = statements[i];
      if (cs.skipped || !cs.actionElement) continue;
      if (cs.actionElement === 'NotAction') {
        this.always.push(i);
        continue;
      }
      for (const m of cs.actions) {
        const pattern = m.value.value.toLowerCase();
        const colon = pattern.indexOf(':');
        const wild = firstWildcard(pattern);
        if (wild < 0) add(this.exact, pattern, i);
        else if (colon > 0 && wild > colon) add(this.byService, pattern.slice(0, colon), i);
        else this.always.push(i);
      }
    }
  }

  /** Statements an Action value names the action in exactly (lower-cased): they cover it. */
  named(actionLower: string): readonly number[] {
    return this.exact.get(actionLower) ?? NONE;
  }

  /** Statements that may cover the action (wildcards, NotAction): their matchers decide. Possibly repeated. */
  maybe(actionLower: string): number[] {
    const service = this.byService.get(actionLower.slice(0, actionLower.indexOf(':')));
    return service ? service.concat(this.always) : this.always;
  }
}

const NONE: readonly number[] = [];

/** Offset of the first `*` or `?`, or -1. */
function firstWildcard(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 63) return i;
  }
  return -1;
}

function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** Policies up to this many statements are scanned whole for an action's candidates: an index costs more to build than it saves. */
const SCAN_AT_MOST = 16;

/**
 * The candidates of each action, remembered per policy: all but exact names are confirmed
 * by the statement's own matchers. Small policies are scanned; larger ones are indexed
 * while compiling, so the first request costs about what the next ones do.
 */
function candidateCache(statements: CompiledStatement[]): (actionLower: string) => Int32Array {
  const index = statements.length > SCAN_AT_MOST ? new ActionIndex(statements) : undefined;
  let lastAction: string | undefined;
  let last: Int32Array | undefined;
  let remembered: ((actionLower: string) => Int32Array) | undefined;
  const work = (actionLower: string): Int32Array => {
    const seen = new Uint8Array(statements.length);
    if (!index) {
      for (let i = 0; i < statements.length; i++) if (!statements[i].skipped && actionCovered(statements[i], actionLower)) seen[i] = 1;
    } else {
      for (const i of index.named(actionLower)) seen[i] = 1;
      for (const i of index.maybe(actionLower)) if (!seen[i] && actionCovered(statements[i], actionLower)) seen[i] = 1;
    }
    let denies = 0;
    for (let i = 0; i < statements.length; i++) if (seen[i] && statements[i].statement.effect?.value === 'Deny') denies++;
    const out = new Int32Array(seen.reduce((n, v) => n + v, 0));
    let d = 0;
    let a = denies;
    for (let i = 0; i < statements.length; i++) if (seen[i]) out[statements[i].statement.effect?.value === 'Deny' ? d++ : a++] = i;
    return out;
  };
  return (actionLower) => {
    if (actionLower === lastAction) return last!;
    // A second action: from here on, every action's answer is remembered.
    const found = lastAction === undefined ? work(actionLower) : (remembered ??= memo(work))(actionLower);
    lastAction = actionLower;
    last = found;
    return found;
  };
}

/** A statement with no Resource element covers every resource (or the one its policy is attached to). */
function resourceImplicit(kind: PolicyKind): boolean {
  const info = kindInfo(kind);
  return info.resource !== 'required' || info.attachedToResource;
}

/** Compiled matchers by pattern: statements repeat the same actions and ARNs, and texts are re-simulated on every keystroke. */
// Keyed by the text as written: no lower-casing on a hit.
// Bounded by bytes (about 32 MB of compiled patterns), not by count: one 100 KB pattern keeps megabytes.
const MATCHER_BUDGET = 32 * 1024 * 1024;
const actionMatcher = memo((pattern) => compileWildcard(pattern.toLowerCase()), MATCHER_BUDGET, patternWeight);
const resourceMatcher = memo((pattern) => compileResourcePattern(pattern), MATCHER_BUDGET, patternWeight);

function compileAction(value: Located<string>): ValueMatcher {
  return { value, test: actionMatcher(value.value) };
}

function compileResource(value: Located<string>, variables: boolean): ValueMatcher {
  if (!variables || !value.value.includes('${')) return { value, test: resourceMatcher(value.value) };
  const template: Template = parseTemplate(value.value, { variables: true });
  if (!templateHasVariables(template)) {
    // Only escapes such as ${*}: resolve once, they stand for literal characters.
    const test = compileResourcePattern(resolveTemplate(template, () => undefined) ?? value.value);
    return { value, test: (resource) => test(resource) };
  }
  // Variables resolve per request; remember the last resolution, as requests repeat. A
  // context answers the same every time it is asked, so one context resolves alike: whoCan
  // asks one context about many resources.
  let lastKey: string | undefined;
  let lastTest: ((r: string) => boolean) | undefined;
  let lastCtx: RequestContext | undefined;
  let lastCtxTest: ((r: string) => boolean) | undefined;
  return {
    value,
    resolves: (ctx) => (ctx === lastCtx ? lastCtxTest !== undefined : resolveTemplate(template, (k) => ctx.get(k)) !== undefined),
    test: (resource, ctx) => {
      if (ctx !== lastCtx) {
        const pieces = resolveTemplate(template, (k) => ctx.get(k));
        lastCtx = ctx;
        if (!pieces) lastCtxTest = undefined;
        else {
          const key = JSON.stringify(pieces);
          if (key !== lastKey || !lastTest) {
            lastKey = key;
            lastTest = compileResourcePattern(pieces);
          }
          lastCtxTest = lastTest;
        }
      }
      // Unresolvable: the statement does not apply (see unresolvedResource).
      return lastCtxTest ? lastCtxTest(resource) : false;
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
  const lines = linesOf(parsed);
  const errors: InputError[] = parsed.errors.map((e) => ({ ...e, policy: ref }));
  const doc = parsed.policy;
  const variables = doc?.version?.value === '2012-10-17';
  const statements: CompiledStatement[] = (doc?.statements ?? []).map((st) => {
    const cs = new CompiledStatement(statementRef(ref, st, lines), st, variables);
    if (!st.effect) cs.skipped = 'it has no valid Effect';
    if (st.action) {
      cs.actionElement = 'Action';
      cs.actions = st.action.map(compileAction);
    } else if (st.notAction) {
      cs.actionElement = 'NotAction';
      cs.actions = st.notAction.map(compileAction);
    } else cs.skipped ??= 'it has neither Action nor NotAction';
    if (st.resource || st.notResource) {
      cs.resourceElement = st.resource ? 'Resource' : 'NotResource';
    } else if (!resourceImplicit(parsed.kind)) {
      cs.skipped ??= 'it has neither Resource nor NotResource';
    }
    if (st.principal) {
      cs.principalElement = 'Principal';
      cs.principal = st.principal;
    } else if (st.notPrincipal) {
      cs.principalElement = 'NotPrincipal';
      cs.principal = st.notPrincipal;
    } else if (kindInfo(parsed.kind).principal === 'required') {
      cs.skipped ??= 'a resource-based policy statement needs a Principal or NotPrincipal';
    }
    return cs;
  });
  const candidates = candidateCache(statements);
  return { ref, kind: parsed.kind, parsed, statements, errors, actionHits: actionHitCache(statements, candidates), candidates };
}

function firstMatch(matchers: ValueMatcher[], subject: string, ctx: RequestContext | undefined): number {
  for (let i = 0; i < matchers.length; i++) if (matchers[i].test(subject, ctx!)) return i;
  return -1;
}

function actionCovered(cs: CompiledStatement, actionLower: string): boolean {
  if (!cs.actionElement) return false;
  const hit = firstMatch(cs.actions, actionLower, undefined) >= 0;
  return cs.actionElement === 'Action' ? hit : !hit;
}

/** Does the statement's Action/NotAction cover the request's action? */
export function actionMatches(cs: CompiledStatement, req: PreparedRequest): boolean {
  return actionCovered(cs, req.actionLower);
}

/** Does the statement's Resource/NotResource cover the request's resource? (A piece of `statementApplies`.) */
export function resourceMatches(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): boolean {
  if (!cs.resourceElement) return resourceImplicit(kind);
  if (cs.statement.effect?.value === 'Allow' && cs.unresolvedResource(req.ctx)) return false;
  const hit = firstMatch(cs.resources, req.resource, req.ctx) >= 0;
  return cs.resourceElement === 'Resource' ? hit : !hit;
}

/**
 * How a value's match counts for this statement. A value naming one session of the
 * caller's role, when the caller is a role ARN (a session of unknown name), counts for
 * a Deny and not for an Allow: the reading that cannot produce a wrong Allow.
 */
function countedMatch(m: PrincipalValueMatch | undefined, deny: boolean): PrincipalMatchKind | undefined {
  return m === 'some-session' ? (deny ? 'role' : undefined) : m;
}

/**
 * How the statement names the caller, or undefined when it does not (a piece of
 * `statementApplies`). Reads only `req.principal` and `req.hasBoundary`.
 */
export function principalMatch(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): PrincipalMatchKind | undefined {
  // Identity policies, boundaries, session policies and SCPs apply to the identity they are attached to.
  const info = kindInfo(kind);
  if (!info.attachedToResource) return 'self';
  const block = cs.principal;
  if (!block) return info.principal === 'star-only' ? 'everyone' : undefined;
  const deny = cs.statement.effect?.value === 'Deny';
  if (cs.principalElement === 'Principal') {
    if (block.wildcard) return 'everyone';
    let best: PrincipalMatchKind | undefined;
    for (const e of block.entries)
      for (const v of e.values) best = strongerMatch(best, countedMatch(principalValueMatch(e.type.value, v.value, req.principal), deny));
    return best;
  }
  return notPrincipalExcludes(cs, req) ? undefined : 'everyone';
}

/**
 * NotPrincipal leaves the caller out only when it lists every name AWS may check: caller,
 * role, account. When that depends on an unknown session name, a Deny applies and an
 * Allow does not.
 */
function notPrincipalExcludes(cs: CompiledStatement, req: PreparedRequest): boolean {
  const block = cs.principal;
  if (!block || block.wildcard) return !!block?.wildcard;
  const deny = cs.statement.effect?.value === 'Deny';
  // AWS: a Deny with NotPrincipal always applies to a principal that has a permissions boundary.
  if (deny && req.hasBoundary) return false;
  const out = notPrincipalLeavesOut(block.entries, req.principal);
  return out === 'yes' || (out === 'unknown' && !deny);
}

/**
 * The hot path: does the statement apply to the request? Returns how the caller was
 * named (for resource-based policies) or undefined when it does not apply.
 */
export function statementApplies(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest, actionHit?: number): PrincipalMatchKind | undefined {
  if (cs.skipped) return undefined;
  if (actionHit === undefined ? !actionMatches(cs, req) : actionHit === 0) return undefined;
  if (!resourceMatches(cs, kind, req)) return undefined;
  const who = principalMatch(cs, kind, req);
  if (!who) return undefined;
  if (!conditionsMatch(cs, req.ctx)) return undefined;
  return who;
}

/**
 * Do all the statement's conditions hold? (A piece of `statementApplies`.) Reads the
 * request only through `ctx.get`, so the answer depends on the context alone.
 */
export function conditionsMatch(cs: CompiledStatement, ctx: RequestContext): boolean {
  const conditions = cs.conditions;
  for (let i = 0; i < conditions.length; i++) if (!conditions[i].test(ctx)) return false;
  return true;
}

function traceAction(cs: CompiledStatement, req: PreparedRequest): ElementTrace {
  if (!cs.actionElement) return { element: 'implicit', matched: false, reason: 'The statement has no Action or NotAction.' };
  const i = firstMatch(cs.actions, req.actionLower, req.ctx);
  const by = i >= 0 ? cs.actions[i].value : undefined;
  if (cs.actionElement === 'Action') {
    if (by) return { element: 'Action', matched: true, by, reason: `\`${by.value}\` matches ${req.action}.` };
    // Most statements of a large policy miss the action: they share one frozen trace.
    return (req.actionMissTrace ??= Object.freeze({ element: 'Action', matched: false, reason: `No value of Action matches ${req.action}.` }));
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
        ? kindInfo(kind).resource === 'forbidden'
          ? 'No Resource element: the statement applies to the resource the policy is attached to.'
          : 'No Resource element: the statement applies to every resource.'
        : 'The statement has no Resource or NotResource.',
    };
  }
  const unresolved = cs.unresolvedResource(req.ctx);
  const why = unresolved
    ? `\`${unresolved.value}\` holds a policy variable this request has no value for (and no default), which AWS says may make the whole statement invalid`
    : '';
  if (unresolved && cs.statement.effect?.value === 'Allow') {
    return { element: cs.resourceElement, matched: false, by: unresolved, reason: `${why}: this Allow is taken not to apply (the reading that cannot produce a wrong Allow).` };
  }
  const i = firstMatch(cs.resources, req.resource, req.ctx);
  const by = i >= 0 ? cs.resources[i].value : undefined;
  const denyNote = unresolved ? ` ${why}; in a Deny it is read as matching nothing, the reading that cannot produce a wrong Allow.` : '';
  if (cs.resourceElement === 'Resource') {
    return by
      ? { element: 'Resource', matched: true, by, reason: `\`${by.value}\` matches ${req.resource}.${denyNote}` }
      : { element: 'Resource', matched: false, reason: `No value of Resource matches ${req.resource}.${denyNote}` };
  }
  return by
    ? { element: 'NotResource', matched: false, by, reason: `NotResource lists \`${by.value}\`, which matches ${req.resource}.${denyNote}` }
    : { element: 'NotResource', matched: true, reason: `${req.resource} is not in NotResource, so the statement covers it.${denyNote}` };
}

const MATCH_WORDS: Record<PrincipalMatchKind, string> = {
  self: 'names the caller directly',
  everyone: 'names every principal',
  role: "names the caller's role",
  account: "names the caller's account",
};

function tracePrincipal(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): ElementTrace {
  if (!kindInfo(kind).attachedToResource) {
    return { element: 'implicit', matched: true, reason: 'The policy applies to the identity it is attached to.' };
  }
  const block = cs.principal;
  const element = cs.principalElement ?? 'implicit';
  if (!block) {
    const matched = kindInfo(kind).principal === 'star-only';
    return { element, matched, reason: matched ? 'No Principal: applies to every principal.' : 'The statement has no Principal.' };
  }
  const who = principalMatch(cs, kind, req);
  const deny = cs.statement.effect?.value === 'Deny';
  if (cs.principalElement === 'Principal') {
    if (block.wildcard) return { element, matched: true, reason: '`"*"` names every principal.' };
    let someSession: Located<string> | undefined;
    for (const e of block.entries)
      for (const v of e.values) {
        const raw = principalValueMatch(e.type.value, v.value, req.principal);
        if (raw === 'some-session') someSession ??= v;
        const m = countedMatch(raw, deny);
        if (m && m === who) {
          if (raw === 'some-session') return { element, matched: true, by: v, reason: `\`${v.value}\` names one session of the caller's role; the caller stands for any session of it, so this Deny is taken to apply (the reading that cannot produce a wrong Allow).` };
          return { element, matched: true, by: v, reason: `\`${v.value}\` ${MATCH_WORDS[m]}.` };
        }
      }
    if (someSession) return { element, matched: false, by: someSession, reason: `\`${someSession.value}\` names one session of the caller's role; the caller stands for any session of it, whose name is not known, so this Allow is not taken to grant (the reading that cannot produce a wrong Allow).` };
    return { element, matched: false, reason: `No value of Principal names ${req.principal.arn}, its role or its account.` };
  }
  if (who) {
    const boundaryRule = cs.statement.effect?.value === 'Deny' && req.hasBoundary;
    return {
      element,
      matched: true,
      reason: boundaryRule
        ? 'A Deny with NotPrincipal always applies to a principal that has a permissions boundary.'
        : notPrincipalLeavesOut(block.entries, req.principal) === 'unknown'
          ? "NotPrincipal lists a session of the caller's role; the caller stands for any session of it, so this Deny is taken to apply (the reading that cannot produce a wrong Allow)."
          : `NotPrincipal does not list every name of the caller (the caller, its role and its account), so the statement applies.`,
    };
  }
  if (notPrincipalLeavesOut(block.entries, req.principal) === 'unknown') {
    return { element, matched: false, reason: "NotPrincipal lists the caller's role, its account and a session of the role; the caller stands for any session, so this Allow is not taken to apply (the reading that cannot produce a wrong Allow)." };
  }
  return { element, matched: false, reason: 'NotPrincipal lists the caller, so the statement leaves it out.' };
}

const notChecked = (element: ElementTrace['element']): ElementTrace =>
  Object.freeze({ element, matched: false, notEvaluated: true, reason: 'Not checked: the statement does not cover the action.' });
/** Shared, frozen: most statements of a large policy do not cover a given action. */
const NOT_CHECKED: Record<ElementTrace['element'], ElementTrace> = {
  implicit: notChecked('implicit'),
  Action: notChecked('Action'),
  NotAction: notChecked('NotAction'),
  Resource: notChecked('Resource'),
  NotResource: notChecked('NotResource'),
  Principal: notChecked('Principal'),
  NotPrincipal: notChecked('NotPrincipal'),
};

/** The traced path: every element and condition, with reasons. Agrees with `statementApplies`. */
export function traceStatement(cs: CompiledStatement, kind: PolicyKind, req: PreparedRequest): StatementTrace {
  const action = traceAction(cs, req);
  if (!action.matched) {
    // AWS stops at the action: the rest of the statement cannot change anything.
    return {
      ref: cs.ref,
      applies: false,
      action,
      resource: NOT_CHECKED[cs.resourceElement ?? 'implicit'],
      principal: NOT_CHECKED[cs.principalElement ?? 'implicit'],
      conditions: [],
      conditionsMatched: false,
      conditionsNotEvaluated: (cs.statement.condition?.length ?? 0) > 0,
      skipped: cs.skipped,
    };
  }
  const resource = traceResource(cs, kind, req);
  const principal = tracePrincipal(cs, kind, req);
  const conditions = cs.conditions.map((c) => c.explain(req.ctx));
  const conditionsMatched = conditions.every((c) => c.matched);
  const applies = !cs.skipped && action.matched && resource.matched && principal.matched && conditionsMatched;
  return { ref: cs.ref, applies, action, resource, principal, conditions, conditionsMatched, skipped: cs.skipped };
}
