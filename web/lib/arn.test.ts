import { describe, expect, it } from 'vitest';
import { buildPrincipal, buildResource, claimKeys, federatedAction, formatValues, parsePrincipalForm, parseResourceForm, parseValues } from './arn';

describe('principal form', () => {
  it.each([
    ['arn:aws:iam::111122223333:user/alice', 'user'],
    ['arn:aws:iam::111122223333:user/division/alice', 'user'],
    ['arn:aws:iam::111122223333:role/app', 'role'],
    ['arn:aws:sts::111122223333:assumed-role/app/session-1', 'assumed-role'],
    ['arn:aws:iam::111122223333:root', 'account'],
    ['ecs-tasks.amazonaws.com', 'service'],
    ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', 'federated'],
    ['arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC', 'federated'],
    ['arn:aws:iam::111122223333:saml-provider/MyIdP', 'federated'],
    ['cognito-identity.amazonaws.com', 'federated'],
    ['arn:aws:iam::111122223333:federated-user/bob', 'raw'],
  ])('reads %s as %s and writes it back unchanged', (arn, mode) => {
    const f = parsePrincipalForm(arn);
    expect(f.mode).toBe(mode);
    expect(buildPrincipal(f)).toBe(arn);
  });
  it('keeps half-filled forms as forms', () => {
    const f = parsePrincipalForm(buildPrincipal({ ...parsePrincipalForm('arn:aws:iam::1:user/a'), account: '', name: '' }));
    expect(f.mode).toBe('user');
  });
  it('federated callers carry their claims in the provider’s keys', () => {
    const oidc = parsePrincipalForm('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
    expect(oidc).toMatchObject({ provider: 'oidc', account: '111122223333', host: 'token.actions.githubusercontent.com' });
    expect(claimKeys(oidc)).toEqual({ aud: 'token.actions.githubusercontent.com:aud', sub: 'token.actions.githubusercontent.com:sub' });
    expect(claimKeys(parsePrincipalForm('arn:aws:iam::111122223333:saml-provider/MyIdP'))).toEqual({ aud: 'saml:aud', sub: 'saml:sub' });
    expect(federatedAction('saml')).toBe('sts:AssumeRoleWithSAML');
  });
  it('reads a bare account id as the account', () => {
    expect(parsePrincipalForm('111122223333')).toMatchObject({ mode: 'account', account: '111122223333' });
  });
});

describe('resource form', () => {
  it.each([
    ['arn:aws:ecr:us-east-1:111122223333:repository/web', 'ecr-repository'],
    ['arn:aws:ecr:us-east-1:111122223333:repository/team/web', 'ecr-repository'],
    ['arn:aws:ecs:eu-west-1:111122223333:cluster/prod', 'ecs-cluster'],
    ['arn:aws:ecs:eu-west-1:111122223333:service/prod/web', 'ecs-service'],
    ['arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7', 'ecs-task-definition'],
    ['arn:aws:ecs:eu-west-1:111122223333:task/prod/0123abcd', 'ecs-task'],
    ['arn:aws:ecs:eu-west-1:111122223333:container-instance/prod/0123abcd', 'ecs-container-instance'],
    ['arn:aws:iam::111122223333:role/ci', 'iam-role'],
    ['*', 'all'],
    ['arn:aws:s3:::bucket', 'raw'],
  ])('reads %s as %s and writes it back unchanged', (arn, mode) => {
    const f = parseResourceForm(arn);
    expect(f.mode).toBe(mode);
    expect(buildResource(f)).toBe(arn);
  });
});

describe('context values', () => {
  it('splits on commas; one value stays a string', () => {
    expect(parseValues('a')).toBe('a');
    expect(parseValues(' a , b,')).toEqual(['a', 'b']);
    expect(formatValues(['a', 'b'])).toBe('a, b');
    expect(formatValues(undefined)).toBe('');
  });
});
