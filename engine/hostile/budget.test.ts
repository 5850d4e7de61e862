// The matching budget: inputs far beyond what AWS stores, whose wildcard matching would take
// seconds to minutes, are refused as too costly within the time limit, and never allowed.
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, compareWorkspaces, compilePolicies, coverage, edgeCases, fullMatrix, simulate, suggestFixes, whoCan } from '../index.ts';

const principal = 'arn:aws:iam::123456789012:role/r';
const action = 'ecr:GetAuthorizationToken';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allowAll = { Effect: 'Allow', Action: 'ecr:*', Resource: '*' };
const like = (pattern: string | string[]) => ({ StringLike: { 'aws:PrincipalTag/x': pattern } });
// Generous: each case is refused in well under a second on the 2-core CI machine.
const LIMIT_MS = 20_000;

// Near-misses (the `?` runs line up almost everywhere) cost Shift-And pattern/32 words per character.
const nearMiss = `*${'a??'.repeat(13_333)}q*`;
const nearText = ('a'.repeat(4_999) + 'b').repeat(200);
const nearRequest = { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': nearText } };

describe('the matching budget', () => {
  it('refuses a `?` near-miss of 40 KB against 1 MB as too costly (it took 2.4 s)', () => {
    const result = simulate({ identityPolicies: [doc({ ...allowAll, Condition: like(nearMiss) })], request: nearRequest });
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.decidingStage).toBe('input');
    expect(result.errors.map((e) => e.code)).toEqual(['too-costly']);
    expect(result.message).toContain('too long');
    // The policies are still listed, with nothing evaluated in them.
    expect(result.policies.map((p) => [p.ref.kind, p.statements.length])).toEqual([['identity', 0]]);
  }, LIMIT_MS);

  it('never turns a Deny it cannot afford to match into an Allow', () => {
    // The near-miss does not match, so AWS would allow; the simulator cannot know that cheaply, so it refuses.
    const policies = [doc(allowAll, { Effect: 'Deny', Action: 'ecr:*', Resource: '*', Condition: like(nearMiss) })];
    expect(simulate({ identityPolicies: policies, request: nearRequest }).decision).toBe('ImplicitDeny');
    const set = compilePolicies({ identityPolicies: policies });
    expect(set.decide(nearRequest)).toBe('ImplicitDeny');
    expect(set.decideGrid(nearRequest, [action, 'ecr:BatchGetImage'], ['*', 'arn:aws:ecr:us-east-1:123456789012:repository/a'])).toEqual(Array(4).fill('ImplicitDeny'));
  }, LIMIT_MS);

  it('counts many cheap matches against one long value together', () => {
    // 50,000 `*aN*` values, each a scan of 1.5 MB: 75 G characters in all.
    const many = Array.from({ length: 50_000 }, (_, i) => `*a${i}*`);
    const request = { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': 'b'.repeat(1_500_000) } };
    const result = simulate({ identityPolicies: [doc({ ...allowAll, Condition: like(many) })], request });
    expect(result.errors.map((e) => e.code)).toEqual(['too-costly']);
  }, LIMIT_MS);

  it('counts what policy variables add to a pattern', () => {
    const request = { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': 'b', 'aws:PrincipalTag/y': 'c'.repeat(1_500_000) } };
    const result = simulate({ identityPolicies: [doc({ ...allowAll, Condition: like('${aws:PrincipalTag/y}'.repeat(20_000)) })], request });
    expect(result.errors.map((e) => e.code)).toEqual(['too-costly']);
  }, LIMIT_MS);

  it('answers a refused resolution afresh: a compiled set never reuses what it could not finish', () => {
    const set = compilePolicies({ identityPolicies: [doc({ ...allowAll, Condition: like('${aws:PrincipalTag/y}'.repeat(2_000)) })] });
    const ask = (y: string, x: string) => set.decide({ principal, action, resource: '*', context: { 'aws:PrincipalTag/x': x, 'aws:PrincipalTag/y': y } });
    expect(ask('d', 'd'.repeat(2_000))).toBe('Allow');
    const huge = 'e'.repeat(10_000);
    expect(ask(huge, 'd'.repeat(2_000))).toBe('ImplicitDeny');
    // The same variables again: the earlier, unfinished resolution must not stand for them.
    expect(ask(huge, 'd'.repeat(2_000))).toBe('ImplicitDeny');
    expect(ask('d', 'd'.repeat(2_000))).toBe('Allow');
  }, LIMIT_MS);

  it('leaves inputs of the sizes AWS accepts alone: a 10 KB `?` pattern against a 16 KB value is evaluated', () => {
    // 10,240 characters is the largest policy AWS stores; a request value of 16 KB is beyond any it sends.
    const pattern = `*${'a?'.repeat(4_900)}*`;
    const value = 'ab'.repeat(8_000);
    const result = simulate({ identityPolicies: [doc({ ...allowAll, Condition: like(pattern) })], request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': value } } });
    expect(result.errors).toEqual([]);
    expect(result.decision).toBe('Allow');
    const miss = simulate({ identityPolicies: [doc({ ...allowAll, Condition: like(`${pattern}z`) })], request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': value } } });
    expect(miss.errors).toEqual([]);
    expect(miss.decision).toBe('ImplicitDeny');
    expect(miss.decidingStage).toBe('identity');
  });

  it('refuses the rest of a who-can run once its budget is spent, never allowing a cell', () => {
    const principals = ['a', 'b', 'c'].map((n) => ({ arn: `arn:aws:iam::123456789012:role/${n}`, policies: [{ kind: 'identity' as const, name: 'p', text: doc(allowAll) }] }));
    const resources = [{ arn: 'arn:aws:ecr:us-east-1:123456789012:repository/a', policy: doc({ Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: like(nearMiss) }) }];
    const entries = whoCan({ principals, resources, actions: ['ecr:BatchGetImage'], context: { 'aws:PrincipalTag/x': nearText } });
    expect(entries.map((e) => [e.decision, e.stage])).toEqual(Array(3).fill(['ImplicitDeny', 'input']));
  }, LIMIT_MS);

  it('fails the workspace tests it cannot afford, and says why', () => {
    const analysis = analyzeWorkspace({
      policies: [{ kind: 'identity', name: 'p', text: doc({ ...allowAll, Condition: like(nearMiss) }) }],
      request: nearRequest,
      tests: [
        { name: 'allowed', request: nearRequest, expect: 'Allow' },
        { name: 'denied', request: nearRequest, expect: 'ImplicitDeny' },
      ],
    });
    expect(analysis.result.errors.map((e) => e.code)).toEqual(['too-costly']);
    expect(analysis.tests.map((t) => t.pass)).toEqual([false, false]);
    expect(analysis.tests[1].why?.message).toContain('not evaluated');
  }, LIMIT_MS);
});

describe('many request values against many policy values', () => {
  const values = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

  it('looks equal values up: 100,000 against 100,000 with StringEquals is answered, with the value that matched', () => {
    // A scan compared every pair: 105 s.
    const policy = doc({ ...allowAll, Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/x': values(100_000, (i) => `v${i}`) } } });
    const context = { 'aws:PrincipalTag/x': [...values(99_999, (i) => `w${i}`), 'v99999'] };
    const result = simulate({ identityPolicies: [policy], request: { principal, action, resource: '*', context } });
    expect(result.errors).toEqual([]);
    expect(result.decision).toBe('Allow');
    const trace = result.policies[0].statements[0].conditions?.[0];
    expect(trace?.matched).toBe(true);
    expect(trace?.reason).toContain('`v99999`');
  }, LIMIT_MS);

  it('finds the first policy value that matches, as a scan would, among repeated values', () => {
    const policy = doc({ ...allowAll, Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/x': [...values(20, (i) => `v${i}`), 'SAME', 'same'] } } });
    const result = simulate({ identityPolicies: [policy], request: { principal, action, resource: '*', context: { 'aws:PrincipalTag/x': 'Same' } } });
    expect(result.decision).toBe('Allow');
    expect(result.policies[0].statements[0].conditions?.[0].reason).toContain('`SAME`');
  });

  it.each([
    ['ForAnyValue:IpAddress', (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`, (i: number) => `11.0.${(i >> 8) & 255}.${i & 255}`],
    ['ForAllValues:StringLike', (i: number) => `v${i}`, (i: number) => `w${i}`],
    ['ForAnyValue:NumericLessThan', (i: number) => `${i}`, (i: number) => `${i + 100_000}`],
    ['ForAnyValue:ArnLike', (i: number) => `arn:aws:s3:::b${i}`, (i: number) => `arn:aws:s3:::c${i}`],
  ])('refuses %s with 100,000 values against 100,000 as too costly (a scan took minutes)', (operator, policyValue, requestValue) => {
    const policy = doc({ ...allowAll, Condition: { [operator]: { 'aws:PrincipalTag/x': values(100_000, policyValue) } } });
    const context = { 'aws:PrincipalTag/x': values(100_000, requestValue) };
    const result = simulate({ identityPolicies: [policy], request: { principal, action, resource: '*', context } });
    expect(result.errors.map((e) => e.code)).toEqual(['too-costly']);
    expect(result.decision).toBe('ImplicitDeny');
  }, LIMIT_MS);
});

describe('reasoning over hostile workspaces', () => {
  const workspace = (pattern: string, value: string, putAction = 'ecr:PutImage') => {
    const text = doc(
      { Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*', Condition: like(pattern) },
      { Effect: 'Allow', Action: putAction, Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/x': value } } },
    );
    const request = { principal, action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/a', context: { 'aws:PrincipalTag/x': value } };
    return { policies: [{ kind: 'identity' as const, name: 'p', text }], request, tests: [] };
  };

  it('places long values in the partition by the linear matcher: a 900-character `?` pattern against 20 KB (took 29 s)', () => {
    const pattern = `*${'a??'.repeat(300)}q*`;
    const value = ('a'.repeat(4_999) + 'b').repeat(4);
    const comparison = compareWorkspaces(workspace(pattern, value), workspace(pattern, value, 'ecr:Put*'));
    expect(comparison.verdict).toBe('more-permissive');
    // Every new Put* action is allowed with the value the StringEquals names.
    expect(comparison.differences.length).toBeGreaterThan(0);
    expect(comparison.differences.every((d) => d.request.context?.['aws:PrincipalTag/x'] === value && d.after === 'Allow')).toBe(true);
  }, LIMIT_MS);

  it('stops each reasoning run at the budget and says so in its scope (40 KB near-miss against 1 MB)', () => {
    const ws = workspace(nearMiss, nearText);
    const costly = (bounds: readonly { what: string }[]) => bounds.some((b) => b.what.includes('too costly'));
    const comparison = compareWorkspaces(ws, workspace(nearMiss, nearText, 'ecr:Put*'));
    expect(comparison.scope.exhaustive).toBe(false);
    expect(costly(comparison.scope.bounds)).toBe(true);
    expect(costly(coverage(ws).scope.bounds)).toBe(true);
    const matrix = fullMatrix(ws);
    expect(costly(matrix.scope.bounds)).toBe(true);
    // A matrix keeps every cell; those past the budget are refused, none allowed.
    expect(matrix.cells.some((c) => c.stage === 'input' && c.decision === 'ImplicitDeny')).toBe(true);
    // Within the test's time limit (each took minutes): the proposals stop where the budget does.
    expect(() => edgeCases(ws)).not.toThrow();
    expect(suggestFixes(ws, ws.request).fixes).toEqual([]);
  }, 60_000);
});
