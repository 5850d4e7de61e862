// Property tests of the comparison: a version equals itself; every difference
// reproduces; and no mutation whose effect a random search over the policies'
// constants can find goes unreported, nor with a verdict that disagrees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision, SimulationRequest } from '../evaluate/result.ts';
import { simulate } from '../evaluate/simulate.ts';
import { compareWorkspaces } from './compare.ts';
import { DECISION_RANK } from './describe.ts';
import { compileWorkspace, simulationInput } from './evaluate.ts';
import { ACCOUNT, CI_ROLE, policy, repo } from './testing.ts';
import type { Workspace } from './types.ts';

const NOW = '2026-06-01T12:00:00Z';
const ACTIONS = ['ecr:PutImage', 'ecr:BatchGetImage', 'ecr:DescribeImages', 'ecr:GetAuthorizationToken', 'ecs:RunTask', 'ecr:Put*'];
const RESOURCES = ['*', repo('team-a/*'), repo('team-?/web'), repo('team-a/web'), `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/app:*`, 'arn:aws:ecr:*:*:repository/*'];
const CONDITIONS: (Record<string, Record<string, string>> | undefined)[] = [
  undefined,
  { StringEquals: { 'aws:PrincipalTag/team': 'a' } },
  { StringLike: { 'aws:ResourceTag/env': 'prod*' } },
  { NumericLessThan: { 'ecs:task-cpu': '512' } },
  { Bool: { 'aws:SecureTransport': 'false' } },
];

interface Stmt {
  Effect: 'Allow' | 'Deny';
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

const statement = fc.record({
  Effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Deny'),
  Action: fc.constantFrom(...ACTIONS),
  Resource: fc.constantFrom(...RESOURCES),
  Condition: fc.constantFrom(...CONDITIONS),
});

function workspaceOf(statements: Stmt[]): Workspace {
  const clean = statements.map((s) => (s.Condition ? s : { Effect: s.Effect, Action: s.Action, Resource: s.Resource }));
  return { policies: [{ kind: 'identity', name: 'p', text: policy(clean) }], request: { principal: CI_ROLE, action: 'ecr:PutImage', resource: repo('team-a/web') } };
}

const OPERATOR_SWAP: Record<string, string> = { StringEquals: 'StringNotEquals', StringLike: 'StringNotLike', NumericLessThan: 'NumericGreaterThanEquals', Bool: 'Bool' };

/** The mutations the issue names. */
function mutate(statements: Stmt[], kind: number, at: number): Stmt[] {
  const out = statements.map((s) => ({ ...s }));
  const i = at % Math.max(out.length, 1);
  switch (kind) {
    case 0:
      out.splice(i, 1);
      break;
    case 1:
      if (out[i]) out[i].Action = `${out[i].Action.split(':')[0]}:*`;
      break;
    case 2:
      if (out[i]?.Condition) {
        const [op, body] = Object.entries(out[i].Condition ?? {})[0];
        out[i].Condition = { [OPERATOR_SWAP[op] ?? op]: body };
      }
      break;
    case 3:
      out.push({ Effect: 'Deny', Action: ACTIONS[at % ACTIONS.length], Resource: RESOURCES[at % RESOURCES.length] });
      break;
    default:
      if (out[i]) out[i].Resource = out[i].Resource === '*' ? repo('team-a/web') : out[i].Resource.replace(/\/[^/]*$/, '/*');
  }
  return out;
}

/**
 * Requests from the policies' constants: principals, actions, filled patterns, named values.
 * Each action gets resources of its own ARN shape (AWS sends no ecr:PutImage on `*`), as the partition does.
 */
const REPOS = [repo('team-a/web'), repo('team-b/web'), repo('team-a/x'), 'arn:aws:ecr:eu-west-1:999999999999:repository/team-a/web'];
const SHAPED: [string, string[]][] = [
  ['ecr:PutImage', REPOS],
  ['ecr:BatchGetImage', REPOS],
  ['ecr:DescribeImages', REPOS],
  ['ecr:PutLifecyclePolicy', REPOS],
  ['ecr:GetAuthorizationToken', ['*']],
  ['ecs:RunTask', [`arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/app:3`, `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:1`]],
];
const request = fc
  .record({
    principal: fc.constantFrom(CI_ROLE, 'arn:aws:iam::999999999999:role/x'),
    pair: fc.constantFrom(...SHAPED),
    pick: fc.nat(10),
    context: fc.record(
      {
        'aws:PrincipalTag/team': fc.constantFrom('a', 'b', 'A'),
        'aws:ResourceTag/env': fc.constantFrom('prod', 'prod-1', 'dev'),
        'ecs:task-cpu': fc.constantFrom('256', '511', '512', '1024'),
        'aws:SecureTransport': fc.constantFrom('true', 'false'),
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ principal, pair, pick, context }): SimulationRequest => ({ principal, action: pair[0], resource: pair[1][pick % pair[1].length], context }));

describe('compareWorkspaces (properties)', () => {
  it('finds any workspace equivalent to itself', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 0, maxLength: 4 }), (stmts) => {
        const w = workspaceOf(stmts);
        const c = compareWorkspaces(w, w, { now: NOW });
        expect(c.verdict).toBe('equivalent');
        expect(c.differences).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('reports every change a random search finds, with a verdict that agrees, and each difference reproduces', () => {
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.nat(50),
        fc.array(request, { minLength: 40, maxLength: 40 }),
        (stmts, kind, at, requests) => {
          const before = workspaceOf(stmts);
          const after = workspaceOf(mutate(stmts, kind, at));
          const a = compileWorkspace(before, { now: NOW });
          const b = compileWorkspace(after, { now: NOW });
          let up = false;
          let down = false;
          for (const r of requests) {
            const x: Decision = a.decide(r);
            const y: Decision = b.decide(r);
            if (DECISION_RANK[y] > DECISION_RANK[x]) up = true;
            if (DECISION_RANK[y] < DECISION_RANK[x]) down = true;
          }
          const c = compareWorkspaces(before, after, { now: NOW });
          if (up || down) expect(c.differences.length).toBeGreaterThan(0);
          if (up) expect(['more-permissive', 'incomparable']).toContain(c.verdict);
          if (down) expect(['less-permissive', 'incomparable']).toContain(c.verdict);
          for (const d of c.differences.slice(0, 20)) {
            expect(simulate(simulationInput(before, d.request, { now: NOW })).decision).toBe(d.before);
            expect(simulate(simulationInput(after, d.request, { now: NOW })).decision).toBe(d.after);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
