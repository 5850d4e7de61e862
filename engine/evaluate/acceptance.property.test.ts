// Whether AWS would accept the policies: a result never claims `accepted` while any
// policy has a finding for which AWS refuses it (property tests).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES, parsePolicy, refusalsOf, simulate, validateParsed, validatePolicy } from '../index.ts';
import type { PolicyKind, SimulationInput } from '../index.ts';

const ACCOUNT = '111122223333';
const REQUEST = { principal: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/s1`, action: 'ecr:PutImage', resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app` };

const statement = fc.record(
  {
    Sid: fc.constantFrom('A', 'B', 'Not valid!'),
    Effect: fc.constantFrom('Allow', 'Deny', 'allow'),
    Action: fc.constantFrom('ecr:PutImage', ['ecr:*', 'ecs:RunTask'], 'ecr PutImage', '*'),
    NotAction: fc.constant('iam:*'),
    Resource: fc.constantFrom('*', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`, 'not-an-arn', 'arn:foo:ecr:::x'),
    Principal: fc.constantFrom('*', { AWS: ACCOUNT }, { Service: 'ecs-tasks.amazonaws.com' }, { Federated: 'ecs-tasks.amazonaws.com' }),
    Condition: fc.constantFrom({ StringEquals: { 'aws:PrincipalTag/team': 'a' } }, { StringEqualz: { 'aws:PrincipalTag/team': 'a' } }),
  },
  { requiredKeys: [] },
);
const policyText = fc
  .tuple(fc.array(statement, { minLength: 1, maxLength: 3 }), fc.constantFrom('2012-10-17', '2008-10-17', undefined), fc.nat(), fc.boolean())
  .map(([Statement, Version, cut, truncate]) => {
    const text = JSON.stringify(Version ? { Version, Statement } : { Statement }, null, 2);
    // Half-typed text: cut somewhere inside.
    return truncate ? text.slice(0, 1 + (cut % (text.length - 1))) : text;
  });
const kind = fc.constantFrom<PolicyKind>('identity', 'resource', 'boundary', 'scp', 'rcp', 'session');

function inputOf(policies: { kind: PolicyKind; text: string }[]): SimulationInput {
  const of = (k: PolicyKind) => policies.filter((p) => p.kind === k).map((p) => p.text);
  return {
    identityPolicies: of('identity'),
    resourcePolicy: of('resource')[0],
    permissionsBoundary: of('boundary')[0],
    sessionPolicy: of('session')[0],
    scps: of('scp'),
    rcps: of('rcp'),
    request: REQUEST,
  };
}

/** The policies simulate evaluates: every identity policy, SCP and RCP, the first of the others. */
function evaluated(policies: { kind: PolicyKind; text: string }[]) {
  const seen = new Set<PolicyKind>();
  return policies.filter((p) => {
    if (p.kind === 'identity' || p.kind === 'scp' || p.kind === 'rcp') return true;
    if (seen.has(p.kind)) return false;
    seen.add(p.kind);
    return true;
  });
}

describe('acceptance (property tests)', () => {
  it('accepted is true exactly when no evaluated policy has a finding AWS refuses', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kind, text: policyText }), { minLength: 1, maxLength: 4 }), (policies) => {
        const result = simulate(inputOf(policies));
        const refusing = evaluated(policies).flatMap((p) => validatePolicy(p.text, p.kind).filter((d) => CODES[d.code].refuses));
        expect(result.accepted).toBe(refusing.length === 0);
        expect(result.refusals.length).toBe(refusing.length);
        for (const r of result.refusals) expect(CODES[r.code as keyof typeof CODES].refuses).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('text that is not JSON is never accepted', () => {
    fc.assert(
      fc.property(kind, policyText, fc.nat(), (k, text, cut) => {
        const broken = text.slice(0, cut % text.length);
        let json = true;
        try {
          JSON.parse(broken);
        } catch {
          json = false;
        }
        fc.pre(!json);
        const result = simulate(inputOf([{ kind: k, text: broken }]));
        expect(result.accepted).toBe(false);
        expect(result.refusals[0].policy.kind).toBe(k);
      }),
      { numRuns: 300 },
    );
  });

  it('a Principal in an identity policy is always refused, whatever else the policy says', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 3 }), (statements) => {
        const text = JSON.stringify({ Version: '2012-10-17', Statement: [...statements, { Effect: 'Allow', Principal: '*', Action: 'ecr:*', Resource: '*' }] });
        const result = simulate(inputOf([{ kind: 'identity', text }]));
        expect(result.accepted).toBe(false);
        expect(result.refusals.some((r) => r.code === 'principal-not-allowed')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the refusal checks alone find exactly the refusing findings of the whole validator', () => {
    fc.assert(
      fc.property(kind, policyText, (k, text) => {
        const parsed = parsePolicy(text, k);
        const key = (d: { code: string; span: { start: number; end: number } }) => `${d.code}@${d.span.start}-${d.span.end}`;
        expect(refusalsOf(parsed).map(key)).toEqual(validateParsed(parsed).filter((d) => CODES[d.code].refuses).map(key));
      }),
      { numRuns: 500 },
    );
  });

  it('every refusing code is one the refusal checks can report (syntax, grammar, size, and four named ones)', () => {
    const lean = new Set(['action-invalid', 'arn-invalid', 'arn-partition-invalid', 'condition-operator-unknown']);
    for (const [code, info] of Object.entries(CODES)) {
      if (info.refuses) expect(['syntax', 'grammar', 'size'].includes(info.group) || lean.has(code), code).toBe(true);
    }
  });
});
