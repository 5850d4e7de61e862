// decideGrid (every action on every resource for one caller and context) against decide()
// of each cell: it reads the caller, the context and each action and resource once, and
// must give each cell the decision decide() gives that request, refusals included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicies, type PolicyKind } from '../index.ts';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const actionPatterns = ['ecr:PutImage', 'ecr:Batch*', 'ecr:*', 'ecs:*Task', '*', 'ec?:*', 'sts:AssumeRole', 'ecr:Put?mage'];
const resourcePatterns = ['*', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`, `arn:aws:ecr:*:${OTHER}:repository/shared`, 'arn:aws:ecr:us-east-1:*:repository/${aws:PrincipalTag/team}/*'];
const statementArb = (kind: PolicyKind) =>
  fc
    .record({
      Effect: fc.constantFrom('Allow', 'Deny', 'Allow'),
      notAction: fc.boolean(),
      actions: fc.subarray(actionPatterns, { minLength: 1, maxLength: 3 }),
      res: fc.subarray(resourcePatterns, { minLength: 1, maxLength: 2 }),
      condition: fc.option(
        fc.oneof(
          fc.constant({ StringEquals: { 'aws:PrincipalTag/team': 'a' } }),
          fc.constant({ StringNotEquals: { 'aws:ResourceAccount': ACCOUNT } }),
          fc.constant({ Null: { 'aws:ResourceTag/team': 'false' } }),
        ),
        { nil: undefined },
      ),
    })
    .map(({ Effect, notAction, actions, res, condition }) => {
      const st: Record<string, unknown> = { Effect, [notAction ? 'NotAction' : 'Action']: actions };
      if (kind === 'resource') st.Principal = { AWS: OTHER };
      else st.Resource = res;
      if (condition) st.Condition = condition;
      return st;
    });
const policyArb = (kind: PolicyKind) => fc.array(statementArb(kind), { maxLength: 8 }).map((Statement) => JSON.stringify({ Version: '2012-10-17', Statement }));
// Valid and invalid actions and resources: a cell decide() refuses is ImplicitDeny in the grid too.
const actions = ['ecr:PutImage', ' ecr:BatchGetImage ', 'ECS:RunTask', 'sts:AssumeRole', 'ecr:GetAuthorizationToken', 'not an action', ''];
const resources = ['*', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/a/api`, `arn:aws:ecr:eu-west-1:${OTHER}:repository/shared`, `  arn:aws:ecs:us-east-1:${ACCOUNT}:service/c/s  `, ''];

describe('decideGrid', () => {
  it('gives every cell the decision decide() gives its request', () => {
    fc.assert(
      fc.property(
        fc.record({ identity: fc.array(policyArb('identity'), { maxLength: 2 }), resource: fc.option(policyArb('resource'), { nil: undefined }), boundary: fc.option(policyArb('boundary'), { nil: undefined }), scp: fc.option(policyArb('scp'), { nil: undefined }) }),
        fc.constantFrom(`arn:aws:iam::${ACCOUNT}:user/u`, `arn:aws:sts::${OTHER}:assumed-role/ci/s1`, 'ecs-tasks.amazonaws.com', `arn:aws:iam::${ACCOUNT}:root`, 'not a principal'),
        fc.record({ 'aws:PrincipalTag/team': fc.constantFrom('a', 'b'), 'aws:ResourceAccount': fc.constantFrom(ACCOUNT, OTHER) }, { requiredKeys: [] }),
        (p, principal, context) => {
          const set = compilePolicies({ identityPolicies: p.identity, resourcePolicy: p.resource, permissionsBoundary: p.boundary, scps: p.scp ? [p.scp] : undefined, now: '2026-11-23T12:00:00Z' });
          const grid = set.decideGrid({ principal, context }, actions, resources);
          expect(grid).toHaveLength(actions.length * resources.length);
          actions.forEach((action, a) => resources.forEach((resource, r) => expect(grid[a * resources.length + r], `${action} on ${resource}`).toBe(set.decide({ principal, action, resource, context }))));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a context decide() refuses leaves every cell ImplicitDeny, and bad arguments give an empty grid', () => {
    const set = compilePolicies({ identityPolicies: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })] });
    const principal = `arn:aws:iam::${ACCOUNT}:user/u`;
    expect(set.decideGrid({ principal }, ['ecr:PutImage'], ['*'])).toEqual(['Allow']);
    expect(set.decideGrid({ principal, context: { 'aws:MultiFactorAuthAge': 300 as unknown as string } }, ['ecr:PutImage', 'ecr:ListImages'], ['*'])).toEqual(['ImplicitDeny', 'ImplicitDeny']);
    expect(set.decideGrid({ principal }, null as unknown as string[], ['*'])).toEqual([]);
    expect(set.decideGrid(null as unknown as { principal: string }, ['ecr:PutImage'], ['*'])).toEqual(['ImplicitDeny']);
  });
});
