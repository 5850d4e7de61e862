// whoCan equals simulate, on generated accounts: every entry, decision and stage.
// Pools are small so that generated policies name the generated principals and
// resources often: wildcards, NotAction, NotResource, NotPrincipal, policy variables
// (some that read the resource), conditions on caller, resource and given keys,
// cross-account callers, boundaries, session policies, SCPs, RCPs, trust policies,
// texts that do not parse, and resources and actions that cannot be evaluated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, whoCan, whoCanMatrix, whoCanSimulation, DECISION_CODES } from '../index.ts';
import type { ImportedPrincipal, PolicyKind, WhoCanInput, WhoCanResource } from '../index.ts';

const A = '111111111111';
const B = '222222222222';
const ORG = 'o-a1b2c3d4e5';

const principalArns = [
  `arn:aws:iam::${A}:user/dev`,
  `arn:aws:iam::${A}:role/ci`,
  `arn:aws:sts::${A}:assumed-role/ci/build-7`,
  `arn:aws:iam::${B}:role/ci`,
  `arn:aws:iam::${B}:user/partner`,
  `arn:aws:sts::${B}:federated-user/fed`,
  `arn:aws:iam::${A}:root`,
  B,
  'ecs-tasks.amazonaws.com',
];
const resourceArns = [
  `arn:aws:ecr:us-east-1:${A}:repository/team-a/api`,
  `arn:aws:ecr:us-east-1:${A}:repository/team-b/web`,
  `arn:aws:ecr:eu-west-1:${A}:repository/team-a/api`,
  `arn:aws:ecr:us-east-1:${B}:repository/shared`,
  `arn:aws:ecs:us-east-1:${A}:cluster/main`,
  ` arn:aws:ecr:eu-west-1:${B}:repository/team-b/x `,
  '*',
];
const actionPool = ['ecr:BatchGetImage', 'ecr:PutImage', 'ecr:BatchDeleteImage', 'ecr:SetRepositoryPolicy', 'ecr:*', 'ecs:RunTask', 'sts:AssumeRole', 'ECR:putimage'];
/** Mostly from the pool, now and then one that cannot be evaluated. */
const sometimes = (pool: string[], odd: string) => fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.constant(odd) });

const actionValues = ['ecr:*', 'ecr:BatchGetImage', 'ecr:Put*', 'ecr:Batch*', 'ecr:*Image', 'ecr:Set?epositoryPolicy', '*', 'ecs:*', 'sts:AssumeRole'];
const resourceValues = [
  '*',
  `arn:aws:ecr:*:${A}:repository/*`,
  `arn:aws:ecr:us-east-1:*:repository/team-a/*`,
  `arn:aws:ecr:*:*:repository/team-?/*`,
  `arn:aws:ecr:*:${B}:repository/shared`,
  'arn:aws:ecr:*:*:repository/${aws:PrincipalTag/team}/*',
  'arn:aws:ecr:*:${aws:ResourceAccount}:repository/*',
  'arn:aws:ecr:${aws:RequestedRegion}:*:repository/team-b/*',
  'arn:aws:ecr:*:*:repository/${aws:username}*',
  'arn:aws:ecr:*:*:repository/${*}*',
];
const principalValues: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: A },
  { AWS: `arn:aws:iam::${B}:root` },
  { AWS: [`arn:aws:iam::${A}:role/ci`, `arn:aws:iam::${B}:role/ci`] },
  { AWS: `arn:aws:sts::${A}:assumed-role/ci/build-7` },
  { AWS: `arn:aws:iam::${A}:user/dev` },
  { AWS: `arn:aws:iam::${B}:user/partner` },
  { Service: 'ecs-tasks.amazonaws.com' },
];
const conditionArb = fc.oneof(
  fc.record({ StringEquals: fc.record({ 'aws:PrincipalOrgID': fc.constantFrom(ORG, 'o-other') }) }),
  fc.record({ StringNotEqualsIfExists: fc.record({ 'aws:PrincipalOrgID': fc.constant(ORG) }) }),
  fc.record({ StringEquals: fc.record({ 'aws:PrincipalTag/team': fc.constantFrom('team-a', 'team-b') }) }),
  fc.record({ StringEquals: fc.record({ 'ecr:ResourceTag/team': fc.constantFrom('team-a', '${aws:PrincipalTag/team}') }) }),
  fc.record({ StringEquals: fc.record({ 'aws:RequestedRegion': fc.constantFrom('us-east-1', 'eu-west-1') }) }),
  fc.record({ StringNotEquals: fc.record({ 'aws:ResourceAccount': fc.constantFrom(A, B, '${aws:PrincipalAccount}') }) }),
  fc.record({ ArnLike: fc.record({ 'aws:PrincipalArn': fc.constantFrom(`arn:aws:iam::*:role/ci`, `arn:aws:iam::${A}:*`) }) }),
  fc.record({ Null: fc.record({ 'aws:PrincipalTag/team': fc.constantFrom('true', 'false') }) }),
  fc.record({ Bool: fc.record({ 'aws:PrincipalIsAWSService': fc.constantFrom('true', 'false') }) }),
  fc.record({ DateGreaterThan: fc.record({ 'aws:CurrentTime': fc.constantFrom('2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z') }) }),
  fc.record({ 'ForAnyValue:StringLike': fc.record({ 'aws:PrincipalTag/team': fc.constantFrom('team-*', 'x') }) }),
);

