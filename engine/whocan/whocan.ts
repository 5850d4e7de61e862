// whoCan: every principal × resource × action of an account, each decided exactly as
// `simulate` decides it (see WhoCanInput), millions of them a second, on one thread.
//
// How it stays equal to simulate: a statement applies when five independent pieces hold
// (not skipped, action, resource, principal, conditions; compile.ts `statementApplies`),
// and each piece depends on less than the whole request:
// - action: on the action alone (`actionHits`), worked out once per policy and action;
// - resource: on the resource ARN alone, unless Resource holds policy variables: the list
//   of resources it matches, once per statement (and per distinct Resource text);
// - principal: on the caller alone (`principalMatch` reads the caller and whether it has a
//   boundary): once per caller and class of statements whose Principal reads alike;
// - conditions: on the request context alone (`conditionsMatch`), which answers from the
//   caller, the given keys, the clock and the resource's ARN parts (partition, service,
//   region, account) and nothing else of the resource: once per caller and class of
//   alike conditions, and per *resource group* (resources whose ARN parts are the same)
//   only when they read a key that can depend on the resource (`keyReadsResource`).
// Each policy's answer for a request (does an Allow apply, how strongly did it name the
// caller, does a Deny apply) is then one byte per (caller, policy, action, resource), and
// `gather` and `decide` of simulate.ts turn those bytes into the decision, with the same
// rules as for a single request: whoCan only plugs in a visitor that reads the bytes, and
// remembers the outcome for requests of one caller and action whose bytes and facts agree.
//
// A principal's own `resource` policies (a role's trust policy) take no part: they govern
// who may assume the role (`sts:AssumeRole` on the role), not requests to a repository.
import { Meter, TooCostly } from '../match/budget.ts';
import { decide, type DecisionOutcome } from '../evaluate/decide.ts';
import {
  conditionsMatch,
  principalMatch,
  resourceMatches,
  type CompiledPolicy,
  type CompiledStatement,
  type PreparedRequest,
} from '../evaluate/compile.ts';
import { Clock, keyReadsResource, readGivenContext, RequestContext, resourceInfo } from '../evaluate/context.ts';
import { parsePrincipal, strongerMatch, type PrincipalInfo, type PrincipalMatchKind } from '../evaluate/principal.ts';
import type { PolicyRef, SimulationInput } from '../evaluate/result.ts';
import {
  asList,
  asOne,
  blankRequest,
  compileSources,
  gather,
  isActionName,
  parseNow,
  setActionFacts,
  setCallerFacts,
  setResourceFacts,
  simulate,
  sourceOf,
  type Groups,
  type PolicyVisitor,
} from '../evaluate/simulate.ts';
import { defaultPolicyName, kindInfo } from '../policy/kinds.ts';
import type { PolicyKind } from '../types.ts';
import {
  DECISION_CODES,
  STAGE_CODES,
  type ImportedPrincipal,
  type WhoCanEntry,
  type WhoCanInput,
  type WhoCanMatrix,
  type WhoCanOptions,
  type WhoCanRows,
} from './types.ts';

/** The request `simulate` gets for one combination: the definition every whoCan answer equals. */
export function whoCanSimulation(given: WhoCanInput, principal: number, resource: number, action: number): SimulationInput {
  const input = typeof given === 'object' && given !== null ? given : ({} as WhoCanInput);
  const p = principalAt(input, principal);
  const r = resourceAt(input, resource);
  const texts = (kind: PolicyKind) => p.policies.filter((x) => x.kind === kind).map((x) => x.text);
  const sim: SimulationInput = {
    // A role's trust policy (kind `resource`) is left out: it is not the repository's policy.
    identityPolicies: texts('identity'),
    resourcePolicy: r.policy,
    permissionsBoundary: texts('boundary')[0],
    sessionPolicy: texts('session')[0],
    scps: input.scps,
    rcps: input.rcps,
    request: { principal: p.arn, action: listOf<string>(input.actions)[action], resource: r.arn, context: contextOf(input, p.arn) },
  };
  if (input.now !== undefined) sim.now = input.now;
  return sim;
}

/** Every combination of principal, resource and action, with its decision. Never throws. */
export function whoCan(input: WhoCanInput): WhoCanEntry[] {
  const out: WhoCanEntry[] = [];
  for (const batch of whoCanBatches(input, { batchSize: Number.MAX_SAFE_INTEGER })) for (const e of batch) out.push(e);
  return out;
}

