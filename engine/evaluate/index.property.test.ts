// The statement index of compiled policies (candidates by action, Deny statements first,
// decide() stopping at the first applicable Deny) against the plain scan it replaces:
// every statement of every policy, `statementApplies` with no index at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statementApplies, type CompiledPolicy, type PreparedRequest } from './compile.ts';
import { Clock, RequestContext } from './context.ts';
import { decide } from './decide.ts';
import { parsePrincipal, strongerMatch } from './principal.ts';
import {
  blankRequest,
  compileSources,
  gather,
  policySetOf,
  setActionFacts,
  setCallerFacts,
  setResourceFacts,
  sourceOf,
  type Tally,
} from './simulate.ts';
import { simulate, type PolicyKind, type SimulationRequest, type SimulationResult } from '../index.ts';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
// Exact names in several cases, wildcards in the action and in the service part, '?'.
const actionPatterns = [
  'ecr:PutImage', 'ECR:putimage', 'ecr:BatchGetImage', 'ecr:*', 'ecr:Batch*', 'ecr:Put?mage', 'Ecr:PUT*',
  'ecs:RunTask', 'ecs:*Task', '*', 'ec?:*', '*:PutImage', 'e*', 'ecr:GetAuthorizationToken', 'sts:AssumeRole', 'ecr',
];
const resources = ['*', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`, `arn:aws:ecr:*:${OTHER}:repository/shared`, 'arn:aws:ecr:us-east-1:*:repository/${aws:PrincipalTag/team}/*'];
const conditionArb = fc.option(
  fc.oneof(
    fc.record({ StringEquals: fc.record({ 'aws:PrincipalTag/team': fc.constantFrom('a', 'b') }) }),
    fc.record({ Null: fc.record({ 'aws:ResourceTag/team': fc.constantFrom('true', 'false') }) }),
  ),
  { nil: undefined },
);
const statementArb = (kind: PolicyKind) =>
  fc
    .record({
      Effect: fc.constantFrom('Allow', 'Deny', 'Allow', 'Bogus'),
      notAction: fc.boolean(),
      actions: fc.subarray(actionPatterns, { minLength: 1, maxLength: 3 }),
      res: fc.subarray(resources, { minLength: 1, maxLength: 2 }),
      Condition: conditionArb,
      principal: fc.constantFrom('*', { AWS: ACCOUNT }, { AWS: `arn:aws:iam::${ACCOUNT}:user/u` }, { Service: 'ecs-tasks.amazonaws.com' }),
    })
    .map(({ Effect, notAction, actions, res, Condition, principal }) => {
      const st: Record<string, unknown> = { Effect, [notAction ? 'NotAction' : 'Action']: actions };
      if (kind === 'resource') st.Principal = principal;
      else st.Resource = res;
      if (Condition) st.Condition = Condition;
      return st;
    });
// Small policies are scanned, larger ones (over 16 statements) indexed: both sizes are generated.
const policyArb = (kind: PolicyKind) =>
  fc.oneof(fc.array(statementArb(kind), { maxLength: 12 }), fc.array(statementArb(kind), { minLength: 17, maxLength: 40 })).map((Statement) => ({ Version: '2012-10-17', Statement }));
const requestArb: fc.Arbitrary<SimulationRequest> = fc.record({
  principal: fc.constantFrom(`arn:aws:iam::${ACCOUNT}:user/u`, `arn:aws:sts::${OTHER}:assumed-role/ci/s1`, 'ecs-tasks.amazonaws.com', `arn:aws:iam::${ACCOUNT}:root`),
  action: fc.constantFrom('ecr:PutImage', 'ECR:PUTIMAGE', 'ecr:batchgetimage', 'ecs:RunTask', 'ecs:StopTask', 'sts:AssumeRole', 'iam:PassRole', 'ecr:GetAuthorizationToken'),
  resource: fc.constantFrom('*', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/a/api`, `arn:aws:ecr:eu-west-1:${OTHER}:repository/shared`),
  context: fc.record({ 'aws:PrincipalTag/team': fc.constantFrom('a', 'b'), 'aws:ResourceTag/team': fc.constantFrom('a') }, { requiredKeys: [] }),
});
const setArb = fc.record({
  identity: fc.array(policyArb('identity'), { maxLength: 3 }),
  resource: fc.option(policyArb('resource'), { nil: undefined }),
  boundary: fc.option(policyArb('boundary'), { nil: undefined }),
  scp: fc.array(policyArb('scp'), { maxLength: 2 }),
});

/** The reference: every statement, in order, no index, no early stop. */
function scan(policy: CompiledPolicy | undefined, req: PreparedRequest, tally: Tally): boolean {
  if (!policy) return false;
  let allow = false;
  tally.who = undefined;
  for (const cs of policy.statements) {
    const m = statementApplies(cs, policy.kind, req);
    if (!m) continue;
    if (cs.statement.effect?.value === 'Deny') tally.explicitDeny = true;
    else {
      allow = true;
      tally.who = strongerMatch(tally.who, m);
    }
  }
  return allow;
}