type Statement = Record<string, unknown>;
/** A statement for a policy of `kind`: a Principal where it takes one, a Resource where it takes one. */
const statementArb = (kind: PolicyKind): fc.Arbitrary<Statement> =>
  fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Allow', 'Deny'),
      notAction: fc.constantFrom(false, false, false, true),
      actions: fc.subarray(actionValues, { minLength: 1, maxLength: 3 }),
      resourceMode: fc.constantFrom('Resource', 'Resource', 'NotResource', 'none'),
      resources: fc.subarray(resourceValues, { minLength: 1, maxLength: 2 }),
      notPrincipal: fc.boolean(),
      principal: fc.constantFrom(...principalValues),
      condition: fc.option(conditionArb, { freq: 3, nil: undefined }),
      // RCPs in practice deny on a condition (aws:PrincipalOrgID and the like).
      rcpCondition: conditionArb,
    })
    .map((g) => {
      const st: Statement = { Effect: kind === 'rcp' ? 'Deny' : g.effect, [g.notAction && kind !== 'rcp' ? 'NotAction' : 'Action']: g.actions };
      // A repository policy mostly has no Resource (AWS refuses one); elsewhere `none` leaves it out
      // (an identity statement without one is skipped, an SCP statement covers every resource).
      if (kind === 'resource') {
        if (g.resourceMode === 'NotResource') st.NotResource = g.resources;
      } else if (g.resourceMode !== 'none') st[g.resourceMode] = g.resources;
      if (kind === 'resource') st[g.notPrincipal && g.effect === 'Deny' ? 'NotPrincipal' : 'Principal'] = g.principal;
      if (kind === 'rcp') st.Principal = '*';
      if (g.condition) st.Condition = g.condition;
      if (kind === 'rcp') st.Condition = g.rcpCondition;
      return st;
    });

/** Policy text: mostly a valid policy, sometimes the 2008 version (no variables), text that does not parse, or an empty text. */
const policyArb = (kind: PolicyKind): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.array(statementArb(kind), { minLength: 1, maxLength: 4 }).map((Statement) => JSON.stringify({ Version: '2012-10-17', Statement })) },
    { weight: 1, arbitrary: fc.array(statementArb(kind), { minLength: 1, maxLength: 2 }).map((Statement) => JSON.stringify({ Version: '2008-10-17', Statement })) },
    { weight: 1, arbitrary: fc.constantFrom('{"Version": "2012-10-17", "Statement": [', 'not json', '', '[]') },
  );

/** The policy with an allow-all statement first, when it parses. */
function fullAccess(text: string): string {
  try {
    const doc = JSON.parse(text) as { Statement: unknown[] };
    return JSON.stringify({ ...doc, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, ...doc.Statement] });
  } catch {
    return text;
  }
}

const principalArb: fc.Arbitrary<ImportedPrincipal> = fc
  .record({
    arn: sometimes(principalArns, 'not-a-principal'),
    identity: fc.array(policyArb('identity'), { maxLength: 3 }),
    boundary: fc.option(policyArb('boundary'), { freq: 3, nil: undefined }),
    session: fc.option(policyArb('session'), { freq: 5, nil: undefined }),
    trust: fc.option(policyArb('resource'), { freq: 3, nil: undefined }),
    // A second boundary or session policy: only the first takes part.
    extra: fc.option(fc.tuple(fc.constantFrom<PolicyKind>('boundary', 'session'), policyArb('boundary')), { freq: 6, nil: undefined }),
  })
  .map((g) => {
    const policies: ImportedPrincipal['policies'] = g.identity.map((text, i) => ({ kind: 'identity', name: `p${i}`, text }));
    if (g.trust !== undefined) policies.push({ kind: 'resource', name: 'trust', text: g.trust });
    if (g.boundary !== undefined) policies.push({ kind: 'boundary', name: 'boundary', text: g.boundary });
    if (g.session !== undefined) policies.push({ kind: 'session', name: 'session', text: g.session });
    if (g.extra) policies.push({ kind: g.extra[0], name: 'second', text: g.extra[1] });
    return { arn: g.arn, policies };
  });

