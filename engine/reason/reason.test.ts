import { describe, expect, it } from 'vitest';
import { getAction } from '../catalog/index.ts';
import { compileResourcePattern } from '../match/arn.ts';
import { simulate } from '../evaluate/simulate.ts';
import { EXAMPLES, exampleWorkspace } from '../examples.ts';
import { compareWorkspaces } from './compare.ts';
import { coverage, fullMatrix } from './coverage.ts';
import { edgeCases } from './edge.ts';
import { simulationInput } from './evaluate.ts';
import { applyFixes, suggestFixes } from './fix.ts';
import { requestSpace } from './request-space.ts';
import { ACCOUNT, ciWorkspace, CI_ROLE, policy, repo } from './testing.ts';
import type { Workspace } from './types.ts';

const NOW = '2026-06-01T12:00:00Z';

describe('requestSpace', () => {
  it('splits overlapping patterns into cells whose witnesses match exactly their patterns, plus ARNs matching none', () => {
    const space = requestSpace(ciWorkspace([{ Effect: 'Deny', Action: 'ecr:PutImage', Resource: repo('team-?/prod*') }]));
    const repoCells = space.resources.filter((r) => r.resourceType === 'repository');
    const signatures = new Set(repoCells.map((r) => r.matches.slice().sort().join('|')));
    expect(signatures).toEqual(new Set(['', repo('team-a/*'), repo('team-?/prod*'), [repo('team-a/*'), repo('team-?/prod*')].sort().join('|')]));
    expect(repoCells.some((r) => !r.arn.includes(`:${ACCOUNT}:`))).toBe(true);
    expect(space.actions.length).toBeGreaterThanOrEqual(141);
    expect(space.resourcesByAction['ecr:GetAuthorizationToken'].map((i) => space.resources[i].arn)).toEqual(['*']);
    expect(space.principals.map((p) => p.role)).toEqual(['caller', 'other-account']);
    expect(space.scope.exhaustive).toBe(true);
  });
});

describe('suggestFixes', () => {
  const w = ciWorkspace();
  const check = (workspace: Workspace, request: Workspace['request']) => {
    const r = suggestFixes(workspace, request, { now: NOW });
    expect(r.fixes.length).toBeGreaterThan(0);
    const fixed = applyFixes(workspace, r.fixes);
    expect(simulate(simulationInput(fixed, request, { now: NOW })).decision).toBe('Allow');
    const c = compareWorkspaces(workspace, fixed, { now: NOW });
    expect(c.verdict).toBe('more-permissive');
    // A resource policy is evaluated for every resource of the partition (as simulate does), so only
    // an identity-side fix is bound to the one resource.
    const resourceLevel = (getAction(request.action)?.resourceLevel ?? true) && r.fixes.every((f) => f.kind !== 'resource');
    for (const d of c.differences) {
      expect(d.request.action).toBe(request.action);
      if (resourceLevel) expect(d.request.resource).toBe(request.resource);
    }
    return r;
  };

  it('adds a statement for exactly the request in the identity policy, and nothing else changes', () => {
    const r = check(w, { principal: CI_ROLE, action: 'ecr:BatchGetImage', resource: repo('team-a/web') });
    expect(r.fixes).toHaveLength(1);
    expect(r.fixes[0]).toMatchObject({ policy: 'ci', kind: 'identity', stage: 'identity', policyIndex: 0 });
  });

  it('adds an action that supports only * to the statement that allows only *', () => {
    const r = check(w, { principal: CI_ROLE, action: 'ecr:DescribeRegistry', resource: '*' });
    expect(r.fixes[0].summary).toContain('to statement `Login`');
    expect(JSON.parse(r.fixes[0].text).Statement).toHaveLength(2);
  });

  it('fixes both sides of a cross-account request: the caller\'s identity policy and the repository policy', () => {
    const other = `arn:aws:iam::444455556666:role/puller`;
    const cross: Workspace = {
      policies: [
        { kind: 'identity', name: 'puller', text: policy([{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }]) },
        { kind: 'resource', name: 'repo policy', text: policy([{ Sid: 'Read', Effect: 'Allow', Principal: { AWS: CI_ROLE }, Action: 'ecr:BatchGetImage' }]) },
      ],
      request: { principal: other, action: 'ecr:BatchGetImage', resource: repo('web') },
    };
    const r = check(cross, cross.request);
    expect(new Set(r.fixes.map((f) => f.kind))).toEqual(new Set(['identity', 'resource']));
  });

  it('names the blocking statement of an explicit deny and requests that pass it', () => {
    const denied = ciWorkspace([{ Sid: 'NoProd', Effect: 'Deny', Action: 'ecr:PutImage', Resource: repo('team-a/prod-*'), Condition: { StringNotEquals: { 'aws:PrincipalTag/stage': 'release' } } }]);
    const request = { principal: CI_ROLE, action: 'ecr:PutImage', resource: repo('team-a/prod-1') };
    const r = suggestFixes(denied, request, { now: NOW });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.fixes).toEqual([]);
    expect(r.blocking[0]).toMatchObject({ sid: 'NoProd', policy: 'ci', condition: 'StringNotEquals aws:PrincipalTag/stage' });
    expect(r.blocking[0].passWith.some((p) => p.request.context?.['aws:PrincipalTag/stage'] === 'release' && p.decision === 'Allow')).toBe(true);
  });
});

