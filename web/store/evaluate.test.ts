import { describe, expect, it } from 'vitest';
import { diagnosticsFor } from './evaluate';
import type { PolicyTab } from './types';

const repositoryPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Push', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload'] }],
});

describe('diagnostics in the app', () => {
  it('a repository policy is checked against the account of the request’s repository', () => {
    const tab = { id: 'r1', kind: 'resource', name: 'repo', text: repositoryPolicy } as PolicyTab;
    const request = { principal: 'arn:aws:iam::111122223333:user/u', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111122223333:repository/web' };
    expect(diagnosticsFor(tab, request).map((d) => d.code)).toContain('repository-cross-account-push');
    // The same policy guarding a repository of the granted account grants nothing cross-account.
    const own = { ...request, resource: 'arn:aws:ecr:us-east-1:444455556666:repository/web' };
    expect(diagnosticsFor(tab, own).map((d) => d.code)).not.toContain('repository-cross-account-push');
  });
});