/** The same entries in batches (for a Web Worker to post as it goes). Never throws. */
export function* whoCanBatches(input: WhoCanInput, options: WhoCanOptions = {}): Generator<WhoCanEntry[]> {
  const run = openRun(input);
  const size = Math.max(1, Math.floor(options.batchSize ?? 10_000) || 1);
  const cells = run.resources.length * run.actions.length;
  const decisions = new Uint8Array(cells);
  const stages = new Uint8Array(cells);
  let batch: WhoCanEntry[] = [];
  for (let p = 0; p < run.principals.length; p++) {
    run.evaluate(p, decisions, stages, 0);
    const principal = run.principals[p];
    for (let k = 0; k < cells; k++) {
      batch.push({
        principal,
        resource: run.resources[Math.floor(k / run.actions.length)],
        action: run.actions[k % run.actions.length],
        decision: DECISION_CODES[decisions[k]],
        stage: STAGE_CODES[stages[k]],
      });
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    options.onProgress?.((p + 1) * cells, run.principals.length * cells);
  }
  if (batch.length > 0) yield batch;
}

/** Every decision as codes (see WhoCanMatrix): 10 million cells take 20 MB. Never throws. */
export function whoCanMatrix(input: WhoCanInput, options: WhoCanOptions = {}): WhoCanMatrix {
  const run = openRun(input);
  const cells = run.resources.length * run.actions.length;
  const total = run.principals.length * cells;
  const decisions = new Uint8Array(total);
  const stages = new Uint8Array(total);
  for (let p = 0; p < run.principals.length; p++) {
    run.evaluate(p, decisions, stages, p * cells);
    options.onProgress?.((p + 1) * cells, total);
  }
  return { principals: run.principals, resources: run.resources, actions: run.actions, decisions, stages };
}

/** The matrix in runs of `batchSize` principals (default 100), each with its own buffers to transfer. Never throws. */
export function* whoCanRows(input: WhoCanInput, options: WhoCanOptions = {}): Generator<WhoCanRows> {
  const run = openRun(input);
  const per = Math.max(1, Math.floor(options.batchSize ?? 100) || 1);
  const cells = run.resources.length * run.actions.length;
  for (let from = 0; from < run.principals.length; from += per) {
    const to = Math.min(run.principals.length, from + per);
    const decisions = new Uint8Array((to - from) * cells);
    const stages = new Uint8Array((to - from) * cells);
    for (let p = from; p < to; p++) {
      run.evaluate(p, decisions, stages, (p - from) * cells);
      options.onProgress?.((p + 1) * cells, run.principals.length * cells);
    }
    yield { from, to, decisions, stages };
  }
}

// ------------------------------------------------------------------ input, read safely

const NO_POLICIES: ImportedPrincipal['policies'] = [];

function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function principalAt(input: WhoCanInput, i: number): ImportedPrincipal {
  const p = listOf<unknown>(input?.principals)[i] as Partial<ImportedPrincipal> | undefined;
  if (typeof p !== 'object' || p === null) return { arn: '', policies: NO_POLICIES };
  const policies = listOf<ImportedPrincipal['policies'][number]>(p.policies).filter((x) => typeof x === 'object' && x !== null);
  return { arn: p.arn as string, policies };
}

function resourceAt(input: WhoCanInput, i: number): { arn: string; policy?: string } {
  const r = listOf<unknown>(input?.resources)[i] as { arn?: unknown; policy?: unknown } | undefined;
  if (typeof r !== 'object' || r === null) return { arn: '' };
  return { arn: r.arn as string, policy: r.policy as string | undefined };
}

/** The request context of a principal's requests: the shared keys, with its own over them. */
function contextOf(input: WhoCanInput, arn: unknown): Record<string, string | string[]> | undefined {
  const own = input?.principalContext;
  if (typeof arn === 'string' && typeof own === 'object' && own !== null && Object.hasOwn(own, arn)) return { ...input.context, ...own[arn] };
  return input?.context;
}

// ------------------------------------------------------------------ codes

// How a policy answers one request, in a byte: bits 0-2 how the strongest applying Allow
// named the caller (0: no Allow applies), bit 3 a Deny applies.
const WHO: readonly (PrincipalMatchKind | undefined)[] = [undefined, 'account', 'role', 'everyone', 'self'];
const WHO_CODE: Record<PrincipalMatchKind, number> = { account: 1, role: 2, everyone: 3, self: 4 };
const DENY = 8;

/**
 * MERGE[code << 4 | add]: a policy's byte after one more applying statement, `add` being
 * DENY for a Deny or the code of how an Allow named the caller. Built from strongerMatch.
 */
const MERGE = new Uint8Array(256);
for (let code = 0; code < 16; code++)
  for (let add = 0; add < 16; add++) {
    const who = WHO[add & 7];
    MERGE[(code << 4) | add] = add & DENY ? code | DENY : who ? (code & DENY) | WHO_CODE[strongerMatch(WHO[code & 7], who)!] : code;
  }

const DECISION_INDEX = new Map(DECISION_CODES.map((d, i) => [d, i]));
const STAGE_INDEX = new Map(STAGE_CODES.map((s, i) => [s, i]));
const INPUT_STAGE = STAGE_INDEX.get('input')!;
const IMPLICIT_DENY = DECISION_INDEX.get('ImplicitDeny')!;

/** decide() returns shared constant outcomes: their codes (decision | stage << 2), remembered by identity. */
const outcomeCodes = new Map<DecisionOutcome, number>();
function outcomeCode(o: DecisionOutcome): number {
  let c = outcomeCodes.get(o);
  if (c === undefined) {
    c = (DECISION_INDEX.get(o.decision) ?? IMPLICIT_DENY) | ((STAGE_INDEX.get(o.stage) ?? INPUT_STAGE) << 2);
    if (outcomeCodes.size < 64) outcomeCodes.set(o, c);
  }
  return c;
}

// ------------------------------------------------------------------ plans

/** A compiled policy in a slot of whoCan's groups: the slot says where its bytes are. */
interface SlotPolicy extends CompiledPolicy {
  slot: number;
}

/** A statement that covers an action, with what it takes to decide whether it applies. */
interface Pending {
  cs: CompiledStatement;
  kind: PolicyKind;
  /** The MERGE `add` for a policy attached to the caller (whom it always names alike); -1 when how it names the caller depends on the caller. */
  add: number;
  deny: boolean;
  /** Statements whose Principal/NotPrincipal, effect and kind read alike share a class (and every principalMatch answer). */
  principalClass: number;
  /** Statements whose conditions read alike share a class (and every answer); -1 without conditions. */
  conditionClass: number;
  /** The conditions read a key whose value may depend on the resource (keyReadsResource): answered per resource group, else once per caller. */
  conditionPerGroup: boolean;
  /** The resources the statement's Resource matches; undefined when matching reads the context (policy variables). */
  hits?: Int32Array;
  /** The same, by resource group (made when first needed). */
  hitsByGroup?: Int32Array[];
}

/** A caller-side policy and one action: what every caller gets, and the statements to look at per caller. */
interface SidePlan {
  /** Bytes from statements that say the same to every caller. INVARIANT: never written after the plan is made. */
  base: Uint8Array;
  pending: Pending[];
}

// Slots: the resource-based policy first, then the boundary, the session policy, the
// SCPs, the RCPs and last the caller's identity policies (their number varies).
const RESOURCE_SLOT = 0;
const BOUNDARY_SLOT = 1;
const SESSION_SLOT = 2;
const FIRST_ORG_SLOT = 3;

/** Memo tables up to this many keys are arrays; larger ones are Maps. */
const TABLE_KEYS = 4096;
/** Keys stay small integers: at most this many combinations per caller and action. */
const MAX_KEYS = 1 << 28;

interface Caller {
  info: PrincipalInfo | undefined;
  groups: Groups<SlotPolicy>;
  context: Record<string, string | string[]> | undefined;
}

function intern(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) map.set(key, (id = map.size));
  return id;
}

