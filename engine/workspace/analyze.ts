// analyzeWorkspace: a whole workspace in, everything the app, the files and the CLI
// show out, from one parse of each policy: the decision and trace for the request,
// every policy's diagnostics (keyed by the caller's id), every test's result, and
// whether AWS would accept the policies as written.
import { Meter } from '../match/budget.ts';
import type { ActionNames } from '../catalog/index.ts';
import { compileSources, policySetOf, refusalOf, type CompiledPolicySet, type PolicySource } from '../evaluate/simulate.ts';
import type { Decision, PolicyRef, Refusal, SimulationRequest, SimulationResult, StageName } from '../evaluate/result.ts';
import { kindInfo } from '../policy/kinds.ts';
import { parsePolicy } from '../policy/parse.ts';
import { JSON_PROBLEM_CODES } from '../source/json.ts';
import type { ParsedPolicy, PolicyKind } from '../types.ts';
import { CODES, type DiagnosticCode } from '../validate/codes.ts';
import type { Diagnostic, ValidateOptions } from '../validate/types.ts';
import { isRefusal, refusalsOf, validateParsed } from '../validate/validate.ts';

/** One policy of a workspace. `id` names it in the results (its position when left out). */
export interface WorkspacePolicyInput {
  id?: string;
  kind: PolicyKind;
  name: string;
  text: string;
  /** False: kept in the workspace, left out of the decision. */
  enabled?: boolean;
}

/** A policy test: a request and the decision it should get (`Deny` accepts either kind of deny). */
export interface WorkspaceTestInput {
  id?: string;
  name: string;
  request: SimulationRequest;
  expect: Decision | 'Deny';
}

export interface WorkspaceInput {
  policies: readonly WorkspacePolicyInput[];
  request: SimulationRequest;
  tests?: readonly WorkspaceTestInput[];
}

export interface AnalyzeOptions {
  /** Every service's action names (`loadAllActionNames`), so that any misspelt action is found. */
  actionNames?: ActionNames;
  /** Fixes aws:CurrentTime and aws:EpochTime; defaults to now. */
  now?: string | Date;
  /**
   * `'refusals'`: run only the checks that can make AWS refuse a policy (they read the text
   * alone, no service catalog), so diagnostics hold only those findings (without quick fixes); the decision, the
   * tests and the acceptance are the same as with `'all'` (the default). For a first paint;
   * analyze again with `'all'` for every finding.
   */
  checks?: 'all' | 'refusals';
}

/** What the analysis says about one policy. */
export interface PolicyAnalysis {
  id: string;
  kind: PolicyKind;
  name: string;
  /** Whether the policy takes part in the decision. */
  takesPart: boolean;
  /** Why not, when it does not. */
  leftOut?: string;
  /** Every finding, in text order; a policy left out has one saying why. */
  diagnostics: Diagnostic[];
  /** False while the text is not well-formed JSON (half typed): decisions then come from a partial parse. */
  wellFormed: boolean;
}

/** The result of one policy test. */
export interface TestResult {
  /** The test's id, or its position. */
  id: string;
  name: string;
  request: SimulationRequest;
  expect: Decision | 'Deny';
  actual: Decision;
  pass: boolean;
  /** For a failing test: the stage that decided, and what AWS would say (the AccessDenied message, or why it is allowed). */
  why?: { stage: StageName; message: string };
}

export interface WorkspaceAnalysis {
  /** The decision and full trace for the workspace's request; policies are named by their ids. */
  result: SimulationResult;
  /** The policies that take part, compiled: decide or simulate more requests against them without parsing again. */
  compiled: CompiledPolicySet;
  /** Per policy, in the order given. */
  policies: PolicyAnalysis[];
  /** Every policy's diagnostics, keyed by its id. */
  diagnostics: Record<string, Diagnostic[]>;
  tests: TestResult[];
  failingTests: number;
  /** Whether AWS would accept every policy that takes part, as written. */
  accepted: boolean;
  /** The findings that make AWS refuse a policy that takes part, in workspace order. */
  refusals: Refusal[];
  /** Ids of the policies taking part whose text is not well-formed JSON yet. */
  malformed: string[];
}

/** Per-policy work kept between calls of an analyzer: a policy is parsed and validated again only when it changed. */
interface PolicyWork {
  kind: PolicyKind;
  text: string;
  account: string | undefined;
  names: ActionNames | undefined;
  checks: 'all' | 'refusals';
  parsed: ParsedPolicy;
  diagnostics: Diagnostic[];
}

