// whoCan: hand-written accounts. Every case also checks that each entry equals what
// simulate decides for it (the contract), besides the decision AWS documents.
import { describe, expect, it } from 'vitest';
import { simulate, whoCan, whoCanBatches, whoCanMatrix, whoCanRows, whoCanSimulation, DECISION_CODES, STAGE_CODES } from '../index.ts';
import type { ImportedPrincipal, WhoCanEntry, WhoCanInput } from '../index.ts';

const A = '111111111111';
const B = '222222222222';
const ORG = 'o-a1b2c3d4e5';
const repo = (name: string, account = A, region = 'us-east-1') => `arn:aws:ecr:${region}:${account}:repository/${name}`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });
const identity = (...statements: object[]) => ({ kind: 'identity' as const, name: 'inline', text: doc(...statements) });
const PULL = 'ecr:BatchGetImage';
const PUSH = 'ecr:PutImage';
const DELETE = 'ecr:BatchDeleteImage';
const MANAGE = 'ecr:SetRepositoryPolicy';
const LEVELS = [PULL, PUSH, DELETE, MANAGE];

/** Runs whoCan, checks every entry against simulate, and returns a lookup by names. */
function run(input: WhoCanInput) {
  const entries = whoCan(input);
  expect(entries).toHaveLength(input.principals.length * input.resources.length * input.actions.length);
  let i = 0;
  for (let p = 0; p < input.principals.length; p++)
    for (let r = 0; r < input.resources.length; r++)
      for (let a = 0; a < input.actions.length; a++) {
        const e = entries[i++];
        const s = simulate(whoCanSimulation(input, p, r, a));
        expect({ p, r, a, decision: e.decision, stage: e.stage }).toEqual({ p, r, a, decision: s.decision, stage: s.decidingStage });
        expect([e.principal, e.resource, e.action]).toEqual([input.principals[p].arn, input.resources[r].arn, input.actions[a]]);
      }
  const find = (principal: string, resource: string, action: string): WhoCanEntry => {
    const e = entries.find((x) => x.principal === principal && x.resource === resource && x.action === action);
    if (!e) throw new Error(`no entry for ${principal} ${resource} ${action}`);
    return e;
  };
  return { entries, get: (principal: string, resource: string, action: string) => find(principal, resource, action).decision, find };
}

