import { describe, expect, it } from 'vitest';
import { parsePrincipal, principalValueMatch } from './principal.ts';

describe('IAM JSON policy elements: Principal — which values name the caller', () => {
  const user = parsePrincipal('arn:aws:iam::111122223333:user/dev/alice')!;
  const session = parsePrincipal('arn:aws:sts::111122223333:assumed-role/ci/build-1')!;
  const service = parsePrincipal('ecs-tasks.amazonaws.com')!;

  it('parses the forms a caller can take', () => {
    expect(user).toMatchObject({ kind: 'user', account: '111122223333', userName: 'alice' });
    expect(session).toMatchObject({ kind: 'assumed-role', roleName: 'ci', sessionName: 'build-1', roleArn: 'arn:aws:iam::111122223333:role/ci' });
    expect(service).toMatchObject({ kind: 'service', service: 'ecs-tasks.amazonaws.com' });
    expect(parsePrincipal('111122223333')).toMatchObject({ kind: 'root', arn: 'arn:aws:iam::111122223333:root' });
    expect(parsePrincipal('arn:aws:iam::111122223333:root')).toMatchObject({ kind: 'root' });
    expect(parsePrincipal('arn:aws:sts::111122223333:federated-user/bob')).toMatchObject({ kind: 'federated-user' });
    expect(parsePrincipal('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com')).toMatchObject({ kind: 'federated' });
    expect(parsePrincipal('not a principal')).toBeUndefined();
    expect(parsePrincipal('arn:aws:s3:::bucket')).toBeUndefined();
  });

  it('an account id and the account root ARN both name every principal of the account', () => {
    expect(principalValueMatch('AWS', '111122223333', user)).toBe('account');
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:root', session)).toBe('account');
    expect(principalValueMatch('AWS', '444455556666', user)).toBeUndefined();
  });

  it('a role ARN (with any path) covers its sessions; a session ARN names one session', () => {
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:role/ci', session)).toBe('role');
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:role/path/to/ci', session)).toBe('role');
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:role/cd', session)).toBeUndefined();
    expect(principalValueMatch('AWS', 'arn:aws:sts::111122223333:assumed-role/ci/build-1', session)).toBe('self');
    expect(principalValueMatch('AWS', 'arn:aws:sts::111122223333:assumed-role/ci/build-2', session)).toBeUndefined();
  });

  it('a role ARN as the caller is a session of unknown name: a grant to the role names its role, one naming a session may or may not', () => {
    const role = parsePrincipal('arn:aws:iam::111122223333:role/ci')!;
    expect(role.sessionName).toBeUndefined();
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:role/ci', role)).toBe('role');
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:role/path/ci', role)).toBe('role');
    expect(principalValueMatch('AWS', 'arn:aws:sts::111122223333:assumed-role/ci/build-1', role)).toBe('some-session');
    expect(principalValueMatch('AWS', 'arn:aws:sts::111122223333:assumed-role/cd/build-1', role)).toBeUndefined();
  });

  it('user ARNs match exactly, path included (no partial wildcards in Principal)', () => {
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:user/dev/alice', user)).toBe('self');
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:user/alice', user)).toBeUndefined();
    expect(principalValueMatch('AWS', 'arn:aws:iam::111122223333:user/*', user)).toBeUndefined();
  });

  it('Federated names an identity provider, including cognito-identity.amazonaws.com', () => {
    const github = parsePrincipal('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com')!;
    expect(principalValueMatch('Federated', 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', github)).toBe('self');
    expect(principalValueMatch('Federated', 'cognito-identity.amazonaws.com', parsePrincipal('cognito-identity.amazonaws.com')!)).toBe('self');
    expect(principalValueMatch('AWS', '111122223333', github)).toBeUndefined();
  });

  it('Federated never names an AWS service; Service never names an identity provider', () => {
    expect(principalValueMatch('Federated', 'ecs-tasks.amazonaws.com', parsePrincipal('ecs-tasks.amazonaws.com')!)).toBeUndefined();
    expect(principalValueMatch('Service', 'cognito-identity.amazonaws.com', parsePrincipal('cognito-identity.amazonaws.com')!)).toBeUndefined();
    expect(parsePrincipal('cognito-identity.amazonaws.com')).toMatchObject({ kind: 'federated' });
  });

  it('"*" and {"AWS": "*"} name everyone; Service names a service principal only', () => {
    expect(principalValueMatch('AWS', '*', user)).toBe('everyone');
    expect(principalValueMatch('Service', 'ecs-tasks.amazonaws.com', service)).toBe('self');
    expect(principalValueMatch('Service', 'ecs-tasks.amazonaws.com', user)).toBeUndefined();
    expect(principalValueMatch('AWS', '111122223333', service)).toBeUndefined();
  });
});
