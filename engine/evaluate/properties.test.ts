// Invariants of AWS's evaluation logic, checked on generated policies and requests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicies, simulate } from '../index.ts';
import type { SimulationInput, SimulationRequest } from '../index.ts';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const actions = ['ecr:PutImage', 'ecr:BatchGetImage', 'ecr:*', 'ecr:Batch*', 'ecr:Put?mage', 'ecs:RunTask', '*', 'ecr:GetAuthorizationToken'];
const resources = [
  '*',
  `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`,
  `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team-a/*`,
  `arn:aws:ecr:*:${OTHER}:repository/shared`,
  'arn:aws:ecr:us-east-1:*:repository/${aws:PrincipalTag/team}/*',
];
const principals = [
  '*',
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${OTHER}:root` },
  { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` },
  { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/s1` },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/u` },
  { Service: 'ecs-tasks.amazonaws.com' },
];
const conditionArb = fc.option(
  fc.oneof(
    fc.record({ StringEquals: fc.record({ 'aws:ResourceTag/team': fc.constantFrom('a', 'b', ['a', 'b']) }) }),
    fc.record({ StringNotEqualsIfExists: fc.record({ 'aws:PrincipalTag/team': fc.constantFrom('a', 'b') }) }),
    fc.record({ 'ForAnyValue:StringLike': fc.record({ 'aws:TagKeys': fc.constantFrom('te*', 'x') }) }),
    fc.record({ Null: fc.record({ 'aws:ResourceTag/team': fc.constantFrom('true', 'false') }) }),
  ),
  { nil: undefined },
);

type Stmt = Record<string, unknown>;
const statementArb = (withPrincipal: boolean, withResource: boolean): fc.Arbitrary<Stmt> =>
  fc
    .record({
      Effect: fc.constantFrom('Allow', 'Deny'),
      act: fc.tuple(fc.boolean(), fc.subarray(actions, { minLength: 1, maxLength: 3 })),
      res: fc.tuple(fc.boolean(), fc.subarray(resources, { minLength: 1, maxLength: 2 })),
      principal: fc.constantFrom(...principals),
      Condition: conditionArb,
    })
    .map(({ Effect, act, res, principal, Condition }) => {
      const st: Stmt = { Effect, [act[0] ? 'Action' : 'NotAction']: act[1] };
      if (withResource) st[res[0] ? 'Resource' : 'NotResource'] = res[1];
      if (withPrincipal) st.Principal = principal;
      if (Condition) st.Condition = Condition;
      return st;
    });
const policyArb = (withPrincipal: boolean, withResource: boolean) =>
  fc.array(statementArb(withPrincipal, withResource), { minLength: 0, maxLength: 4 }).map((Statement) => ({ Version: '2012-10-17', Statement }));

const requestArb: fc.Arbitrary<SimulationRequest> = fc.record({
  principal: fc.constantFrom(
    `arn:aws:iam::${ACCOUNT}:user/u`,
    `arn:aws:sts::${ACCOUNT}:assumed-role/ci/s1`,
    `arn:aws:sts::${OTHER}:assumed-role/ci/s1`,
    `arn:aws:iam::${ACCOUNT}:root`,
    'ecs-tasks.amazonaws.com',
  ),
  action: fc.constantFrom('ecr:PutImage', 'ecr:BatchGetImage', 'ecs:RunTask', 'ecr:GetAuthorizationToken'),
  resource: fc.constantFrom(
    '*',
    `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team-a/api`,
    `arn:aws:ecr:eu-west-1:${OTHER}:repository/shared`,
  ),
  context: fc.record(
    {
      'aws:ResourceTag/team': fc.constantFrom('a', 'b'),
      'aws:PrincipalTag/team': fc.constantFrom('a', 'b', 'team-a'),
      'aws:TagKeys': fc.constantFrom(['team'], [], ['x', 'team']),
    },
    { requiredKeys: [] },
  ),
});

const inputArb: fc.Arbitrary<SimulationInput> = fc.record({
  identityPolicies: fc.array(policyArb(false, true), { maxLength: 2 }),
  resourcePolicy: fc.option(policyArb(true, false), { nil: undefined }),
  permissionsBoundary: fc.option(policyArb(false, true), { nil: undefined }),
  sessionPolicy: fc.option(policyArb(false, true), { nil: undefined }),
  scps: fc.array(policyArb(false, true), { maxLength: 2 }),
  request: requestArb,
  now: fc.constant('2026-11-23T12:00:00Z'),
});

