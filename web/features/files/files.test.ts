import { describe, expect, it } from 'vitest';
import { looksLikeWorkspaceFile } from './detect';
import { fileNameFor } from './WorkspaceFiles';

describe('workspace files in the app', () => {
  it('names a file after the workspace, safely', () => {
    expect(fileNameFor("CI pushes to its team's repositories")).toBe('CI-pushes-to-its-team-s-repositories.json');
    expect(fileNameFor('  ')).toBe('workspace.json');
    expect(fileNameFor('../../etc/passwd')).toBe('..-..-etc-passwd.json');
  });

  it('tells a workspace file (even a broken one) from other JSON', () => {
    expect(looksLikeWorkspaceFile('{"format": 1, "engine": "0.1.0", "workspace": {')).toBe(true);
    expect(looksLikeWorkspaceFile('{"policyText": "{}", "repositoryName": "web"}')).toBe(false);
    expect(looksLikeWorkspaceFile('{"Version": "2012-10-17", "Statement": []}')).toBe(false);
  });
});