/** What principalMatch reads of a statement, as text. */
function principalKey(cs: CompiledStatement, kind: PolicyKind): string {
  const b = cs.principal;
  const block = !b ? null : b.wildcard ? true : b.entries.map((e) => [e.type.value, e.values.map((v) => v.value)]);
  return JSON.stringify([kind, cs.principalElement ?? null, cs.statement.effect?.value ?? null, block]);
}

/** What conditionsMatch reads of a statement, as text (INVARIANT: a compiled condition depends on its entry's texts and `variables` alone). */
function conditionKey(cs: CompiledStatement): string {
  const entries = cs.statement.condition ?? [];
  return JSON.stringify([cs.variables, entries.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value)])]);
}

/** What the entry points read: the names, and each caller's cells. */
interface Run {
  readonly principals: string[];
  readonly resources: string[];
  readonly actions: string[];
  /** Writes caller `p`'s cells (resources × actions) at `offset`. */
  evaluate(p: number, decisions: Uint8Array, stages: Uint8Array, offset: number): void;
}

function openRun(input: WhoCanInput): Run {
  try {
    return new WhoCanRun(input);
  } catch {
    // INVARIANT: never reached; if it is, simulate answers every cell (and never throws).
    const given = typeof input === 'object' && input !== null ? input : ({} as WhoCanInput);
    const principals = listOf<unknown>(given.principals).map((_, i) => principalAt(given, i).arn);
    const resources = listOf<unknown>(given.resources).map((_, i) => resourceAt(given, i).arn);
    const actions = listOf<string>(given.actions).slice();
    return {
      principals,
      resources,
      actions,
      evaluate: (p, decisions, stages, offset) => bySimulate(given, p, resources.length, actions.length, decisions, stages, offset),
    };
  }
}

/** Caller `p`'s cells, one simulate call each: the definition itself, for when nothing else answers. */
function bySimulate(input: WhoCanInput, p: number, nR: number, nA: number, decisions: Uint8Array, stages: Uint8Array, offset: number): void {
  for (let r = 0; r < nR; r++)
    for (let a = 0; a < nA; a++) {
      const result = simulate(whoCanSimulation(input, p, r, a));
      decisions[offset + r * nA + a] = DECISION_INDEX.get(result.decision) ?? IMPLICIT_DENY;
      stages[offset + r * nA + a] = STAGE_INDEX.get(result.decidingStage) ?? INPUT_STAGE;
    }
}

/** One account's worth of policies, compiled once, evaluated caller by caller. */
class WhoCanRun implements Run {
  readonly principals: string[];
  readonly resources: string[];
  readonly actions: string[];

