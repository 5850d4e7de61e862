import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import type { PolicyTab } from './types';

const repositoryPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Push', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload'] }],
});

const codes = (tab: PolicyTab, resource: string) =>
  evaluate({ policies: [tab], request: { principal: 'arn:aws:iam::111122223333:user/u', action: 'ecr:PutImage', resource }, tests: [], batchService: null, actionNames: null }).diagnostics[tab.id].map(
    (d) => d.code,
  );

describe('diagnostics in the app', () => {
  it('a repository policy is checked against the account of the request’s repository', () => {
    const tab: PolicyTab = { id: 'r1', kind: 'resource', name: 'repo', text: repositoryPolicy };
    expect(codes(tab, 'arn:aws:ecr:us-east-1:111122223333:repository/web')).toContain('repository-cross-account-push');
    // The same policy guarding a repository of the granted account grants nothing cross-account.
    expect(codes(tab, 'arn:aws:ecr:us-east-1:444455556666:repository/web')).not.toContain('repository-cross-account-push');
  });
});