const NOW = new Date('2026-11-23T12:00:00Z');

describe('statement index (property tests)', () => {
  it('decide() and simulate() through the index give the decision of the plain scan', () => {
    fc.assert(
      fc.property(setArb, fc.array(requestArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (policies, requests, asText) => {
        const sources = [
          ...policies.identity.map((p, index) => ({ kind: 'identity' as const, index, p })),
          ...(policies.resource ? [{ kind: 'resource' as const, index: 0, p: policies.resource }] : []),
          ...(policies.boundary ? [{ kind: 'boundary' as const, index: 0, p: policies.boundary }] : []),
          ...policies.scp.map((p, index) => ({ kind: 'scp' as const, index, p })),
        ].map(({ kind, index, p }) => sourceOf(asText ? JSON.stringify(p) : p, { kind, index, name: `${kind} ${index}`, id: `${kind}:${index}` }));
        const compiled = compileSources(sources);
        const set = policySetOf(compiled, NOW);
        for (const request of requests) {
          const principal = parsePrincipal(request.principal)!;
          const ctx = new RequestContext(request.context, principal, request.resource, new Clock(NOW));
          const req = blankRequest(principal, ctx);
          setCallerFacts(req, compiled.groups);
          setActionFacts(req, request.action, compiled.groups);
          setResourceFacts(req, request.resource, ctx, compiled.groups);
          const expected = decide(gather(compiled.groups, req, undefined, scan)).decision;
          expect(set.decide(request)).toBe(expected);
          expect(set.simulate(request).decision).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('actionHits marks exactly the statements whose Action/NotAction covers the action, in any case', () => {
    fc.assert(
      fc.property(policyArb('identity'), requestArb, (policy, request) => {
        const compiled = compileSources([sourceOf(policy, { kind: 'identity', index: 0, name: 'p', id: 'identity:0' })]).all[0];
        const actionLower = request.action.toLowerCase();
        const hits = compiled.actionHits(actionLower);
        const principal = parsePrincipal(request.principal)!;
        const req = blankRequest(principal, new RequestContext(undefined, principal, '*', new Clock(NOW)));
        setActionFacts(req, request.action, { identity: [compiled], scps: [], rcps: [] });
        compiled.statements.forEach((cs, i) => {
          const covers = !!cs.actionElement && cs.actions.some((m) => m.test(actionLower, req.ctx)) === (cs.actionElement === 'Action');
          expect(hits[i]).toBe(covers ? 1 : 0);
        });
        const candidates = [...compiled.candidates(actionLower)];
        expect(candidates.sort((a, b) => a - b)).toEqual(compiled.statements.flatMap((cs, i) => (hits[i] && !cs.skipped ? [i] : [])));
      }),
      { numRuns: 300 },
    );
  });

  it('simulate() with trace: false keeps every field of the traced result it promises, and acceptance read late equals acceptance read at once', () => {
    /** The fields a decision-only result keeps; `accepted` and `refusals` are read last, after the rest. */
    const kept = (r: SimulationResult) => ({
      decision: r.decision,
      decidingStage: r.decidingStage,
      decisiveStatements: r.decisiveStatements,
      message: r.message,
      errors: r.errors,
      crossAccount: r.crossAccount,
      principalKind: r.principalKind,
      policies: r.policies.map((p) => ({ ref: p.ref, parsed: p.parsed, notApplicable: p.notApplicable })),
      accepted: r.accepted,
      refusals: r.refusals,
    });
    fc.assert(
      fc.property(setArb, requestArb, fc.boolean(), fc.constantFrom('json', 'spread', 'clone', 'assign'), (policies, request, asText, copy) => {
        const text = (p: object) => (asText ? JSON.stringify(p) : p);
        const input = {
          identityPolicies: policies.identity.map(text),
          resourcePolicy: policies.resource && text(policies.resource),
          permissionsBoundary: policies.boundary && text(policies.boundary),
          scps: policies.scp.map(text),
          request,
          now: NOW,
        };
        const full = simulate(input);
        const brief = simulate({ ...input, trace: false });
        expect(brief.steps).toEqual([]);
        expect(brief.context).toEqual([]);
        expect(brief.missingContextKeys).toEqual([]);
        expect(brief.policies.every((p) => p.statements.length === 0)).toBe(true);
        // Copied before acceptance is read: the copy works it out, and has the traced result's keys in their order.
        const copied: SimulationResult =
          copy === 'json' ? (JSON.parse(JSON.stringify(brief)) as SimulationResult) : copy === 'spread' ? { ...brief } : copy === 'clone' ? structuredClone(brief) : brief;
        expect(Object.keys(copied)).toEqual(Object.keys(full));
        expect(kept(copied)).toEqual(JSON.parse(JSON.stringify(kept(full))));
        if (copy === 'assign') {
          // Assignable like data, before or after the first read.
          brief.refusals = [];
          brief.accepted = true;
          expect([brief.accepted, brief.refusals]).toEqual([true, []]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