  private readonly input: WhoCanInput;
  private readonly clock: Clock;
  /** One matching budget for the whole run, across rows and batches. */
  private readonly meter = new Meter();
  private readonly scps: SlotPolicy[];
  private readonly rcps: SlotPolicy[];
  /** How many callers use each text, by kind. */
  private readonly uses = new Map<PolicyKind, Map<string, number>>();
  /** Trimmed, as simulate trims; '' when the resource cannot be evaluated. */
  private readonly resourceText: string[];
  /** Resources whose ARN parts are the same share a group (and every context answer). */
  private readonly groupOf: Int32Array;
  private readonly groupArn: string[] = [];
  /** The resources that can be evaluated, group by group. */
  private readonly byGroup: Int32Array;
  private readonly resourcePolicy: (SlotPolicy | undefined)[];
  /** Per resource with a policy, per action: its statements that may apply there. */
  private readonly resourcePlans: (Pending[][] | undefined)[];
  /** Trimmed actions, '' when not an action name, and each one's request facts. */
  private readonly actionText: string[];
  private readonly actionFacts: PreparedRequest[];
  private readonly orgSlots: number;

  private readonly compiled = new Map<PolicyKind, Map<string, CompiledPolicy>>();
  // Weak: the plans of a policy compiled for one caller go when it does.
  /** By the statements, which a policy's slotted copies share. */
  private readonly plans = new WeakMap<CompiledStatement[], SidePlan[]>();
  private readonly hitsByStatement = new WeakMap<CompiledStatement, Int32Array>();
  /** A statement belongs to one policy, hence one kind: one Pending each, whatever the action. */
  private readonly pendingOf = new WeakMap<CompiledStatement, Pending>();
  private readonly hitsByText = new Map<string, Int32Array>();
  private readonly principalClasses = new Map<string, number>();
  private readonly conditionClasses = new Map<string, number>();
  private readonly zero: Uint8Array;
  private readonly probe: PreparedRequest;

  // Per-caller scratch, reused.
  private principalMemo = new Uint8Array(0);
  private conditionMemo = new Uint8Array(0);
  private readonly scratch: Uint8Array[][] = [];
  private readonly resourceCells: Uint8Array[];
  /** Per resource: 1 it has a policy, 4 that policy is off (the request is for `*`); 2, cross-account, is added per caller. */
  private readonly resourceFlags: number[];
  private readonly flags: Uint8Array;
  /** 1 for each resource a request can be made for (its trimmed ARN is not empty). */
  private readonly valid: Uint8Array;
  private readonly keys: Int32Array;
  private readonly tableStamp = new Int32Array(TABLE_KEYS);
  private readonly tableCode = new Uint8Array(TABLE_KEYS);
  private stamp = 0;
  private readonly bigTable = new Map<number, number>();
  /** Renumbering of three slots' bytes: stamped, so never cleared. */
  private readonly seenAt = new Int32Array(4096);
  private readonly seenAs = new Int32Array(4096);
  private seenStamp = 0;

