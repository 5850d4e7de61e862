import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, CODES, createWorkspaceAnalyzer, simulate } from '../index.ts';
import type { Diagnostic, PolicyKind, SimulationRequest, WorkspacePolicyInput } from '../index.ts';

const ACCOUNT = '111122223333';
const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ci/build`;
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement }, null, 2);
const push = policy({ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' });
const request: SimulationRequest = { principal: SESSION, action: 'ecr:PutImage', resource: REPO };

describe('analyzeWorkspace', () => {
  it('gives the decision, names policies by id, and keys diagnostics by id', () => {
    const a = analyzeWorkspace({
      policies: [
        { id: 'p1', kind: 'identity', name: 'ci-push', text: push },
        { id: 'p2', kind: 'boundary', name: 'cap', text: policy({ Sid: 'Cap', Effect: 'Allow', Action: 'ecr:*', Resource: '*' }) },
      ],
      request,
    });
    expect(a.result.decision).toBe('Allow');
    expect(a.result.decisiveStatements.map((s) => [s.policy.id, s.policy.name, s.sid])).toEqual([
      ['p1', 'ci-push', 'Push'],
      ['p2', 'cap', 'Cap'],
    ]);
    expect(Object.keys(a.diagnostics)).toEqual(['p1', 'p2']);
    expect(a.accepted).toBe(true);
    expect(a.policies.map((p) => p.takesPart)).toEqual([true, true]);
  });

  it('leaves out a second boundary and a turned-off policy, each with a diagnostic saying why', () => {
    const deny = policy({ Sid: 'No', Effect: 'Deny', Action: '*', Resource: '*' });
    const a = analyzeWorkspace({
      policies: [
        { id: 'a', kind: 'identity', name: 'ci-push', text: push },
        { id: 'b', kind: 'boundary', name: 'first', text: push },
        { id: 'c', kind: 'boundary', name: 'second', text: deny },
        { id: 'd', kind: 'identity', name: 'off', text: deny, enabled: false },
      ],
      request,
    });
    expect(a.result.decision).toBe('Allow');
    expect(a.policies.map((p) => p.takesPart)).toEqual([true, true, false, false]);
    expect(a.diagnostics.c[0]).toMatchObject({ code: 'policy-left-out', severity: 'warning' });
    expect(a.diagnostics.c[0].message).toContain('`first`');
    expect(a.diagnostics.d[0].code).toBe('policy-disabled');
    expect(a.result.policies.map((p) => p.ref.id)).toEqual(['a', 'b']);
  });

  it('is not accepted while a policy that takes part is refused, and says where', () => {
    const withPrincipal = policy({ Effect: 'Allow', Principal: '*', Action: 'ecr:PutImage', Resource: '*' });
    const a = analyzeWorkspace({ policies: [{ id: 'x', kind: 'identity', name: 'ci-push', text: withPrincipal }], request });
    expect(a.accepted).toBe(false);
    expect(a.result.accepted).toBe(false);
    expect(a.refusals).toHaveLength(1);
    expect(a.refusals[0]).toMatchObject({ code: 'principal-not-allowed', policy: { id: 'x', name: 'ci-push' } });
    expect(a.refusals[0].range.start.line).toBe(6);
    // A refused policy that is turned off does not count.
    const off = analyzeWorkspace({ policies: [{ id: 'x', kind: 'identity', name: 'ci-push', text: withPrincipal, enabled: false }], request });
    expect(off.accepted).toBe(true);
  });

  it('reports half-typed JSON as malformed', () => {
    const a = analyzeWorkspace({ policies: [{ id: 'x', kind: 'identity', name: 'ci', text: push.slice(0, 40) }], request });
    expect(a.malformed).toEqual(['x']);
    expect(a.policies[0].wellFormed).toBe(false);
    expect(a.accepted).toBe(false);
  });

  it('runs every test; a `Deny` expectation accepts either deny; failing tests say why', () => {
    const a = analyzeWorkspace({
      policies: [{ id: 'p', kind: 'identity', name: 'ci', text: push }],
      request,
      tests: [
        { name: 'push', request, expect: 'Allow' },
        { name: 'delete', request: { ...request, action: 'ecr:DeleteRepository' }, expect: 'Deny' },
        { name: 'wrong', request: { ...request, action: 'ecr:DeleteRepository' }, expect: 'Allow' },
      ],
    });
    expect(a.tests.map((t) => [t.name, t.actual, t.pass])).toEqual([
      ['push', 'Allow', true],
      ['delete', 'ImplicitDeny', true],
      ['wrong', 'ImplicitDeny', false],
    ]);
    expect(a.failingTests).toBe(1);
    expect(a.tests[2].why?.message).toContain('because no identity-based policy allows the ecr:DeleteRepository action');
    expect(a.tests[0].why).toBeUndefined();
  });

  it('an analyzer re-reads only what changed, and answers as a fresh analysis does', () => {
    const analyzer = createWorkspaceAnalyzer();
    const ws = { policies: [{ id: 'p', kind: 'identity' as const, name: 'ci', text: push }], request };
    const first = analyzer.analyze(ws);
    const again = analyzer.analyze(ws);
    expect(again.diagnostics.p).toEqual(first.diagnostics.p);
    const edited = { ...ws, policies: [{ ...ws.policies[0], text: policy({ Effect: 'Deny', Action: 'ecr:*', Resource: '*' }) }] };
    expect(analyzer.analyze(edited).result.decision).toBe('ExplicitDeny');
    expect(analyzeWorkspace(edited).result.decision).toBe('ExplicitDeny');
  });

  it("checks: 'refusals' gives the same decision, tests and refusals, and only the refusing findings; a later full analysis finds the rest", () => {
    const ws = {
      policies: [
        // A misspelt action (a warning, not a refusal) and a Principal in an identity policy (a refusal).
        { id: 'p', kind: 'identity' as const, name: 'ci', text: policy({ Sid: 'Push', Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:PutImagee'], Resource: '*' }) },
        { id: 'q', kind: 'identity' as const, name: 'bad', text: policy({ Effect: 'Allow', Principal: '*', Action: 'ecr:*', Resource: '*' }) },
      ],
      request,
      tests: [{ name: 'push', request, expect: 'Allow' as const }],
    };
    const full = analyzeWorkspace(ws);
    const analyzer = createWorkspaceAnalyzer();
    const quick = analyzer.analyze(ws, { checks: 'refusals' });
    expect(quick.result.decision).toBe(full.result.decision);
    expect(quick.tests).toEqual(full.tests);
    expect(quick.accepted).toBe(false);
    expect(quick.refusals).toEqual(full.refusals);
    const withoutFix = ({ fix: _fix, ...d }: Diagnostic) => d;
    for (const id of ['p', 'q']) expect(quick.diagnostics[id].map(withoutFix)).toEqual(full.diagnostics[id].filter((d) => CODES[d.code].refuses).map(withoutFix));
    expect(full.diagnostics.p.length).toBeGreaterThan(quick.diagnostics.p.length);
    // The analyzer does not keep the partial checks as if they were the full ones.
    expect(analyzer.analyze(ws).diagnostics).toEqual(full.diagnostics);
    expect(analyzer.analyze(ws, { checks: 'refusals' }).diagnostics).toEqual(full.diagnostics);
  });

  it('never throws on malformed input', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const a = analyzeWorkspace(junk as never);
        expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(a.result.decision);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------- agreement with simulate

const kinds: PolicyKind[] = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'];
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.constantFrom('ecr:PutImage', 'ecr:*', '*', 'ecr:BatchGetImage', ['ecr:PutImage', 'ecs:RunTask']),
  Resource: fc.constantFrom('*', REPO, `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/other`),
  Principal: fc.constantFrom('*', { AWS: ACCOUNT }, { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, { Service: 'ecs-tasks.amazonaws.com' }),
});
const policyArb: fc.Arbitrary<WorkspacePolicyInput> = fc
  .record({ kind: fc.constantFrom(...kinds), statements: fc.array(statement, { minLength: 1, maxLength: 3 }), enabled: fc.option(fc.boolean(), { nil: undefined }), broken: fc.boolean() })
  .map(({ kind, statements, enabled, broken }) => {
    const info = kind === 'resource' || kind === 'rcp';
    const list = statements.map((s) => {
      const { Principal, Resource, ...rest } = s;
      return kind === 'resource' ? { ...rest, Principal } : info ? { ...rest, Principal: '*', Resource } : { ...rest, Resource };
    });
    const text = policy(...list);
    return { kind, name: kind, text: broken ? text.slice(0, text.length - 3) : text, enabled };
  });
const requestArb = fc.record({
  principal: fc.constantFrom(SESSION, `arn:aws:iam::${ACCOUNT}:role/ci`, `arn:aws:iam::${ACCOUNT}:user/u`, 'ecs-tasks.amazonaws.com', `arn:aws:iam::444455556666:user/x`),
  action: fc.constantFrom('ecr:PutImage', 'ecr:BatchGetImage', 'ecs:RunTask'),
  resource: fc.constantFrom(REPO, '*'),
});

describe('analyzeWorkspace and simulate agree (property test)', () => {
  it('on every generated workspace: decision, deciding statements, acceptance', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 6 }), requestArb, (policies, req) => {
        const a = analyzeWorkspace({ policies: policies.map((p, i) => ({ ...p, id: `id${i}` })), request: req });
        // simulate sees what takes part: every identity policy, SCP and RCP; the first of the other kinds.
        const on = policies.filter((p) => p.enabled !== false);
        const of = (k: PolicyKind) => on.filter((p) => p.kind === k).map((p) => p.text);
        const r = simulate({
          identityPolicies: of('identity'),
          resourcePolicy: of('resource')[0],
          permissionsBoundary: of('boundary')[0],
          sessionPolicy: of('session')[0],
          scps: of('scp'),
          rcps: of('rcp'),
          request: req,
        });
        expect(a.result.decision).toBe(r.decision);
        expect(a.result.decidingStage).toBe(r.decidingStage);
        expect(a.result.decisiveStatements.map((s) => [s.policy.kind, s.statementIndex])).toEqual(r.decisiveStatements.map((s) => [s.policy.kind, s.statementIndex]));
        expect(a.accepted).toBe(r.accepted);
        // The same refusals, in workspace order rather than simulate's slot order.
        const key = (x: { code: string; policy: { kind: string }; span: { start: number } }) => `${x.policy.kind}:${x.span.start}:${x.code}`;
        expect(a.refusals.map(key).sort()).toEqual(r.refusals.map(key).sort());
      }),
      { numRuns: 300 },
    );
  });
});
