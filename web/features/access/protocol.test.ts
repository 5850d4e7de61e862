// The worker's protocol, driven in Node: the host and the page's client wired together
// with a hand-cranked scheduler, so cancellation can be tested between slices.
import { describe, expect, it } from 'vitest';
import { DECISION_CODES, STAGE_CODES, loadAccount, simulate, whoCanMatrix, whoCanSimulation, type Decision, type WhoCanInput } from '../../../engine';
import { AccessClient, type ClientState } from './client';
import { EXAMPLE_FILES, EXAMPLE_OPTIONS } from './example-account';
import { DEFAULT_ACTIONS } from './levels';
import { createWorkerHost, explainCell, principalContext, type FromWorker, type ToWorker } from './protocol';

const ORG = { 'aws:PrincipalOrgID': EXAMPLE_OPTIONS.orgId };

/** A host and a client joined by hand: `tick()` runs one queued slice. */
function harness(clock = { t: 0 }, sliceCost = 0, cellsPerPost?: number) {
  const queue: (() => void)[] = [];
  const sent: FromWorker[] = [];
  const states: ClientState[] = [];
  const deliver: { to?: AccessClient } = {};
  const host = createWorkerHost(
    (m) => {
      sent.push(m);
      // Transferred buffers arrive as copies; the client must not rely on sharing.
      deliver.to?.receive(m.type === 'rows' ? { ...m, decisions: m.decisions.slice(), stages: m.stages.slice() } : m);
    },
    (fn) => queue.push(fn),
    { now: () => (clock.t += sliceCost), cellsPerPost },
  );
  const worker = { onmessage: null, postMessage: (m: ToWorker) => host.handle(structuredClone(m)), terminate: () => undefined };
  const client = new AccessClient(() => worker, (s) => states.push(s), { throttleMs: 0, now: () => clock.t });
  deliver.to = client;
  const tick = () => queue.shift()?.();
  const drain = () => {
    while (queue.length) tick();
  };
  return { client, host, sent, states, queue, tick, drain };
}

function exampleInput(): WhoCanInput {
  const account = loadAccount([...EXAMPLE_FILES], { region: EXAMPLE_OPTIONS.region });
  if (!account.ok) throw new Error(account.error);
  return { ...account, actions: [...DEFAULT_ACTIONS], context: ORG, principalContext: principalContext(account.principals), now: '2026-01-01T00:00:00Z' };
}