  constructor(input: WhoCanInput) {
    this.input = typeof input === 'object' && input !== null ? input : ({} as WhoCanInput);
    const given = this.input;
    this.clock = new Clock(given.now === undefined ? undefined : parseNow(given.now));
    const principalsIn = listOf<unknown>(given.principals);
    const resourcesIn = listOf<unknown>(given.resources);
    this.principals = principalsIn.map((_, i) => principalAt(given, i).arn);
    this.resources = resourcesIn.map((_, i) => resourceAt(given, i).arn);
    this.actions = listOf<string>(given.actions).slice();
    const nR = this.resources.length;
    this.zero = new Uint8Array(nR);
    this.keys = new Int32Array(nR);
    this.probe = callerRequest(parsePrincipal('*')!, undefined);

    // SCPs and RCPs, the same for every caller.
    const scps = asList(given.scps).map((raw, i) => this.slotted(raw, 'scp', i, FIRST_ORG_SLOT + i));
    const rcps = asList(given.rcps).map((raw, i) => this.slotted(raw, 'rcp', i, FIRST_ORG_SLOT + scps.length + i));
    this.orgSlots = FIRST_ORG_SLOT + scps.length + rcps.length;

    this.actionText = this.actions.map((a) => {
      const t = typeof a === 'string' ? a.trim() : '';
      return isActionName(t) ? t : '';
    });
    this.actionFacts = this.actionText.map((a) => {
      const facts = callerRequest(this.probe.principal, undefined);
      if (a) setActionFacts(facts, a, { identity: [], scps, rcps });
      return facts;
    });

    // Resources: trimmed ARN, group, policy and its plans.
    this.resourceText = this.resources.map((arn) => (typeof arn === 'string' ? arn.trim() : ''));
    this.groupOf = new Int32Array(nR);
    const groupIndex = new Map<string, number>();
    this.resourceText.forEach((arn, r) => {
      if (!arn) return;
      const i = resourceInfo(arn);
      // INVARIANT: RequestContext reads a resource only through these ARN parts.
      const g = intern(groupIndex, JSON.stringify([i.partition, i.service, i.region, i.account]));
      if (g === this.groupArn.length) this.groupArn.push(arn);
      this.groupOf[r] = g;
    });
    this.resourcePolicy = resourcesIn.map((_, r) => {
      const raw = asOne(resourceAt(given, r).policy);
      return raw.length ? this.slotted(raw[0], 'resource', 0, RESOURCE_SLOT) : undefined;
    });
    this.resourcePlans = this.resourcePolicy.map((policy, r) => (policy && this.resourceText[r] ? this.resourcePlan(policy, r) : undefined));
    this.resourceCells = this.actions.map(() => new Uint8Array(nR));
    this.flags = new Uint8Array(nR);
    this.valid = Uint8Array.from(this.resourceText, (text) => (text ? 1 : 0));
    this.byGroup = Int32Array.from(
      this.resourceText.map((_, r) => r).filter((r) => this.resourceText[r]),
    ).sort((x, y) => this.groupOf[x] - this.groupOf[y] || x - y);
    // setResourceFacts works out resourcePolicyOff from the resource and whether it has a policy alone.
    this.resourceFlags = this.resourceText.map((text, r) => {
      if (!text) return 0;
      const groups: Groups<SlotPolicy> = { identity: [], scps, rcps, resource: this.resourcePolicy[r] };
      setResourceFacts(this.probe, text, this.probe.ctx, groups);
      return (groups.resource ? 1 : 0) | (this.probe.resourcePolicyOff ? 4 : 0);
    });

    // Callers are read when evaluated; texts that more than one caller uses are compiled
    // once and kept, the others compiled for their caller and let go (most of an account's
    // policy text is inline policies: keeping it all would make the collector's work grow).
    this.scps = scps;
    this.rcps = rcps;
    for (let i = 0; i < principalsIn.length; i++)
      for (const x of principalAt(given, i).policies) {
        if (typeof x.text !== 'string' || (x.kind !== 'identity' && x.kind !== 'boundary' && x.kind !== 'session')) continue;
        const uses = this.uses.get(x.kind) ?? this.uses.set(x.kind, new Map()).get(x.kind)!;
        uses.set(x.text, (uses.get(x.text) ?? 0) + 1);
      }
  }

  /** Caller `p`: its policies in their slots, with the shared SCPs and RCPs. */
  private callerAt(i: number): Caller {
    const p = principalAt(this.input, i);
    const info = typeof p.arn === 'string' ? parsePrincipal(p.arn) : undefined;
    // A role's trust policy (kind `resource`) is not the repository's policy: it takes no part.
    const of = (kind: PolicyKind) => p.policies.filter((x) => x.kind === kind).map((x) => x.text);
    const boundary = asOne(of('boundary')[0]);
    const session = asOne(of('session')[0]);
    const groups: Groups<SlotPolicy> = {
      identity: info ? of('identity').map((raw, k) => this.slotted(raw, 'identity', k, this.orgSlots + k)) : [],
      boundary: info && boundary.length ? this.slotted(boundary[0], 'boundary', 0, BOUNDARY_SLOT) : undefined,
      session: info && session.length ? this.slotted(session[0], 'session', 0, SESSION_SLOT) : undefined,
      scps: this.scps,
      rcps: this.rcps,
    };
    return { info, groups, context: contextOf(this.input, p.arn) };
  }

  /**
   * A policy compiled as simulate compiles it (once per kind and text), in a slot. The
   * ref is the one simulate would give it; statements and their caches are shared.
   */
  private slotted(raw: unknown, kind: PolicyKind, index: number, slot: number): SlotPolicy {
    const ref: PolicyRef = { kind, index, name: defaultPolicyName(kind, index), id: `${kind}:${index}` };
    // Kept: texts of more than one caller, and SCPs, RCPs and repository policies (made once).
    const keep = typeof raw === 'string' && (kind === 'scp' || kind === 'rcp' || kind === 'resource' || (this.uses.get(kind)?.get(raw) ?? 0) > 1);
    const byText = keep ? (this.compiled.get(kind) ?? this.compiled.set(kind, new Map()).get(kind)!) : undefined;
    let policy = byText?.get(raw as string);
    if (!policy) {
      policy = compileSources([sourceOf(raw, ref)]).all[0];
      byText?.set(raw as string, policy);
    }
    return { ...policy, ref, slot };
  }

  /** The resources a statement's Resource matches (no policy variables: the ARN alone decides). */
  private staticHits(cs: CompiledStatement, kind: PolicyKind): Int32Array {
    let hits = this.hitsByStatement.get(cs);
    if (hits) return hits;
    const values = cs.statement.resource ?? cs.statement.notResource;
    const text = !cs.resourceElement
      ? JSON.stringify(['implicit', kind])
      : values && values.every((v) => !v.value.includes('${'))
        ? JSON.stringify([cs.resourceElement, values.map((v) => v.value)])
        : undefined;
    hits = text === undefined ? undefined : this.hitsByText.get(text);
    if (!hits) {
      const list: number[] = [];
      const req = this.probe;
      for (let r = 0; r < this.resources.length; r++) {
        if (!this.resourceText[r]) continue;
        req.resource = this.resourceText[r];
        // INVARIANT: without policy variables, resourceMatches reads req.resource alone.
        if (resourceMatches(cs, kind, req)) list.push(r);
      }
      hits = Int32Array.from(list);
      if (text !== undefined) this.hitsByText.set(text, hits);
    }
    this.hitsByStatement.set(cs, hits);
    return hits;
  }

