import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote, simulateCustomPolicyCommand, validatePolicyCommand } from './commands.ts';

/** The words a POSIX shell passes to the command (the command is swapped for printf). */
function words(command: string, head: string): string[] {
  const script = command.replace(head, `printf '%s\\0'`);
  return execFileSync('sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

const V = '2012-10-17';
const identity = JSON.stringify({ Version: V, Statement: [{ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }] }, null, 2);
const boundary = JSON.stringify({ Version: V, Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }] }, null, 2);
const repo = JSON.stringify({ Version: V, Statement: [{ Effect: 'Allow', Principal: { AWS: "arn:aws:iam::111111111111:user/o'neil" }, Action: 'ecr:PutImage' }] }, null, 2);
const trust = JSON.stringify({ Version: V, Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const min = (t: string) => JSON.stringify(JSON.parse(t));
const REPO = 'arn:aws:ecr:us-east-1:111111111111:repository/team-a/api';

describe('simulateCustomPolicyCommand', () => {
  it('passes identity policies, the boundary, the resource policy with an IAM user caller, and typed context entries', () => {
    const user = "arn:aws:iam::111111111111:user/o'neil";
    const r = simulateCustomPolicyCommand({
      policies: [
        { kind: 'identity', name: 'push', text: identity },
        { kind: 'boundary', name: 'boundary', text: boundary },
        { kind: 'resource', name: 'repo', text: repo },
      ],
      request: { principal: user, action: 'ecr:PutImage', resource: REPO, context: { 'aws:PrincipalTag/team': 'a', 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['a', 'b'] } },
    });
    expect(words(r.command, 'aws iam simulate-custom-policy')).toEqual([
      '--policy-input-list', min(identity),
      '--permissions-boundary-policy-input-list', min(boundary),
      '--action-names', 'ecr:PutImage',
      '--resource-arns', REPO,
      '--resource-policy', min(repo),
      '--caller-arn', user,
      '--context-entries',
      'ContextKeyName=aws:PrincipalTag/team,ContextKeyValues=a,ContextKeyType=string',
      'ContextKeyName=aws:SourceIp,ContextKeyValues=10.0.0.1,ContextKeyType=ip',
      'ContextKeyName=aws:TagKeys,ContextKeyValues=a,b,ContextKeyType=stringList',
    ]);
    expect(r.command.split('\n')[0]).toBe('aws iam simulate-custom-policy \\');
    expect(r.notes).toEqual([]);
  });

  it('says what AWS cannot check: SCPs, RCPs, session policies, a role session as caller, context the engine derives', () => {
    const r = simulateCustomPolicyCommand({
      policies: [
        { kind: 'identity', name: 'push', text: identity },
        { kind: 'resource', name: 'repo', text: repo },
        { kind: 'scp', name: 's1', text: boundary },
        { kind: 'scp', name: 's2', text: boundary },
        { kind: 'rcp', name: 'r', text: boundary },
        { kind: 'session', name: 'sess', text: boundary },
      ],
      request: { principal: 'arn:aws:sts::111111111111:assumed-role/ci/build', action: 'ecr:PutImage', resource: REPO },
    });
    expect(words(r.command, 'aws iam simulate-custom-policy')).toEqual(['--policy-input-list', min(identity), '--action-names', 'ecr:PutImage', '--resource-arns', REPO]);
    expect(r.notes).toEqual([
      "AWS's simulator takes only an IAM user as the caller of a resource policy, and the caller here is a role session, so the resource policy was left out.",
      "The policies read `aws:PrincipalTag/team`, which the request does not set; give them as context entries so that AWS's simulator evaluates them as the engine does.",
      "`simulate-custom-policy` takes no service control policies, so the workspace's 2 SCPs are not checked.",
      "AWS's simulator does not evaluate resource control policies, so the workspace's 1 RCP is not checked.",
      '`simulate-custom-policy` takes no session policies, so the session policy is not checked.',
      "AWS's simulator has no role session as caller: it evaluates the policies as given, without the session's own context (its session name, tags and source identity).",
    ]);
  });

  it('switches the context entries to JSON when a value holds a comma or a space', () => {
    const r = simulateCustomPolicyCommand({
      policies: [{ kind: 'identity', name: 'p', text: boundary }],
      request: { principal: 'arn:aws:iam::111111111111:user/a', action: 'ecr:TagResource', resource: '*', context: { 'aws:RequestTag/Cost Center': 'a,b', 'aws:MultiFactorAuthPresent': 'true' } },
    });
    const w = words(r.command, 'aws iam simulate-custom-policy');
    expect(w).not.toContain('--resource-arns');
    expect(JSON.parse(w[w.indexOf('--context-entries') + 1])).toEqual([
      { ContextKeyName: 'aws:RequestTag/Cost Center', ContextKeyValues: ['a,b'], ContextKeyType: 'string' },
      { ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
    ]);
  });

  it('notes a missing identity policy, a wildcard action and a second boundary', () => {
    const r = simulateCustomPolicyCommand({
      policies: [
        { kind: 'boundary', name: 'b1', text: boundary },
        { kind: 'boundary', name: 'b2', text: boundary },
      ],
      request: { principal: '111111111111', action: 'ecr:*', resource: '*' },
    });
    expect(r.notes).toEqual([
      'The workspace has no identity policy, and `simulate-custom-policy` requires `--policy-input-list`; add one before running the command.',
      "AWS's simulator takes one permissions boundary, so only `b1` was passed.",
      "AWS's simulator does not accept wildcards in action names; name one action.",
      "AWS's simulator cannot take an account's root user as the caller; it evaluates the identity policies alone.",
    ]);
  });
});

describe('validatePolicyCommand', () => {
  it.each([
    ['identity', identity, 'IDENTITY_POLICY', []],
    ['scp', boundary, 'SERVICE_CONTROL_POLICY', []],
    ['rcp', boundary, 'RESOURCE_CONTROL_POLICY', []],
    ['boundary', boundary, 'IDENTITY_POLICY', ['Access Analyzer has no policy type for permissions boundaries; a boundary is checked as the identity policy it is.']],
    ['session', boundary, 'IDENTITY_POLICY', ['Access Analyzer has no policy type for session policies; it is checked as an identity policy.']],
  ] as const)('%s policies are %s', (kind, text, type, notes) => {
    const r = validatePolicyCommand({ kind, text });
    expect(words(r.command, 'aws accessanalyzer validate-policy')).toEqual(['--policy-type', type, '--policy-document', min(text)]);
    expect(r.notes).toEqual(notes);
  });

  it('marks a trust policy with AWS::IAM::AssumeRolePolicyDocument', () => {
    const r = validatePolicyCommand({ kind: 'resource', text: trust });
    expect(words(r.command, 'aws accessanalyzer validate-policy')).toEqual([
      '--policy-type', 'RESOURCE_POLICY', '--policy-document', min(trust), '--validate-policy-resource-type', 'AWS::IAM::AssumeRolePolicyDocument',
    ]);
  });

  it('leaves the resource type out for a repository policy, which AWS does not accept, and says so', () => {
    const r = validatePolicyCommand({ kind: 'resource', text: repo });
    expect(words(r.command, 'aws accessanalyzer validate-policy')).toEqual(['--policy-type', 'RESOURCE_POLICY', '--policy-document', min(repo)]);
    expect(r.notes).toEqual(['`--validate-policy-resource-type` does not accept `AWS::ECR::Repository`, so Access Analyzer runs the checks that apply to every resource policy.']);
  });

  it('passes text that is not JSON as written, with a note', () => {
    const r = validatePolicyCommand({ kind: 'identity', text: '{ nope', name: 'draft' });
    expect(words(r.command, 'aws accessanalyzer validate-policy')).toEqual(['--policy-type', 'IDENTITY_POLICY', '--policy-document', '{ nope']);
    expect(r.notes).toEqual(['The policy `draft` is not valid JSON, so it was passed as written and AWS will reject it.']);
  });
});

describe('shellQuote', () => {
  it('gives back any string through sh, unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\0')), { minLength: 1, maxLength: 5 }), (list) => {
        const script = `printf '%s\\0' ${list.map(shellQuote).join(' ')}`;
        const out = execFileSync('sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
        expect(out).toEqual(list);
      }),
      { numRuns: 60 },
    );
  });
});