describe('access worker protocol', () => {
  it('loads the example account and says what it holds', () => {
    const h = harness();
    h.client.load([...EXAMPLE_FILES], { region: EXAMPLE_OPTIONS.region });
    const s = h.client.snapshot;
    expect(s.loading).toBe(false);
    expect(s.loadError).toBeNull();
    expect(s.account).toMatchObject({ roles: 5, users: 2, scps: 1, rcps: 1, withPolicy: 4, readsOrgId: true });
    expect(s.account!.resources.map((r) => r.name).sort()).toEqual(['prod/api', 'prod/web', 'team-a/api', 'team-b/worker', 'tools/base']);
    expect(s.account!.warnings).toEqual([]);
  });

  it('says why files cannot be read', () => {
    const h = harness();
    h.client.load([{ name: 'x.json', text: '{"hello": 1}' }]);
    expect(h.client.snapshot.loadError).toMatch(/x\.json/);
    expect(h.client.snapshot.account).toBeNull();
  });

  it('fills the same matrix as whoCanMatrix, row run by row run, and every cell equals simulate', () => {
    const h = harness();
    h.client.load([...EXAMPLE_FILES], { region: EXAMPLE_OPTIONS.region });
    h.client.compute([...DEFAULT_ACTIONS], ORG);
    expect(h.client.snapshot.status).toBe('running');
    h.drain();
    const s = h.client.snapshot;
    expect(s.status).toBe('done');
    const data = s.data!;
    const input = exampleInput();
    const m = whoCanMatrix(input);
    expect(data.done).toBe(input.principals.length);
    expect(Array.from(data.decisions)).toEqual(Array.from(m.decisions));
    expect(Array.from(data.stages)).toEqual(Array.from(m.stages));
    const R = input.resources.length;
    const A = input.actions.length;
    for (let p = 0; p < input.principals.length; p++)
      for (let r = 0; r < R; r++)
        for (let a = 0; a < A; a++) {
          const sim = simulate(whoCanSimulation(input, p, r, a));
          const k = (p * R + r) * A + a;
          expect([DECISION_CODES[data.decisions[k]], STAGE_CODES[data.stages[k]]]).toEqual([sim.decision, sim.decidingStage]);
        }
  });

  it('answers the questions the example is made for', () => {
    const h = harness();
    h.client.load([...EXAMPLE_FILES], { region: EXAMPLE_OPTIONS.region });
    h.client.compute([...DEFAULT_ACTIONS], ORG);
    h.drain();
    const data = h.client.snapshot.data!;
    const cell = (principal: string, repo: string, action: string): Decision => {
      const p = data.principals.findIndex((x) => x.name === principal);
      const r = data.resources.findIndex((x) => x.name === repo);
      const a = data.actions.indexOf(action);
      return DECISION_CODES[data.decisions[(p * data.resources.length + r) * data.actions.length + a]];
    };
    expect(cell('ci-deployer', 'team-a/api', 'ecr:PutImage')).toBe('Allow');
    expect(cell('ci-deployer', 'team-b/worker', 'ecr:PutImage')).toBe('ImplicitDeny');
    expect(cell('ci-deployer', 'prod/api', 'ecr:PutImage')).toBe('ExplicitDeny');
    expect(cell('release', 'prod/api', 'ecr:PutImage')).toBe('Allow');
    expect(cell('alice', 'prod/api', 'ecr:BatchGetImage')).toBe('Allow');
    expect(cell('alice', 'tools/base', 'ecr:BatchDeleteImage')).toBe('ExplicitDeny');
    expect(cell('registry-admin', 'prod/api', 'ecr:SetRepositoryPolicy')).toBe('Allow');
    expect(cell('registry-admin', 'prod/api', 'ecr:BatchDeleteImage')).toBe('ExplicitDeny');
  });

  it('gives way between slices: cancel stops a computation, a new compute replaces it', () => {
    const clock = { t: 0 };
    // Each clock reading costs 10 ms: a slice posts a few runs, then gives way.
    const h = harness(clock, 10, 500);
    const big = bigAccount(60, 30);
    h.client.load(big, { region: 'us-east-1' });
    h.client.compute([...DEFAULT_ACTIONS], {});
    h.tick();
    const afterOne = h.client.snapshot.data!.done;
    expect(afterOne).toBeGreaterThan(0);
    expect(afterOne).toBeLessThan(60);
    h.client.cancel();
    expect(h.client.snapshot.status).toBe('cancelled');
    h.drain();
    expect(h.sent.filter((m) => m.type === 'done')).toHaveLength(0);
    expect(h.sent.some((m) => m.type === 'cancelled')).toBe(true);
    expect(h.client.snapshot.data!.done).toBe(afterOne);

    // Resumed, it computes only the rest, and the whole equals a run from the start.
    h.client.resume();
    h.drain();
    expect(h.client.snapshot.status).toBe('done');
    const resumedRows = h.sent.filter((m) => m.type === 'rows').at(-1);
    expect(resumedRows).toMatchObject({ to: 60 });
    const again = harness();
    again.client.load(big, { region: 'us-east-1' });
    again.client.compute([...DEFAULT_ACTIONS], {});
    again.drain();
    expect(Array.from(h.client.snapshot.data!.decisions)).toEqual(Array.from(again.client.snapshot.data!.decisions));
    expect(Array.from(h.client.snapshot.data!.stages)).toEqual(Array.from(again.client.snapshot.data!.stages));

    // Compute, then compute again with other actions before the first finishes.
    const mark = h.sent.length;
    h.client.compute([...DEFAULT_ACTIONS], {});
    h.tick();
    h.client.compute(['ecr:PutImage'], {});
    h.drain();
    const done = h.sent.slice(mark).filter((m) => m.type === 'done');
    expect(done).toHaveLength(1);
    expect(h.client.snapshot.status).toBe('done');
    expect(h.client.snapshot.data!.actions).toEqual(['ecr:PutImage']);
    expect(h.client.snapshot.data!.done).toBe(60);
  });

  it('a new load cancels the computation and drops its late rows', () => {
    const h = harness({ t: 0 }, 10, 100);
    h.client.load(bigAccount(40, 10), {});
    h.client.compute([...DEFAULT_ACTIONS], {});
    h.tick();
    h.client.load([...EXAMPLE_FILES], { region: 'us-east-1' });
    h.drain();
    expect(h.client.snapshot.data).toBeNull();
    expect(h.client.snapshot.status).toBe('idle');
    expect(h.client.snapshot.account!.roles).toBe(5);
  });

  it('explains a cell with simulate and builds a workspace holding the same request', async () => {
    const h = harness();
    h.client.load([...EXAMPLE_FILES], { region: EXAMPLE_OPTIONS.region });
    h.client.compute([...DEFAULT_ACTIONS], ORG);
    h.drain();
    const data = h.client.snapshot.data!;
    const p = data.principals.findIndex((x) => x.name === 'ci-deployer');
    const r = data.resources.findIndex((x) => x.name === 'prod/api');
    const a = data.actions.indexOf('ecr:PutImage');
    const e = await h.client.explain(p, r, a);
    if (!e.ok) throw new Error(e.error);
    expect(e.result.decision).toBe('ExplicitDeny');
    expect(e.result.decisiveStatements.map((s) => [s.policy.name, s.sid])).toEqual([['prod/api repository policy', 'ReleaseOnlyWrites']]);
    expect(e.workspace.request).toMatchObject({ principal: data.principals[p].arn, action: 'ecr:PutImage', resource: data.resources[r].arn });
    expect(e.workspace.request.context).toMatchObject({ 'aws:PrincipalOrgID': EXAMPLE_OPTIONS.orgId, 'aws:PrincipalTag/team': 'platform' });
    expect(e.workspace.policies.map((x) => x.kind)).toEqual(['identity', 'boundary', 'resource', 'scp', 'rcp']);
    // The workspace decides as the cell did.
    const ws = e.workspace;
    const again = simulate({
      identityPolicies: ws.policies.filter((x) => x.kind === 'identity').map((x) => x.text),
      permissionsBoundary: ws.policies.find((x) => x.kind === 'boundary')?.text,
      resourcePolicy: ws.policies.find((x) => x.kind === 'resource')?.text,
      scps: ws.policies.filter((x) => x.kind === 'scp').map((x) => x.text),
      rcps: ws.policies.filter((x) => x.kind === 'rcp').map((x) => x.text),
      request: ws.request,
    });
    expect(again.decision).toBe('ExplicitDeny');
  });

  it('refuses to explain a cell of a table that was replaced', async () => {
    const h = harness();
    h.client.load([...EXAMPLE_FILES], { region: EXAMPLE_OPTIONS.region });
    h.client.compute([...DEFAULT_ACTIONS], ORG);
    h.drain();
    const pending = h.client.explain(0, 0, 0);
    // The answer arrives at once here; a stale job is refused by the host itself.
    expect((await pending).ok).toBe(true);
    h.host.handle({ type: 'explain', job: 999, request: 77, principal: 0, resource: 0, action: 0 });
    expect(h.sent.at(-1)).toMatchObject({ type: 'failed', request: 77 });
  });

  it('explainCell matches simulate for every cell of the example', () => {
    const input = exampleInput();
    const m = whoCanMatrix(input);
    for (let p = 0; p < input.principals.length; p++)
      for (let r = 0; r < input.resources.length; r++) {
        const k = (p * input.resources.length + r) * input.actions.length + 1;
        expect(explainCell(input, p, r, 1).result.decision).toBe(DECISION_CODES[m.decisions[k]]);
      }
  });
});

/** A generated account: `roles` roles pushing to their team's repositories, `repos` repositories. */
export function bigAccount(roles: number, repos: number) {
  const A = '111111111111';
  const RoleDetailList = Array.from({ length: roles }, (_, i) => ({
    RoleName: `role-${i}`,
    Arn: `arn:aws:iam::${A}:role/role-${i}`,
    Path: '/',
    RolePolicyList: [
      {
        PolicyName: 'push',
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:BatchGetImage'], Resource: `arn:aws:ecr:us-east-1:${A}:repository/team-${i % 7}/*` }] },
      },
    ],
    AttachedManagedPolicies: [],
  }));
  const repositories = Array.from({ length: repos }, (_, i) => ({ repositoryArn: `arn:aws:ecr:us-east-1:${A}:repository/team-${i % 7}/app-${i}` }));
  return [
    { name: 'details.json', text: JSON.stringify({ RoleDetailList, UserDetailList: [], GroupDetailList: [], Policies: [] }) },
    { name: 'repos.json', text: JSON.stringify({ repositories }) },
  ];
}