describe('edgeCases', () => {
  it('proposes the edges of conditions and patterns, each with the decision simulate gives', () => {
    const w = ciWorkspace([
      { Effect: 'Allow', Action: 'ecs:RunTask', Resource: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/app:*`, Condition: { NumericLessThanEquals: { 'ecs:task-cpu': '512' }, StringEqualsIfExists: { 'aws:RequestTag/env': 'dev' } } },
      { Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } },
    ]);
    const cases = edgeCases(w, { now: NOW });
    const kinds = new Set(cases.map((c) => c.kind));
    for (const k of ['key-missing', 'if-exists-absent', 'numeric-bound', 'case-variant', 'empty-set', 'task-definition-revision', 'other-account']) expect(kinds, k).toContain(k);
    expect(cases.filter((c) => c.kind === 'numeric-bound').map((c) => c.request.context?.['ecs:task-cpu'])).toEqual(['511', '512', '513']);
    for (const c of cases) expect(simulate(simulationInput(w, c.request, { now: NOW })).decision, c.why).toBe(c.decision);
    expect(cases.find((c) => c.kind === 'empty-set')?.decision).toBe('ExplicitDeny');
  });
});

describe('coverage', () => {
  it('finds statements that never apply, are shadowed or redundant, and conditions always false', () => {
    const w = ciWorkspace([
      { Sid: 'Shadowed', Effect: 'Allow', Action: 'ecr:DescribeImages', Resource: repo('team-c/*') },
      { Sid: 'DenyC', Effect: 'Deny', Action: 'ecr:DescribeImages', Resource: repo('team-c/*') },
      { Sid: 'Redundant', Effect: 'Allow', Action: 'ecr:PutImage', Resource: repo('team-a/web') },
      { Sid: 'Never', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { NumericLessThan: { 'ecs:task-cpu': '1' }, NumericGreaterThan: { 'ecs:task-cpu': '2' } } },
    ]);
    w.tests = [{ name: 'push', request: w.request, expect: 'Allow' }];
    const c = coverage(w, { now: NOW });
    const by = (sid: string) => c.findings.filter((f) => f.sid === sid).map((f) => f.finding);
    expect(by('Shadowed')).toContain('shadowed');
    expect(by('Redundant')).toContain('redundant-allow');
    expect(by('Never')).toContain('never-applies');
    expect(by('Never')).toContain('conditions-contradict');
    expect(by('PushTeamA')).not.toContain('decides-no-test');
    expect(by('Login')).toContain('decides-no-test');
    const s = c.statements.find((x) => x.sid === 'PushTeamA');
    expect(s?.decidesTests).toEqual(['push']);
    expect(s?.range.start.line).toBeGreaterThan(1);
  });
});

describe('fullMatrix', () => {
  it('has every ECR and ECS action against resource and principal cells, each equal to simulate', () => {
    const w = exampleWorkspace(EXAMPLES[0]);
    const m = fullMatrix(w, { now: NOW });
    expect(m.actions.filter((a) => a.service === 'ecr' || a.service === 'ecs').length).toBeGreaterThanOrEqual(141);
    for (const cell of m.cells.filter((_c, i) => i % 37 === 0)) {
      const request = { principal: m.principals[cell.principal].arn, action: m.actions[cell.action].action, resource: m.resources[cell.resource].arn };
      expect(simulate(simulationInput(w, request, { now: NOW })).decision).toBe(cell.decision);
      expect(cell.reason).not.toBe('');
    }
    expect(m.cells.some((c) => c.decision === 'Allow')).toBe(true);
  });
});

describe('hostile patterns', () => {
  it('stops the cell walk at its state limit and says so in the scope instead of claiming every cell', () => {
    const pats = Array.from({ length: 12 }, (_, i) => repo(`*${'abcdefghijkl'[i]}*?*${'mnopqrstuvwx'[i]}*`));
    const w = ciWorkspace([{ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: pats }]);
    const space = requestSpace(w);
    expect(space.scope.exhaustive).toBe(false);
    expect(space.scope.bounds.some((b) => b.dimension === 'resources' && b.what.includes('repository'))).toBe(true);
    // Every witness found still matches exactly the patterns its cell names, by the engine's own matcher.
    expect(space.resources.length).toBeGreaterThan(12);
    const matchers = pats.map((p) => [p, compileResourcePattern(p)] as const);
    for (const cell of space.resources.filter((r) => r.resourceType === 'repository')) {
      expect(matchers.filter(([, m]) => m(cell.arn)).map(([p]) => p).sort()).toEqual(cell.matches.filter((m) => pats.includes(m)).sort());
    }
  }, 60_000);
});
