import { describe, expect, it } from 'vitest';
import { simulate } from '../evaluate/simulate.ts';
import { EXAMPLES, exampleWorkspace } from '../examples.ts';
import { compareWorkspaces } from './compare.ts';
import { simulationInput } from './evaluate.ts';
import { ciWorkspace, repo } from './testing.ts';
import type { Comparison, Workspace } from './types.ts';

const NOW = '2026-06-01T12:00:00Z';

function expectReproduces(before: Workspace, after: Workspace, c: Comparison): void {
  for (const d of c.differences) {
    expect(simulate(simulationInput(before, d.request, { now: NOW })).decision).toBe(d.before);
    expect(simulate(simulationInput(after, d.request, { now: NOW })).decision).toBe(d.after);
  }
}

describe('compareWorkspaces', () => {
  it('finds every gallery workspace equivalent to itself', () => {
    for (const example of EXAMPLES) {
      const w = exampleWorkspace(example);
      const c = compareWorkspaces(w, w, { now: NOW });
      expect(c.verdict, example.id).toBe('equivalent');
      expect(c.differences).toEqual([]);
      expect(c.scope.requests).toBeGreaterThan(0);
    }
  });

  it('names the newly allowed request, with the condition that allows it, and each difference reproduces', () => {
    const before = ciWorkspace();
    const after = ciWorkspace([
      { Sid: 'PushTeamB', Effect: 'Allow', Action: 'ecr:PutImage', Resource: repo('team-b/*'), Condition: { StringEquals: { 'aws:PrincipalTag/team': 'b' } } },
    ]);
    const c = compareWorkspaces(before, after, { now: NOW });
    expect(c.verdict).toBe('more-permissive');
    expect(c.differences.length).toBeGreaterThan(0);
    for (const d of c.differences) {
      expect(d.request.action).toBe('ecr:PutImage');
      expect(d.change).toBe('now-allowed');
      expect(d.request.context?.['aws:PrincipalTag/team']).toBe('b');
    }
    expect(c.differences.map((d) => d.summary)).toContain(
      'now allowed: ecr:PutImage on repository/team-b/* (repository/team-b/x) for role/ci, with aws:PrincipalTag/team = b',
    );
    expectReproduces(before, after, c);
    // The other way round, the same cells lose access.
    const back = compareWorkspaces(after, before, { now: NOW });
    expect(back.verdict).toBe('less-permissive');
    expect(back.differences.length).toBe(c.differences.length);
  });

  it('tells a change that grants one thing and revokes another incomparable', () => {
    const before = ciWorkspace();
    const after = ciWorkspace([{ Effect: 'Deny', Action: 'ecr:InitiateLayerUpload', Resource: '*' }, { Effect: 'Allow', Action: 'ecr:DescribeImages', Resource: repo('*') }]);
    const c = compareWorkspaces(before, after, { now: NOW });
    expect(c.verdict).toBe('incomparable');
    expect(new Set(c.differences.map((d) => d.change))).toEqual(new Set(['now-allowed', 'now-denied', 'deny-added']));
    expectReproduces(before, after, c);
  });

  it('splits overlapping patterns into cells: a Deny on one name inside an allowed prefix changes exactly that cell', () => {
    const before = ciWorkspace();
    const after = ciWorkspace([{ Effect: 'Deny', Action: 'ecr:PutImage', Resource: repo('team-a/prod-?') }]);
    const c = compareWorkspaces(before, after, { now: NOW });
    expect(c.verdict).toBe('less-permissive');
    const resources = new Set(c.differences.filter((d) => d.change === 'now-denied').map((d) => d.request.resource));
    expect(resources.size).toBe(1);
    const [arn] = [...resources];
    expect(arn).toMatch(/repository\/team-a\/prod-.$/);
    expectReproduces(before, after, c);
  });

  it('tells requests apart by numeric bounds and IP ranges', () => {
    const before = ciWorkspace([{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*', Condition: { NumericLessThanEquals: { 'ecs:task-cpu': '512' } } }]);
    const after = ciWorkspace([{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*', Condition: { NumericLessThan: { 'ecs:task-cpu': '512' } } }]);
    const c = compareWorkspaces(before, after, { now: NOW });
    expect(c.verdict).toBe('less-permissive');
    expect(new Set(c.differences.map((d) => d.request.context?.['ecs:task-cpu']))).toEqual(new Set(['512']));
    expectReproduces(before, after, c);

    const ip = (cidr: string) => ciWorkspace([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': cidr } } }]);
    const narrowed = compareWorkspaces(ip('10.0.0.0/16'), ip('10.0.0.0/24'), { now: NOW });
    expect(narrowed.verdict).toBe('less-permissive');
    expect(narrowed.differences.some((d) => d.before === 'Allow')).toBe(true);
    expect(narrowed.differences.some((d) => d.request.context?.['aws:SourceIp'] === '10.0.1.0' || d.request.context?.['aws:SourceIp'] === '10.0.255.255')).toBe(true);
    // Thousands of cells become explicitly denied; the ones that lose access reproduce.
    expectReproduces(ip('10.0.0.0/16'), ip('10.0.0.0/24'), { ...narrowed, differences: narrowed.differences.filter((d) => d.before === 'Allow') });
  });
});