const resourceArb: fc.Arbitrary<WhoCanResource> = fc
  .record({ arn: sometimes(resourceArns, ''), policy: fc.option(policyArb('resource'), { freq: 2, nil: undefined }) })
  .map((g) => (g.policy === undefined ? { arn: g.arn } : { arn: g.arn, policy: g.policy }));

const tagsArb = fc.record(
  { 'aws:PrincipalTag/team': fc.constantFrom('team-a', 'team-b'), 'aws:PrincipalOrgID': fc.constantFrom(ORG, 'o-other') },
  { requiredKeys: [] },
);
const contextArb = fc.record(
  {
    'aws:PrincipalOrgID': fc.constant(ORG),
    'aws:ResourceTag/team': fc.constantFrom('team-a', 'team-b'),
    'ecr:ResourceTag/team': fc.constant('team-b'),
    'aws:ResourceAccount': fc.constant(A),
    'aws:RequestedRegion': fc.constant('eu-west-1'),
  },
  { requiredKeys: [] },
);

const accountArb: fc.Arbitrary<WhoCanInput> = fc
  .record({
    principals: fc.array(principalArb, { minLength: 1, maxLength: 4 }),
    resources: fc.array(resourceArb, { minLength: 1, maxLength: 4 }),
    actions: fc.array(sometimes(actionPool, 'not an action'), { minLength: 1, maxLength: 3 }),
    // Most SCP levels start from an allow-all statement, as FullAWSAccess does.
    scps: fc.option(fc.array(fc.tuple(fc.constantFrom(true, true, true, false), policyArb('scp')).map(([full, text]) => (full ? fullAccess(text) : text)), { minLength: 1, maxLength: 2 }), { freq: 2, nil: undefined }),
    rcps: fc.option(fc.array(policyArb('rcp'), { minLength: 1, maxLength: 2 }), { freq: 2, nil: undefined }),
    context: fc.option(contextArb, { freq: 2, nil: undefined }),
    tags: fc.array(tagsArb, { minLength: 4, maxLength: 4 }),
  })
  .map((g) => {
    const input: WhoCanInput = { principals: g.principals, resources: g.resources, actions: g.actions, now: '2026-06-01T00:00:00Z' };
    if (g.scps) input.scps = g.scps;
    if (g.rcps) input.rcps = g.rcps;
    if (g.context) input.context = g.context;
    // Some principals carry their own keys; the same ARN twice shares them.
    const own: Record<string, Record<string, string>> = {};
    g.principals.forEach((p, i) => {
      if (Object.keys(g.tags[i]).length > 0) own[p.arn] = g.tags[i];
    });
    if (Object.keys(own).length > 0) input.principalContext = own;
    return input;
  });

describe('whoCan equals simulate on generated accounts', () => {
  it('every entry: decision and deciding stage', () => {
    fc.assert(
      fc.property(accountArb, (input) => {
        const entries = whoCan(input);
        const matrix = whoCanMatrix(input);
        let i = 0;
        for (let p = 0; p < input.principals.length; p++)
          for (let r = 0; r < input.resources.length; r++)
            for (let a = 0; a < input.actions.length; a++) {
              const s = simulate(whoCanSimulation(input, p, r, a));
              const e = entries[i];
              expect({ p, r, a, decision: e.decision, stage: e.stage }).toEqual({ p, r, a, decision: s.decision, stage: s.decidingStage });
              expect(DECISION_CODES[matrix.decisions[i]]).toBe(s.decision);
              i++;
            }
        expect(entries).toHaveLength(i);
      }),
      { numRuns: 600 },
    );
  }, 60_000);
});

describe('whoCan equals simulate on the benchmark’s synthetic account', () => {
  it('every cell of a small one (shared managed policies, many resource groups)', async () => {
    const { syntheticAccount } = await import('../../bench/account.ts');
    const input = syntheticAccount({ principals: 40, repositories: 30, seed: 7 });
    const m = whoCanMatrix(input);
    const nA = input.actions.length;
    for (let p = 0; p < input.principals.length; p++)
      for (let r = 0; r < input.resources.length; r++)
        for (let a = 0; a < nA; a++) {
          const s = simulate(whoCanSimulation(input, p, r, a));
          const cell = (p * input.resources.length + r) * nA + a;
          if (DECISION_CODES[m.decisions[cell]] !== s.decision) expect({ p, r, a, decision: DECISION_CODES[m.decisions[cell]] }).toEqual({ p, r, a, decision: s.decision });
        }
  }, 60_000);
});