  private pending(cs: CompiledStatement, kind: PolicyKind): Pending {
    let x = this.pendingOf.get(cs);
    if (x?.kind !== kind) this.pendingOf.set(cs, (x = this.makePending(cs, kind)));
    return x;
  }

  private makePending(cs: CompiledStatement, kind: PolicyKind): Pending {
    const deny = cs.statement.effect?.value === 'Deny';
    // Policies attached to the caller name it whatever the request (principalMatch reads nothing of it).
    const self = kindInfo(kind).attachedToResource ? undefined : principalMatch(cs, kind, this.probe);
    return {
      cs,
      kind,
      add: self ? (deny ? DENY : WHO_CODE[self]) : -1,
      deny,
      principalClass: self ? -1 : intern(this.principalClasses, principalKey(cs, kind)),
      conditionClass: cs.conditions.length > 0 ? intern(this.conditionClasses, conditionKey(cs)) : -1,
      conditionPerGroup: cs.readsKeys().some(keyReadsResource),
      hits: cs.resourceReadsContext ? undefined : this.staticHits(cs, kind),
    };
  }

  /** Per action: the bytes every caller gets from this caller-side policy, and what to look at per caller. */
  private sidePlans(policy: CompiledPolicy): SidePlan[] {
    let plans = this.plans.get(policy.statements);
    if (plans) return plans;
    plans = this.actionText.map((action, a) => {
      if (!action) return { base: this.zero, pending: [] };
      const covers = policy.actionHits(this.actionFacts[a].actionLower);
      let base: Uint8Array | undefined;
      const pending: Pending[] = [];
      policy.statements.forEach((cs, i) => {
        if (covers[i] === 0 || cs.skipped) return;
        const x = this.pending(cs, policy.kind);
        if (x.add < 0 || !x.hits || x.conditionClass >= 0) {
          pending.push(x);
          return;
        }
        base ??= new Uint8Array(this.resources.length);
        for (let k = 0; k < x.hits.length; k++) base[x.hits[k]] = MERGE[(base[x.hits[k]] << 4) | x.add];
      });
      return { base: base ?? this.zero, pending };
    });
    this.plans.set(policy.statements, plans);
    return plans;
  }

  /** Per action: the statements of resource `r`'s policy that cover it and, unless they read the context, its resource. */
  private resourcePlan(policy: SlotPolicy, r: number): Pending[][] {
    return this.actionText.map((action, a) => {
      if (!action) return [];
      const covers = policy.actionHits(this.actionFacts[a].actionLower);
      const out: Pending[] = [];
      policy.statements.forEach((cs, i) => {
        if (covers[i] === 0 || cs.skipped) return;
        const x = this.pending(cs, policy.kind);
        if (!x.hits || x.hits.includes(r)) out.push(x);
      });
      return out;
    });
  }

  /** Writes caller `p`'s cells (resources × actions) at `offset`. */
  evaluate(p: number, decisions: Uint8Array, stages: Uint8Array, offset: number): void {
    try {
      if (!this.meter.spent) return this.meter.run(() => this.evaluateFast(p, decisions, stages, offset));
    } catch (e) {
      // INVARIANT: only the budget is reached; if anything else is, simulate itself answers (and never throws).
      if (!(e instanceof TooCostly)) return this.evaluateSlowly(p, decisions, stages, offset);
    }
    // Past the run's matching budget: the caller's cells are refused as input, never allowed.
    const cells = this.resources.length * this.actions.length;
    decisions.fill(IMPLICIT_DENY, offset, offset + cells);
    stages.fill(INPUT_STAGE, offset, offset + cells);
  }

  private evaluateSlowly(p: number, decisions: Uint8Array, stages: Uint8Array, offset: number): void {
    bySimulate(this.input, p, this.resources.length, this.actions.length, decisions, stages, offset);
  }