describe('whoCan: the cases AWS documents', () => {
  it('same account: identity policies decide', () => {
    const dev = `arn:aws:iam::${A}:user/dev`;
    const ci = `arn:aws:iam::${A}:role/ci`;
    const { get, find } = run({
      principals: [
        { arn: dev, policies: [identity(allow(PULL, repo('*')))] },
        { arn: ci, policies: [identity(allow(['ecr:Put*', PULL], repo('team-a/*')))] },
      ],
      resources: [{ arn: repo('team-a/api') }, { arn: repo('team-b/api') }],
      actions: LEVELS,
    });
    expect(get(dev, repo('team-b/api'), PULL)).toBe('Allow');
    expect(get(dev, repo('team-b/api'), PUSH)).toBe('ImplicitDeny');
    expect(find(dev, repo('team-b/api'), PUSH).stage).toBe('identity');
    expect(get(ci, repo('team-a/api'), PUSH)).toBe('Allow');
    expect(get(ci, repo('team-b/api'), PUSH)).toBe('ImplicitDeny');
  });

  it('cross-account: a grant to the account root needs the caller’s own identity policy too', () => {
    const withPolicy = `arn:aws:iam::${B}:role/deployer`;
    const without = `arn:aws:iam::${B}:role/other`;
    const shared = repo('shared/base');
    const { get, find } = run({
      principals: [
        { arn: withPolicy, policies: [identity(allow('ecr:*'))] },
        { arn: without, policies: [] },
      ],
      resources: [{ arn: shared, policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: [PULL] }) }, { arn: repo('private') }],
      actions: LEVELS,
    });
    expect(get(withPolicy, shared, PULL)).toBe('Allow');
    expect(find(withPolicy, shared, PULL).stage).toBe('resource');
    expect(get(withPolicy, shared, PUSH)).toBe('ImplicitDeny');
    expect(find(withPolicy, shared, PUSH).stage).toBe('resource');
    expect(get(without, shared, PULL)).toBe('ImplicitDeny');
    expect(find(without, shared, PULL).stage).toBe('identity');
    expect(get(withPolicy, repo('private'), PULL)).toBe('ImplicitDeny');
  });

  it('cross-account: a grant to one role lets that role in, not its neighbours', () => {
    const named = `arn:aws:iam::${B}:role/mirror`;
    const session = `arn:aws:sts::${B}:assumed-role/mirror/run-1`;
    const neighbour = `arn:aws:iam::${B}:role/other`;
    const policies = [identity(allow(PULL))];
    const shared = repo('shared/base');
    const { get } = run({
      principals: [
        { arn: named, policies },
        { arn: session, policies },
        { arn: neighbour, policies },
      ],
      resources: [{ arn: shared, policy: doc({ Effect: 'Allow', Principal: { AWS: named }, Action: PULL }) }],
      actions: [PULL],
    });
    expect(get(named, shared, PULL)).toBe('Allow');
    expect(get(session, shared, PULL)).toBe('Allow');
    expect(get(neighbour, shared, PULL)).toBe('ImplicitDeny');
  });

  it('a Deny in the repository policy beats every Allow', () => {
    const admin = `arn:aws:iam::${A}:role/admin`;
    const guarded = repo('prod/api');
    const { get, find } = run({
      principals: [{ arn: admin, policies: [identity(allow('*'))] }],
      resources: [{ arn: guarded, policy: doc({ Effect: 'Deny', Principal: '*', Action: [DELETE, MANAGE] }) }, { arn: repo('dev/api') }],
      actions: LEVELS,
    });
    expect(get(admin, guarded, PULL)).toBe('Allow');
    expect(get(admin, guarded, DELETE)).toBe('ExplicitDeny');
    expect(find(admin, guarded, MANAGE).stage).toBe('explicit-deny');
    expect(get(admin, repo('dev/api'), DELETE)).toBe('Allow');
  });

  it('a permissions boundary caps the identity policies', () => {
    const bounded = `arn:aws:iam::${A}:role/bounded`;
    const { get, find } = run({
      principals: [{ arn: bounded, policies: [identity(allow('ecr:*')), { kind: 'boundary', name: 'pull-only', text: doc(allow(PULL)) }] }],
      resources: [{ arn: repo('web') }],
      actions: LEVELS,
    });
    expect(get(bounded, repo('web'), PULL)).toBe('Allow');
    expect(get(bounded, repo('web'), PUSH)).toBe('ImplicitDeny');
    expect(find(bounded, repo('web'), PUSH).stage).toBe('boundary');
  });

  it('an SCP Deny, and an SCP level that allows nothing', () => {
    const ci = `arn:aws:iam::${A}:role/ci`;
    const { get, find } = run({
      principals: [{ arn: ci, policies: [identity(allow('ecr:*'))] }],
      resources: [{ arn: repo('web') }],
      actions: LEVELS,
      scps: [doc(allow('*'), deny(MANAGE)), doc(allow(['ecr:BatchGetImage', 'ecr:PutImage', 'ecr:SetRepositoryPolicy']))],
    });
    expect(get(ci, repo('web'), PULL)).toBe('Allow');
    expect(get(ci, repo('web'), MANAGE)).toBe('ExplicitDeny');
    expect(get(ci, repo('web'), DELETE)).toBe('ImplicitDeny');
    expect(find(ci, repo('web'), DELETE).stage).toBe('scp');
  });

  it('an RCP on aws:PrincipalOrgID keeps callers outside the organization out, whatever the repository grants', () => {
    const inside = `arn:aws:iam::${B}:role/in-org`;
    const outside = `arn:aws:iam::333333333333:role/partner`;
    const open = repo('public/base');
    const { get, find } = run({
      principals: [
        { arn: inside, policies: [identity(allow(PULL))] },
        { arn: outside, policies: [identity(allow(PULL))] },
      ],
      resources: [{ arn: open, policy: doc({ Effect: 'Allow', Principal: '*', Action: PULL }) }],
      actions: [PULL],
      rcps: [doc({ Effect: 'Deny', Principal: '*', Action: 'ecr:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG } } })],
      principalContext: { [inside]: { 'aws:PrincipalOrgID': ORG }, [outside]: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } },
    });
    expect(get(inside, open, PULL)).toBe('Allow');
    expect(get(outside, open, PULL)).toBe('ExplicitDeny');
    expect(find(outside, open, PULL).stage).toBe('explicit-deny');
  });

  it('a role’s trust policy is not the repository’s policy and takes no part', () => {
    const role = `arn:aws:iam::${A}:role/task`;
    // Read as a resource-based policy, this would name every principal for every action.
    const trust = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*' });
    const principal: ImportedPrincipal = { arn: role, policies: [{ kind: 'resource', name: 'trust', text: trust }] };
    const input: WhoCanInput = { principals: [principal], resources: [{ arn: repo('web') }], actions: [PULL, 'sts:AssumeRole'] };
    const { get } = run(input);
    expect(get(role, repo('web'), PULL)).toBe('ImplicitDeny');
    expect(get(role, repo('web'), 'sts:AssumeRole')).toBe('ImplicitDeny');
    // The difference it makes: simulate with the trust policy in the resource slot allows.
    const sim = whoCanSimulation(input, 0, 0, 0);
    expect(simulate({ ...sim, resourcePolicy: trust }).decision).toBe('Allow');
    expect(sim.resourcePolicy).toBeUndefined();
  });

  it('a policy that does not parse contributes what parsePolicy makes of it', () => {
    const user = `arn:aws:iam::${A}:user/u`;
    const bounded = `arn:aws:iam::${A}:user/b`;
    const { get, find } = run({
      principals: [
        { arn: user, policies: [{ kind: 'identity', name: 'broken', text: '{"Version": "2012-10-17", "Statement": [' }, identity(allow(PULL))] },
        { arn: bounded, policies: [identity(allow(PULL)), { kind: 'boundary', name: 'broken', text: 'not json' }] },
      ],
      resources: [{ arn: repo('web') }, { arn: repo('odd'), policy: '{"Statement": {"Effect": "Deny"' }],
      actions: [PULL],
      scps: ['{'],
    });
    expect(get(user, repo('web'), PULL)).toBe('ImplicitDeny');
    expect(find(user, repo('web'), PULL).stage).toBe('scp');
    expect(get(bounded, repo('odd'), PULL)).toBe('ImplicitDeny');
  });

  it('requests simulate cannot evaluate are incomplete, and odd input never throws', () => {
    const user = `arn:aws:iam::${A}:user/u`;
    const { entries } = run({
      principals: [
        { arn: user, policies: [identity(allow('*'))] },
        { arn: 'nobody', policies: [identity(allow('*'))] },
      ],
      resources: [{ arn: repo('web') }, { arn: '  ' }, { arn: `  ${repo('padded')}  ` }],
      actions: [PULL, 'not an action', ` ${PUSH} `],
    });
    const stages = entries.map((e) => `${e.principal.slice(-6)} ${e.resource.trim().slice(-6)} ${e.action.trim()} ${e.decision}/${e.stage}`);
    expect(stages).toContain(`user/u padded ecr:PutImage Allow/identity`);
    expect(stages).toContain(`user/u  not an action ImplicitDeny/input`);
    expect(entries.filter((e) => e.principal === 'nobody').every((e) => e.stage === 'input')).toBe(true);
    const odd = [null, undefined, 7, {}, { principals: 'x', resources: [null], actions: [3] }, { principals: [null, { arn: 5, policies: 'no' }], resources: [{ arn: repo('r') }], actions: [PULL] }];
    for (const input of odd) expect(() => whoCan(input as unknown as WhoCanInput)).not.toThrow();
    expect(whoCan(null as unknown as WhoCanInput)).toEqual([]);
  });
});