/** The account of an ARN, when it has a 12-digit one. */
function accountOf(arn: string): string | undefined {
  const account = typeof arn === 'string' ? arn.split(':')[4] : undefined;
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

function testPasses(expect: Decision | 'Deny', actual: Decision): boolean {
  return expect === 'Deny' ? actual !== 'Allow' : actual === expect;
}

function workspaceDiagnostic(code: DiagnosticCode, message: string): Diagnostic {
  return { code, severity: CODES[code].severity, message, span: { start: 0, end: 0 }, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
}

/**
 * A workspace analyzer that remembers each policy's parse and diagnostics between
 * calls, so an edit of one policy re-reads only that policy. The app keeps one.
 */
export interface WorkspaceAnalyzer {
  analyze(workspace: WorkspaceInput, options?: AnalyzeOptions): WorkspaceAnalysis;
}

export function createWorkspaceAnalyzer(): WorkspaceAnalyzer {
  let kept = new Map<string, PolicyWork>();
  return {
    analyze(workspace, options = {}) {
      const next = new Map<string, PolicyWork>();
      const analysis = analyzeWith(workspace, options, (id, kind, text, account) => {
        const old = kept.get(id);
        const work =
          old && old.kind === kind && old.text === text && old.account === account && old.names === options.actionNames && (old.checks === 'all' || options.checks === 'refusals')
            ? old
            : freshWork(kind, text, account, options.actionNames, options.checks);
        next.set(id, work);
        return work;
      });
      kept = next;
      return analysis;
    },
  };
}

/** Analyzes a workspace once (see `createWorkspaceAnalyzer` for repeated analysis). Never throws. */
export function analyzeWorkspace(workspace: WorkspaceInput, options: AnalyzeOptions = {}): WorkspaceAnalysis {
  return analyzeWith(workspace, options, (_id, kind, text, account) => freshWork(kind, text, account, options.actionNames, options.checks));
}

function freshWork(kind: PolicyKind, text: string, account: string | undefined, names: ActionNames | undefined, checks: 'all' | 'refusals' = 'all'): PolicyWork {
  const parsed = parsePolicy(text, kind);
  const validateOptions: ValidateOptions = { resourceAccount: account, actionNames: names };
  let diagnostics: Diagnostic[];
  try {
    diagnostics = checks === 'refusals' ? refusalsOf(parsed, validateOptions) : validateParsed(parsed, validateOptions);
  } catch {
    // INVARIANT: the validator never throws; if it does, the parser's problems still show.
    diagnostics = parsed.errors.map((e) => workspaceDiagnostic(e.code as DiagnosticCode, e.message));
  }
  return { kind, text, account, names, checks, parsed, diagnostics };
}

type WorkFor = (id: string, kind: PolicyKind, text: string, account: string | undefined) => PolicyWork;

function analyzeWith(workspace: WorkspaceInput, options: AnalyzeOptions, workFor: WorkFor): WorkspaceAnalysis {
  const ws = (typeof workspace === 'object' && workspace !== null ? workspace : {}) as Partial<WorkspaceInput>;
  const given = Array.isArray(ws.policies) ? ws.policies : [];
  const request = (ws.request ?? { principal: '', action: '', resource: '' }) as SimulationRequest;
  // A resource policy belongs to the request's resource: its account lets the validator flag cross-account grants.
  const resourceAccount = accountOf(request.resource);
  const taken = new Map<PolicyKind, string>();
  const counts = new Map<PolicyKind, number>();
  const policies: PolicyAnalysis[] = [];
  const sources: PolicySource[] = [];
  const refusals: Refusal[] = [];
  const malformed: string[] = [];
  const ids = new Set<string>();
  given.forEach((p, position) => {
    // Ids name policies in the results; a missing or repeated one falls back to the position.
    let id = typeof p.id === 'string' && p.id !== '' && !ids.has(p.id) ? p.id : String(position);
    while (ids.has(id)) id = `${id}'`;
    ids.add(id);
    const kind = kindInfo(p.kind) ? p.kind : 'identity';
    const text = typeof p.text === 'string' ? p.text : '';
    const name = typeof p.name === 'string' && p.name.trim() !== '' ? p.name : id;
    const work = workFor(id, kind, text, kind === 'resource' ? resourceAccount : undefined);
    const diagnostics = work.diagnostics.slice();
    const wellFormed = !work.parsed.errors.some((e) => JSON_PROBLEM_CODES.has(e.code));
    let leftOut: string | undefined;
    if (p.enabled === false) {
      leftOut = 'it is turned off';
      diagnostics.unshift(workspaceDiagnostic('policy-disabled', `\`${name}\` is turned off, so it takes no part in the decision.`));
    } else if (kindInfo(kind).cardinality === 'one' && taken.has(kind)) {
      leftOut = `a request is evaluated with one ${kindInfo(kind).label.toLowerCase()}, and \`${taken.get(kind)}\` comes first`;
      diagnostics.unshift(
        workspaceDiagnostic('policy-left-out', `A request is evaluated with one ${kindInfo(kind).label.toLowerCase()}; \`${taken.get(kind)}\` comes first, so \`${name}\` takes no part.`),
      );
    }
    policies.push({ id, kind, name, takesPart: !leftOut, leftOut, diagnostics, wellFormed });
    if (leftOut) return;
    taken.set(kind, name);
    const index = counts.get(kind) ?? 0;
    counts.set(kind, index + 1);
    const ref: PolicyRef = { id, kind, index, name };
    sources.push({ ref, parsed: work.parsed });
    if (!wellFormed) malformed.push(id);
    for (const d of work.diagnostics) if (isRefusal(d)) refusals.push(refusalOf(ref, d));
  });

  const set: CompiledPolicySet = policySetOf(compileSources(sources, () => refusals), options.now);
  // One budget for the request and every test: a hostile workspace is refused as a whole, not once per test.
  const meter = new Meter();
  const result = meter.run(() => set.simulate(request));
  const tests: TestResult[] = (Array.isArray(ws.tests) ? ws.tests : []).map((t, i) => {
    const actual = meter.run(() => set.decide(t.request));
    // A test the budget could not answer fails: its simulate below says why.
    const pass = !meter.spent && testPasses(t.expect, actual);
    // The full trace only where someone will read why.
    const explained = pass ? undefined : meter.run(() => set.simulate(t.request));
    return {
      id: typeof t.id === 'string' && t.id !== '' ? t.id : String(i),
      name: t.name,
      request: t.request,
      expect: t.expect,
      actual,
      pass,
      ...(explained ? { why: { stage: explained.decidingStage, message: explained.message } } : {}),
    };
  });
  const diagnostics: Record<string, Diagnostic[]> = {};
  for (const p of policies) diagnostics[p.id] = p.diagnostics;
  return {
    result,
    compiled: set,
    policies,
    diagnostics,
    tests,
    failingTests: tests.filter((t) => !t.pass).length,
    accepted: refusals.length === 0,
    refusals,
    malformed,
  };
}