  private evaluateFast(p: number, decisions: Uint8Array, stages: Uint8Array, offset: number): void {
    const nR = this.resources.length;
    const nA = this.actions.length;
    const caller = this.callerAt(p);
    const info = caller.info;
    const given = readGivenContext(caller.context);
    if (!info || typeof given === 'string') {
      // simulate: a principal AWS could not authenticate, or a context it refuses (a value
      // that is not text), makes an incomplete request.
      decisions.fill(IMPLICIT_DENY, offset, offset + nR * nA);
      stages.fill(INPUT_STAGE, offset, offset + nR * nA);
      return;
    }
    const sides = sidePolicies(caller.groups);
    for (const policy of sides) this.sidePlans(policy);
    // Classes met for the first time (in this caller's plans) need room in the memos.
    if (this.principalMemo.length < this.principalClasses.size) this.principalMemo = new Uint8Array(this.principalClasses.size * 2);
    if (this.conditionMemo.length < this.conditionClasses.size * Math.max(1, this.groupArn.length))
      this.conditionMemo = new Uint8Array(this.conditionClasses.size * 2 * Math.max(1, this.groupArn.length));
    const nG = this.groupArn.length;
    const ctxs = this.groupArn.map((arn) => new RequestContext(caller.context, info, arn, this.clock, given));
    const groups = caller.groups;
    const req = callerRequest(info, ctxs[0]);
    setCallerFacts(req, groups);
    const principalMemo = this.principalMemo;
    const conditionMemo = this.conditionMemo;
    principalMemo.fill(0);
    conditionMemo.fill(0);
    const groupOf = this.groupOf;
    const byGroup = this.byGroup;
    const texts = this.resourceText;

    /** The MERGE `add` of a statement for this caller; 0 when it does not name the caller. */
    const addOf = (x: Pending): number => {
      if (x.add >= 0) return x.add;
      let m = principalMemo[x.principalClass];
      if (m === 0) {
        const who = principalMatch(x.cs, x.kind, req);
        principalMemo[x.principalClass] = m = 1 + (who ? WHO_CODE[who] : 0);
      }
      return m === 1 ? 0 : x.deny ? DENY : m - 1;
    };
    const holds = (x: Pending, g: number): boolean => {
      if (x.conditionClass < 0) return true;
      // INVARIANT: without a key that reads the resource, every group's context answers alike.
      const k = x.conditionClass * nG + (x.conditionPerGroup ? g : 0);
      let m = conditionMemo[k];
      if (m === 0) conditionMemo[k] = m = conditionsMatch(x.cs, ctxs[g]) ? 1 : 2;
      return m === 1;
    };
    /** For a statement whose Resource reads the context: does it match resource r? */
    const matchesAt = (x: Pending, r: number): boolean => {
      req.resource = texts[r];
      req.ctx = ctxs[groupOf[r]];
      return resourceMatches(x.cs, x.kind, req);
    };

    // Caller-side policies: per slot and action, the shared bytes or this caller's.
    const slots = this.orgSlots + groups.identity.length;
    const rows: Uint8Array[][] = this.actions.map(() => new Array<Uint8Array>(slots).fill(this.zero));
    for (const policy of sides) {
      const plans = this.sidePlans(policy);
      for (let a = 0; a < nA; a++) {
        const plan = plans[a];
        if (plan.pending.length === 0) {
          rows[a][policy.slot] = plan.base;
          continue;
        }
        const cells = this.scratchFor(policy.slot, a);
        cells.set(plan.base);
        for (const x of plan.pending) {
          const add = addOf(x);
          if (add === 0) continue;
          const hits = x.hits;
          if (hits && !x.conditionPerGroup) {
            // The same answer for every resource: the conditions are asked once.
            if (hits.length === 0 || !holds(x, groupOf[hits[0]])) continue;
            for (let k = 0; k < hits.length; k++) cells[hits[k]] = MERGE[(cells[hits[k]] << 4) | add];
          } else if (hits) {
            // The conditions are asked once per resource group.
            const parts = (x.hitsByGroup ??= this.splitByGroup(hits));
            for (let g = 0; g < parts.length; g++) {
              const part = parts[g];
              if (part.length === 0 || !holds(x, g)) continue;
              for (let k = 0; k < part.length; k++) cells[part[k]] = MERGE[(cells[part[k]] << 4) | add];
            }
          } else {
            // Resource group by group: a templated Resource resolves once per context.
            for (let k = 0; k < byGroup.length; k++) {
              const r = byGroup[k];
              if (holds(x, groupOf[r]) && matchesAt(x, r)) cells[r] = MERGE[(cells[r] << 4) | add];
            }
          }
        }
        rows[a][policy.slot] = cells;
      }
    }

    // Resource-based policies: per resource that has one, and action.
    for (let a = 0; a < nA; a++) rows[a][RESOURCE_SLOT] = this.resourceCells[a];
    for (let r = 0; r < nR; r++) {
      const plan = this.resourcePlans[r];
      if (!plan) continue;
      const g = groupOf[r];
      for (let a = 0; a < nA; a++) {
        let code = 0;
        const list = plan[a];
        for (let k = 0; k < list.length; k++) {
          const x = list[k];
          const add = addOf(x);
          if (add !== 0 && holds(x, g) && (x.hits || matchesAt(x, r))) code = MERGE[(code << 4) | add];
        }
        this.resourceCells[a][r] = code;
      }
    }

    // The facts gather reads of each resource's request: whether it has a policy and whether
    // that policy is off (the same for every caller), and whether the request is
    // cross-account, which setResourceFacts works out from the caller and the context alone
    // (so once per resource group).
    const flags = this.flags;
    groups.resource = undefined;
    const crossAccount = ctxs.map((ctx, g) => {
      setResourceFacts(req, this.groupArn[g], ctx, groups);
      return req.crossAccount;
    });
    for (let r = 0; r < nR; r++) flags[r] = this.resourceFlags[r] | (crossAccount[groupOf[r]] ? 2 : 0);

    // Each request: gather (with a visitor reading the bytes) and decide, as simulate does.
    // Within one caller and action, what gather reads that varies by resource is the byte
    // of each slot, groups.resource, req.crossAccount and req.resourcePolicyOff: requests
    // that agree on all of them get the same outcome, worked out once.
    // INVARIANT: the key holds every one of them (`flags` and each slot's byte).
    let row = rows[0];
    let at = 0;
    const visit: PolicyVisitor<SlotPolicy> = (policy, _req, tally) => {
      if (policy === undefined) return false;
      const c = row[policy.slot][at];
      tally.who = WHO[c & 7];
      if (c & DENY) tally.explicitDeny = true;
      return (c & 7) !== 0;
    };
    const keys = this.keys;
    const valid = this.valid;
    const seenAt = this.seenAt;
    const seenAs = this.seenAs;
    for (let a = 0; a < nA; a++) {
      const out = offset + a;
      if (!this.actionText[a]) {
        for (let r = 0; r < nR; r++) {
          decisions[out + r * nA] = IMPLICIT_DENY;
          stages[out + r * nA] = INPUT_STAGE;
        }
        continue;
      }
      const facts = this.actionFacts[a];
      req.action = facts.action;
      req.actionLower = facts.actionLower;
      req.trustPolicy = facts.trustPolicy;
      req.rcpOff = facts.rcpOff;
      row = rows[a];
      // Keys: mixed radix over the slots, three at a time (a byte is 4 bits), the values
      // that occur renumbered in order of appearance, so keys stay small integers.
      keys.set(flags);
      let size = 8;
      const vary = row.filter((cells) => cells !== this.zero);
      for (let s = 0; s < vary.length && size <= MAX_KEYS; s += 3) {
        const c0 = vary[s];
        const c1 = vary[s + 1] ?? this.zero;
        const c2 = vary[s + 2] ?? this.zero;
        const at = ++this.seenStamp;
        let n = 0;
        for (let r = 0; r < nR; r++) {
          const c = c0[r] | (c1[r] << 4) | (c2[r] << 8);
          let v: number;
          if (seenAt[c] === at) v = seenAs[c];
          else {
            seenAt[c] = at;
            v = seenAs[c] = n++;
          }
          keys[r] += v * size;
        }
        size *= n;
      }
      const memo = size <= MAX_KEYS;
      const table = size <= TABLE_KEYS;
      const stamp = ++this.stamp;
      if (!table) this.bigTable.clear();
      for (let r = 0; r < nR; r++) {
        const cell = out + r * nA;
        if (!valid[r]) {
          decisions[cell] = IMPLICIT_DENY;
          stages[cell] = INPUT_STAGE;
          continue;
        }
        let code: number | undefined;
        const key = keys[r];
        if (table && this.tableStamp[key] === stamp) code = this.tableCode[key];
        else if (memo && !table) code = this.bigTable.get(key);
        if (code === undefined) {
          groups.resource = this.resourcePolicy[r];
          setResourceFacts(req, texts[r], ctxs[groupOf[r]], groups);
          at = r;
          code = outcomeCode(decide(gather(groups, req, undefined, visit)));
          if (table) {
            this.tableStamp[key] = stamp;
            this.tableCode[key] = code;
          } else if (memo) this.bigTable.set(key, code);
        }
        decisions[cell] = code & 3;
        stages[cell] = code >> 2;
      }
    }
    groups.resource = undefined;
  }