describe('whoCan: what depends on the resource and on the caller', () => {
  it('aws:RequestedRegion and aws:ResourceAccount come from each repository’s ARN', () => {
    const user = `arn:aws:iam::${A}:user/u`;
    const east = repo('a', A, 'us-east-1');
    const west = repo('b', A, 'eu-west-1');
    const other = repo('c', B, 'us-east-1');
    const { get } = run({
      principals: [{ arn: user, policies: [identity(allow(PULL, '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:ResourceAccount': A } } }))] }],
      resources: [{ arn: east }, { arn: west }, { arn: other, policy: doc({ Effect: 'Allow', Principal: { AWS: A }, Action: PULL }) }],
      actions: [PULL],
    });
    expect([get(user, east, PULL), get(user, west, PULL), get(user, other, PULL)]).toEqual(['Allow', 'ImplicitDeny', 'ImplicitDeny']);
  });

  it('aws:ResourceAccount given in the context wins over the ARN’s, for conditions and for cross-account', () => {
    const user = `arn:aws:iam::${A}:user/u`;
    const { get } = run({
      principals: [{ arn: user, policies: [identity(allow(PULL))] }],
      resources: [{ arn: repo('c', B) }],
      actions: [PULL],
      context: { 'aws:ResourceAccount': A },
    });
    expect(get(user, repo('c', B), PULL)).toBe('Allow');
  });

  it('the same policy text reads each caller’s own keys (Resource variables, conditions)', () => {
    const abac = doc(
      allow(PULL, repo('${aws:PrincipalTag/team}/*')),
      allow(PUSH, '*', { Condition: { StringEquals: { 'ecr:ResourceTag/team': '${aws:PrincipalTag/team}' } } }),
    );
    const a = `arn:aws:iam::${A}:role/a`;
    const b = `arn:aws:iam::${A}:role/b`;
    const untagged = `arn:aws:iam::${A}:role/untagged`;
    const policies: ImportedPrincipal['policies'] = [{ kind: 'identity', name: 'abac', text: abac }];
    const { get } = run({
      principals: [
        { arn: a, policies },
        { arn: b, policies },
        { arn: untagged, policies },
      ],
      resources: [{ arn: repo('team-a/api') }, { arn: repo('team-b/api') }],
      actions: [PULL, PUSH],
      context: { 'aws:ResourceTag/team': 'team-b' },
      principalContext: { [a]: { 'aws:PrincipalTag/team': 'team-a' }, [b]: { 'aws:PrincipalTag/team': 'team-b' } },
    });
    expect(get(a, repo('team-a/api'), PULL)).toBe('Allow');
    expect(get(a, repo('team-b/api'), PULL)).toBe('ImplicitDeny');
    expect(get(b, repo('team-b/api'), PULL)).toBe('Allow');
    expect(get(untagged, repo('team-a/api'), PULL)).toBe('ImplicitDeny');
    expect(get(b, repo('team-a/api'), PUSH)).toBe('Allow');
    expect(get(a, repo('team-a/api'), PUSH)).toBe('ImplicitDeny');
  });

  it('a caller whose context holds a value that is not text gets an incomplete request, as in simulate, never a wrong Allow', () => {
    const blocked = `arn:aws:iam::${A}:role/blocked`;
    const fine = `arn:aws:iam::${A}:role/fine`;
    const policies = [identity(allow(PULL, '*', { Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'blocked' } } }))];
    const { find, get } = run({
      principals: [
        { arn: blocked, policies },
        { arn: fine, policies },
      ],
      resources: [{ arn: repo('api') }],
      actions: [PULL],
      principalContext: { [blocked]: { 'aws:PrincipalTag/team': 'blocked', 'aws:MultiFactorAuthAge': 300 as unknown as string }, [fine]: { 'aws:PrincipalTag/team': 'web' } },
    });
    expect(find(blocked, repo('api'), PULL)).toMatchObject({ decision: 'ImplicitDeny', stage: 'input' });
    expect(get(fine, repo('api'), PULL)).toBe('Allow');
  });

  it('a condition reads policy variables only in a policy of Version 2012-10-17', () => {
    const condition = { StringEquals: { 'ecr:ResourceTag/team': '${aws:PrincipalTag/team}' } };
    const v2012 = `arn:aws:iam::${A}:role/new`;
    const v2008 = `arn:aws:iam::${A}:role/old`;
    const statement = allow(PULL, '*', { Condition: condition });
    const { get } = run({
      principals: [
        { arn: v2012, policies: [{ kind: 'identity', name: 'p', text: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }] },
        { arn: v2008, policies: [{ kind: 'identity', name: 'p', text: JSON.stringify({ Version: '2008-10-17', Statement: [statement] }) }] },
      ],
      resources: [{ arn: repo('a') }],
      actions: [PULL],
      context: { 'ecr:ResourceTag/team': 'team-a', 'aws:PrincipalTag/team': 'team-a' },
    });
    expect(get(v2012, repo('a'), PULL)).toBe('Allow');
    expect(get(v2008, repo('a'), PULL)).toBe('ImplicitDeny');
    // The same condition text in both versions for one caller: two different conditions.
    const both = `arn:aws:iam::${A}:role/both`;
    const second = run({
      principals: [
        {
          arn: both,
          policies: [
            { kind: 'identity', name: 'old', text: JSON.stringify({ Version: '2008-10-17', Statement: [deny(PULL, '*', { Condition: condition })] }) },
            { kind: 'identity', name: 'new', text: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) },
          ],
        },
      ],
      resources: [{ arn: repo('a') }],
      actions: [PULL],
      context: { 'ecr:ResourceTag/team': 'team-a', 'aws:PrincipalTag/team': 'team-a' },
    });
    expect(second.get(both, repo('a'), PULL)).toBe('Allow');
  });

  it('only the first boundary and the first session policy take part, as in simulate’s one slot', () => {
    const role = `arn:aws:iam::${A}:role/r`;
    const { get } = run({
      principals: [
        {
          arn: role,
          policies: [identity(allow('ecr:*')), { kind: 'boundary', name: 'first', text: doc(allow(PULL)) }, { kind: 'boundary', name: 'second', text: doc(allow(PUSH)) }],
        },
      ],
      resources: [{ arn: repo('a') }],
      actions: [PULL, PUSH],
    });
    expect([get(role, repo('a'), PULL), get(role, repo('a'), PUSH)]).toEqual(['Allow', 'ImplicitDeny']);
  });

  it('a request for `*` leaves the resource policy out, even where another resource with the same policy is let in', () => {
    const user = `arn:aws:iam::${A}:user/u`;
    const open = doc({ Effect: 'Allow', Principal: '*', Action: PULL });
    const { get } = run({
      principals: [{ arn: user, policies: [] }],
      resources: [{ arn: repo('a'), policy: open }, { arn: '*', policy: open }, { arn: repo('b'), policy: open }],
      actions: [PULL],
    });
    expect([get(user, repo('a'), PULL), get(user, '*', PULL), get(user, repo('b'), PULL)]).toEqual(['Allow', 'ImplicitDeny', 'Allow']);
  });

  it('whoCanSimulation is the request the contract names', () => {
    const input: WhoCanInput = {
      principals: [
        {
          arn: `arn:aws:iam::${A}:role/r`,
          policies: [
            { kind: 'identity', name: 'one', text: 'I1' },
            { kind: 'resource', name: 'trust', text: 'T' },
            { kind: 'boundary', name: 'b', text: 'B1' },
            { kind: 'identity', name: 'two', text: 'I2' },
            { kind: 'session', name: 's', text: 'S1' },
            { kind: 'boundary', name: 'b2', text: 'B2' },
          ],
        },
      ],
      resources: [{ arn: 'R', policy: 'RP' }],
      actions: ['ecr:PutImage'],
      scps: ['SCP'],
      rcps: ['RCP'],
      context: { k: 'v' },
    };
    expect(whoCanSimulation(input, 0, 0, 0)).toEqual({
      identityPolicies: ['I1', 'I2'],
      resourcePolicy: 'RP',
      permissionsBoundary: 'B1',
      sessionPolicy: 'S1',
      scps: ['SCP'],
      rcps: ['RCP'],
      request: { principal: `arn:aws:iam::${A}:role/r`, action: 'ecr:PutImage', resource: 'R', context: { k: 'v' } },
    });
    const own = whoCanSimulation({ ...input, principalContext: { [`arn:aws:iam::${A}:role/r`]: { k: 'mine', j: 'x' } }, now: '2026-01-01T00:00:00Z' }, 0, 0, 0);
    expect(own.request.context).toEqual({ k: 'mine', j: 'x' });
    expect(own.now).toBe('2026-01-01T00:00:00Z');
  });
});