type PolicySlot = 'identity' | 'resource' | 'boundary' | 'session' | 'scp';
function statementsOf(input: SimulationInput): { slot: PolicySlot; index: number; list: Stmt[] }[] {
  const out: { slot: PolicySlot; index: number; list: Stmt[] }[] = [];
  const take = (slot: PolicySlot, p: unknown, index: number) => {
    if (p && typeof p === 'object') out.push({ slot, index, list: (p as { Statement: Stmt[] }).Statement });
  };
  input.identityPolicies?.forEach((p, i) => take('identity', p, i));
  take('resource', input.resourcePolicy, 0);
  take('boundary', input.permissionsBoundary, 0);
  take('session', input.sessionPolicy, 0);
  input.scps?.forEach((p, i) => take('scp', p, i));
  return out;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('Policy evaluation logic invariants (property tests)', () => {
  it('an explicit deny overrides any allow: adding a Deny statement never turns a denied request into an allowed one', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), statementArb(true, true), (input, pick, extra) => {
        const slots = statementsOf(input);
        fc.pre(slots.length > 0);
        const before = simulate(input).decision;
        const after = clone(input);
        const slot = statementsOf(after)[pick % slots.length];
        const deny: Stmt = { ...extra, Effect: 'Deny' };
        if (slot.slot !== 'resource') delete deny.Principal;
        else {
          delete deny.Resource;
          delete deny.NotResource;
        }
        slot.list.push(deny);
        const decision = simulate(after).decision;
        if (before !== 'Allow') expect(decision).not.toBe('Allow');
        if (before === 'ExplicitDeny') expect(decision).toBe('ExplicitDeny');
      }),
      { numRuns: 400 },
    );
  });

  it('removing an Allow statement never turns a denied request into an allowed one', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.nat(), (input, pickPolicy, pickStatement) => {
        const slots = statementsOf(input).filter((s) => s.list.some((st) => st.Effect === 'Allow'));
        fc.pre(slots.length > 0);
        const before = simulate(input).decision;
        const after = clone(input);
        const target = statementsOf(after).filter((s) => s.list.some((st) => st.Effect === 'Allow'))[pickPolicy % slots.length];
        const allowIndexes = target.list.map((st, i) => (st.Effect === 'Allow' ? i : -1)).filter((i) => i >= 0);
        target.list.splice(allowIndexes[pickStatement % allowIndexes.length], 1);
        if (before !== 'Allow') expect(simulate(after).decision).not.toBe('Allow');
      }),
      { numRuns: 400 },
    );
  });

  it('the compiled fast path and the traced path always agree, and the trace explains the decision', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = simulate(input);
        const { request, ...policies } = input;
        expect(compilePolicies(policies).decide(request)).toBe(result.decision);
        const applyingDeny = result.policies.some((p) => p.statements.some((t) => t.applies && t.ref.effect === 'Deny'));
        expect(result.decision === 'ExplicitDeny').toBe(applyingDeny);
        expect(result.decisiveStatements.every((s) => (result.decision === 'ExplicitDeny' ? s.effect === 'Deny' : s.effect === 'Allow'))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('simulate never throws, whatever JSON it is given', () => {
    const anyPolicy = fc.oneof(fc.jsonValue(), fc.string(), fc.anything());
    fc.assert(
      fc.property(
        fc.record({
          identityPolicies: fc.oneof(fc.array(anyPolicy, { maxLength: 3 }), anyPolicy),
          resourcePolicy: anyPolicy,
          permissionsBoundary: anyPolicy,
          scps: fc.oneof(fc.array(anyPolicy, { maxLength: 2 }), anyPolicy),
          rcps: anyPolicy,
          sessionPolicy: anyPolicy,
          request: fc.oneof(fc.anything(), requestArb, fc.record({ principal: fc.anything(), action: fc.anything(), resource: fc.anything(), context: fc.anything() })),
        }),
        (input) => {
          const result = simulate(input as unknown as SimulationInput);
          expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(result.decision);
          expect(result.errors.every((e) => e.code !== 'internal-error')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('simulate never throws on arbitrary policy text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', 'Statement', 'Effect', 'Allow', '*', ' ', 'Action', 'ecr:*') , maxLength: 60 }), (a, b) => {
        for (const text of [a, b]) {
          const result = simulate({ identityPolicies: [text], resourcePolicy: text, request: { principal: `arn:aws:iam::${ACCOUNT}:user/u`, action: 'ecr:PutImage', resource: '*' } });
          expect(result.errors.every((e) => e.code !== 'internal-error')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