  /** Hits by resource group; statements with the same Resource share their hits, and so this. */
  private splitByGroup(hits: Int32Array): Int32Array[] {
    let parts = this.partsOf.get(hits);
    if (!parts) {
      const lists: number[][] = this.groupArn.map(() => []);
      for (let k = 0; k < hits.length; k++) lists[this.groupOf[hits[k]]].push(hits[k]);
      this.partsOf.set(hits, (parts = lists.map((part) => Int32Array.from(part))));
    }
    return parts;
  }

  private readonly partsOf = new WeakMap<Int32Array, Int32Array[]>();

  private scratchFor(slot: number, a: number): Uint8Array {
    const bySlot = (this.scratch[slot] ??= []);
    return (bySlot[a] ??= new Uint8Array(this.resources.length));
  }
}

/** The caller-side policies of a request's groups (all but the resource-based policy). */
function sidePolicies(groups: Groups<SlotPolicy>): SlotPolicy[] {
  const out = [...groups.identity];
  if (groups.boundary) out.push(groups.boundary);
  if (groups.session) out.push(groups.session);
  out.push(...groups.scps, ...groups.rcps);
  return out;
}

function callerRequest(principal: PrincipalInfo, ctx: RequestContext | undefined): PreparedRequest {
  return blankRequest(principal, ctx ?? new RequestContext(undefined, principal, '', new Clock()));
}