describe('whoCan: batches, rows and the compact matrix', () => {
  const input: WhoCanInput = {
    principals: [
      { arn: `arn:aws:iam::${A}:user/a`, policies: [identity(allow(PULL))] },
      { arn: `arn:aws:iam::${A}:user/b`, policies: [identity(allow('ecr:*', repo('x')))] },
      { arn: `arn:aws:iam::${B}:user/c`, policies: [identity(allow('ecr:*'))] },
    ],
    resources: [{ arn: repo('x') }, { arn: repo('y'), policy: doc({ Effect: 'Allow', Principal: { AWS: B }, Action: 'ecr:*' }) }],
    actions: LEVELS,
  };
  const entries = whoCan(input);

  it('the matrix holds the same answers, principal-major, actions fastest', () => {
    const m = whoCanMatrix(input);
    expect(m.decisions).toHaveLength(entries.length);
    entries.forEach((e, i) => {
      expect(DECISION_CODES[m.decisions[i]]).toBe(e.decision);
      expect(STAGE_CODES[m.stages[i]]).toBe(e.stage);
    });
    expect(m.principals[1]).toBe(entries[8].principal);
    expect(m.resources[1]).toBe(entries[4].resource);
    expect(m.actions[1]).toBe(entries[1].action);
  });

  it('batches and rows come in the sizes asked for, with progress', () => {
    const batches = [...whoCanBatches(input, { batchSize: 5 })];
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 4]);
    expect(batches.flat()).toEqual(entries);
    const progress: number[] = [];
    const rows = [...whoCanRows(input, { batchSize: 2, onProgress: (done, total) => progress.push(done / total) })];
    expect(rows.map((r) => [r.from, r.to, r.decisions.length])).toEqual([
      [0, 2, 16],
      [2, 3, 8],
    ]);
    expect(progress[progress.length - 1]).toBe(1);
    const m = whoCanMatrix(input);
    expect([...rows[0].decisions, ...rows[1].decisions]).toEqual([...m.decisions]);
  });
});
