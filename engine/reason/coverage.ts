// coverage and fullMatrix: every request of the partition simulated with its trace, then
// read per statement (what it applies to, what it decides) and per matrix cell.
import { getAction } from '../catalog/index.ts';
import type { SimulationResult, StatementRef } from '../evaluate/result.ts';
import { LineIndex } from '../source/lines.ts';
import { runScope } from './compare.ts';
import { budgetSpent, withBudget } from '../match/budget.ts';
import { compileWorkspace, TOO_COSTLY_BOUND, underBudget } from './evaluate.ts';
import { buildSpace, requestsFor } from './space.ts';
import type { CoverageFinding, CoverageResult, FullMatrix, MatrixAction, MatrixCell, ReasonOptions, ScopeBound, StatementCoverage, StatementLocation, Workspace } from './types.ts';

const key = (policy: number, statement: number) => `${policy}/${statement}`;

interface Tally {
  loc: StatementLocation;
  applies: number;
  decides: number;
  /** Requests it decided alone among its group (no other Allow of the same stage also granted). */
  decidesAlone: number;
  tests: string[];
  /** Per condition entry: times it held, times it was evaluated (element matches given). */
  conditions: { held: number; evaluated: number; span: StatementLocation['span'] }[];
  /** Times the elements matched but the block failed while each entry held somewhere. */
  blockEvaluated: number;
  blockHeld: number;
}

/** What coverage reads from every simulation. */
function visit(tallies: Map<string, Tally>, result: SimulationResult, test?: string): void {
  const decisive = new Set(result.decisiveStatements.map((s) => key(Number(s.policy.id), s.statementIndex)));
  // Allows that granted, by stage: identity policies are one stage together.
  const byStage = new Map<string, StatementRef[]>();
  if (result.decision === 'Allow') for (const s of result.decisiveStatements) byStage.set(s.policy.kind, [...(byStage.get(s.policy.kind) ?? []), s]);
  for (const p of result.policies) {
    for (const st of p.statements) {
      const t = tallies.get(key(Number(p.ref.id), st.ref.statementIndex));
      if (!t) continue;
      if (st.applies) t.applies++;
      const k = key(Number(p.ref.id), st.ref.statementIndex);
      if (decisive.has(k)) {
        t.decides++;
        if (test !== undefined) t.tests.push(test);
        if ((byStage.get(p.ref.kind)?.length ?? 0) <= 1 || result.decision !== 'Allow') t.decidesAlone++;
      }
      if (test !== undefined) continue;
      if (st.action.matched && st.resource.matched && st.principal.matched && !st.skipped) {
        t.blockEvaluated++;
        if (st.conditionsMatched) t.blockHeld++;
        st.conditions.forEach((c, i) => {
          const slot = t.conditions[i];
          if (!slot) return;
          slot.evaluated++;
          if (c.matched) slot.held++;
        });
      }
    }
  }
}

/** Every statement of the workspace, located, with an empty tally. */
function tallyAll(workspace: Workspace, space: ReturnType<typeof buildSpace>): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const lines = workspace.policies.map((p) => new LineIndex(p.text));
  for (const s of space.facts[0]?.statements ?? []) {
    const st = s.statement;
    const li = lines[s.policyIndex];
    tallies.set(key(s.policyIndex, st.index), {
      loc: {
        policy: s.policyName,
        kind: s.kind,
        policyIndex: s.policyIndex,
        statementIndex: st.index,
        sid: st.sid?.value,
        effect: st.effect?.value,
        span: st.span,
        range: { start: li.position(st.span.start), end: li.position(st.span.end) },
      },
      applies: 0,
      decides: 0,
      decidesAlone: 0,
      tests: [],
      conditions: (st.condition ?? []).map((c) => ({ held: 0, evaluated: 0, span: c.span })),
      blockEvaluated: 0,
      blockHeld: 0,
    });
  }
  return tallies;
}

/** Coverage of a workspace's statements against its tests and against the whole partition. */
export function coverage(workspace: Workspace, options: ReasonOptions = {}): CoverageResult {
  // One matching budget for the whole run (see compareWorkspaces).
  return withBudget(() => coverageWithin(workspace, options));
}

