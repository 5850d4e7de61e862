import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, type SimulationRequest } from '../../../engine';
import { crossAccountSides, resourcePolicyWhat, statementsText } from './sides';

const identity = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'pull', Effect: 'Allow', Action: ['ecr:BatchGetImage'], Resource: '*' }] });
const repoAllows = (principal: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'CiPull', Effect: 'Allow', Principal: { AWS: principal }, Action: 'ecr:BatchGetImage' }] });
const request: SimulationRequest = {
  principal: 'arn:aws:sts::222222222222:assumed-role/ci-role/run-1',
  action: 'ecr:BatchGetImage',
  resource: 'arn:aws:ecr:us-east-1:111111111111:repository/web',
};

function sides(policies: { kind: 'identity' | 'resource'; name: string; text: string }[], req = request) {
  const { result } = analyzeWorkspace({ policies, request: req });
  return { result, sides: crossAccountSides(result, req) };
}

describe('cross-account: each side’s verdict', () => {
  it('says which side failed: the repository does not let the other account in', () => {
    const { result, sides: s } = sides([
      { kind: 'identity', name: 'ci-role', text: identity },
      { kind: 'resource', name: 'web repo', text: repoAllows('arn:aws:iam::333333333333:root') },
    ]);
    expect(result.decision).toBe('ImplicitDeny');
    expect(s).not.toBeNull();
    const [id, res] = s!;
    expect(id).toMatchObject({ side: 'identity', account: '222222222222', verdict: 'allow', text: 'allowed by `pull` in `ci-role`' });
    expect(res).toMatchObject({ side: 'resource', account: '111111111111', what: 'repository policy', verdict: 'no-allow', text: 'no statement allows `ecr:BatchGetImage` for this caller' });
  });

  it('says when the identity side does not allow while the resource side does', () => {
    const { result, sides: s } = sides([
      { kind: 'identity', name: 'ci-role', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' }] }) },
      { kind: 'resource', name: 'web repo', text: repoAllows('arn:aws:iam::222222222222:root') },
    ]);
    expect(result.decision).toBe('ImplicitDeny');
    expect(s![0]).toMatchObject({ verdict: 'no-allow', text: 'no identity-based policy allows `ecr:BatchGetImage`' });
    expect(s![1]).toMatchObject({ verdict: 'allow', text: 'allowed by `CiPull` in `web repo`' });
  });

  it('both allow: allowed', () => {
    const { result, sides: s } = sides([
      { kind: 'identity', name: 'ci-role', text: identity },
      { kind: 'resource', name: 'web repo', text: repoAllows('arn:aws:iam::222222222222:root') },
    ]);
    expect(result.decision).toBe('Allow');
    expect(s!.map((x) => x.verdict)).toEqual(['allow', 'allow']);
  });

  it('no repository policy at all', () => {
    const { sides: s } = sides([{ kind: 'identity', name: 'ci-role', text: identity }]);
    expect(s![1].verdict).toBe('no-allow');
    expect(s![1].text).toMatch(/^no repository policy takes part/);
  });

  it('a deny on one side', () => {
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoOthers', Effect: 'Deny', Principal: '*', Action: 'ecr:*' }] });
    const { sides: s } = sides([
      { kind: 'identity', name: 'ci-role', text: identity },
      { kind: 'resource', name: 'web repo', text: deny },
    ]);
    expect(s![1]).toMatchObject({ verdict: 'deny', text: 'denied by `NoOthers` in `web repo`' });
    expect(s![0].verdict).toBe('allow');
  });

  it('is null within one account', () => {
    const same = { ...request, resource: 'arn:aws:ecr:us-east-1:222222222222:repository/web' };
    expect(sides([{ kind: 'identity', name: 'ci-role', text: identity }], same).sides).toBeNull();
  });

  it('names statements and resource policies', () => {
    expect(resourcePolicyWhat({ ...request, action: 'sts:AssumeRole', resource: 'arn:aws:iam::1:role/x' })).toBe('trust policy');
    expect(resourcePolicyWhat({ ...request, resource: '*' })).toBe('resource-based policy');
    const ref = (sid: string | undefined, i: number) => ({ policy: { id: 'p', kind: 'identity' as const, index: 0, name: 'p' }, statementIndex: i, sid, effect: 'Allow' as const, span: { start: 0, end: 0 }, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } });
    expect(statementsText([ref('A', 0), ref(undefined, 1), ref('C', 2)])).toBe('`A` in `p`, statement 2 in `p` and `C` in `p`');
  });
});