function coverageWithin(workspace: Workspace, options: ReasonOptions): CoverageResult {
  const opts: ReasonOptions = { ...options, now: options.now ?? new Date() };
  const space = buildSpace([workspace]);
  const set = compileWorkspace(workspace, opts);
  const tallies = tallyAll(workspace, space);
  const bounds: ScopeBound[] = [];
  let requests = 0;
  const fromTests = tallyAll(workspace, space);
  const finished = underBudget(() => {
    for (const action of space.actions)
      for (const r of space.resourcesByAction[action] ?? [])
        for (const request of requestsFor(space, action, r, opts, bounds)) {
          const result = set.simulate(request);
          if (budgetSpent()) return false;
          requests++;
          visit(tallies, result);
        }
    // Tests count separately: "decides no test" is about them only.
    for (const t of workspace.tests ?? []) {
      const result = set.simulate(t.request);
      if (budgetSpent()) return false;
      visit(fromTests, result, t.name);
    }
    return true;
  });
  if (!finished) bounds.push(TOO_COSTLY_BOUND);

  const statements: StatementCoverage[] = [];
  const findings: CoverageFinding[] = [];
  const lines = workspace.policies.map((p) => new LineIndex(p.text));
  for (const [k, t] of tallies) {
    const tests = fromTests.get(k)?.tests ?? [];
    statements.push({ ...t.loc, appliesIn: t.applies, decidesIn: t.decides, decidesTests: [...new Set(tests)] });
    const name = t.loc.sid ? `\`${t.loc.sid}\`` : `statement ${t.loc.statementIndex}`;
    const find = (finding: CoverageFinding['finding'], message: string, extra: Partial<CoverageFinding> = {}) => findings.push({ ...t.loc, finding, message, ...extra });
    if (t.applies === 0) find('never-applies', `${name} applies to no request of the partition: it decides nothing.`);
    else if (t.decides === 0) find('shadowed', `${name} applies to ${t.applies} request(s) but decides none: other statements or stages decide each of them.`);
    else if (t.loc.effect === 'Allow' && t.decidesAlone === 0) find('redundant-allow', `${name} is redundant: every request it grants is granted by another Allow of the same stage.`);
    if (t.decides > 0 && tests.length === 0 && (workspace.tests?.length ?? 0) > 0) find('decides-no-test', `${name} decides ${t.decides} request(s) of the partition but none of the tests.`);
    if (t.decides > 0 && (workspace.tests?.length ?? 0) === 0) find('decides-no-test', `${name} decides ${t.decides} request(s); the workspace has no tests.`);
    if (t.blockEvaluated > 0) {
      const li = lines[t.loc.policyIndex];
      t.conditions.forEach((c) => {
        if (c.evaluated === 0) return;
        const at = { conditionSpan: c.span, conditionRange: { start: li.position(c.span.start), end: li.position(c.span.end) } };
        if (c.held === c.evaluated) find('condition-always-true', `A condition of ${name} holds for every request the partition has for it: it restricts nothing.`, at);
        else if (c.held === 0) find('condition-always-false', `A condition of ${name} holds for no request the partition has for it: the statement never applies.`, at);
      });
      if (t.blockHeld === 0 && t.conditions.length > 1 && t.conditions.every((c) => c.held > 0)) {
        find('conditions-contradict', `The conditions of ${name} each hold for some request, but never together: they contradict each other.`);
      }
    }
  }
  return { statements, findings, scope: runScope(space, requests, bounds) };
}

/** Every ECR and ECS action (and every action named) × resource cells × principal cells, each with its decision and reason. */
export function fullMatrix(workspace: Workspace, options: ReasonOptions = {}): FullMatrix {
  return withBudget(() => matrixWithin(workspace, options));
}

function matrixWithin(workspace: Workspace, options: ReasonOptions): FullMatrix {
  const opts: ReasonOptions = { ...options, now: options.now ?? new Date() };
  const space = buildSpace([workspace]);
  const set = compileWorkspace(workspace, opts);
  const actions: MatrixAction[] = space.actions.map((a) => {
    const info = getAction(a);
    return { action: a, service: a.split(':')[0], accessLevel: info?.accessLevel ?? 'Write', resourceLevel: info?.resourceLevel ?? true };
  });
  const tests = workspace.tests ?? [];
  const cells: MatrixCell[] = [];
  let refused = false;
  const finished = underBudget(() => {
    for (let ai = 0; ai < space.actions.length; ai++) {
      const action = space.actions[ai];
      for (const ri of space.resourcesByAction[action] ?? []) {
        for (let pi = 0; pi < space.principals.length; pi++) {
          const p = space.principals[pi];
          const request = { principal: p.arn, action, resource: space.resources[ri].arn };
          const result = refused ? undefined : set.simulate(request);
          if (result === undefined || budgetSpent()) {
            // Past the matching budget every cell is still there, refused: a matrix has no holes.
            refused = true;
            cells.push({ action: ai, resource: ri, principal: pi, decision: 'ImplicitDeny', reason: 'Not evaluated: matching grew too costly.', stage: 'input' });
            continue;
          }
          const deciding = result.decisiveStatements[0];
          const reason = deciding
            ? `${deciding.effect} by ${deciding.policy.name} ${deciding.sid ? `\`${deciding.sid}\`` : `statement ${deciding.statementIndex}`}`
            : (result.steps.find((s) => s.stage === result.decidingStage)?.summary ?? result.message);
          const cell: MatrixCell = { action: ai, resource: ri, principal: pi, decision: result.decision, reason, stage: result.decidingStage };
          const conflicting = tests.filter((t) => t.request.action === action && t.request.resource === request.resource && t.request.principal === p.arn && t.expect !== result.decision);
          if (conflicting.length > 0) cell.conflictingTests = conflicting.map((t) => t.name);
          cells.push(cell);
        }
      }
    }
    return true;
  });
  const bounds: ScopeBound[] = refused || !finished ? [TOO_COSTLY_BOUND] : [];
  return { actions, resources: space.resources, principals: space.principals, cells, scope: runScope(space, cells.length, bounds) };
}
