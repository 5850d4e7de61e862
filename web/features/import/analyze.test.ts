import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptsFile, analyzeInput, handlesPaste, isWorkspaceEnvelope } from './analyze';

const fixture = (name: string) => readFileSync(new URL(`../../../engine/aws/fixtures/${name}`, import.meta.url), 'utf8');
const denied = JSON.parse(fixture('access-denied.json')) as { form: string; message: string }[];
const message = (form: string) => denied.find((c) => c.form === form)?.message ?? '';

describe('which reader a text goes to', () => {
  it('AWS output goes to the importer', () => {
    for (const f of ['ecr-get-repository-policy.json', 'iam-get-role-urlencoded.json', 'cfn-ecs-service.yaml', 'terraform-plan.json', 'ecs-describe-task-definition.json', 'policy-urlencoded.txt']) {
      expect(analyzeInput(fixture(f)).kind, f).toBe('import');
    }
  });

  it('access denied messages, in every wrapper, go to the access denied reader', () => {
    for (const form of ['CLI prefix, ECR push', 'JSON error body', 'XML error body', 'docker pull', 'ECS CannotPullContainerError', 'decoded message as the CLI prints it', 'decoded message, inner object, implicit']) {
      expect(analyzeInput(message(form)).kind, form).toBe('denied');
    }
  });

  it('an encoded authorization message asks to be decoded', () => {
    const a = analyzeInput(message('encoded authorization failure only'));
    expect(a.kind).toBe('encoded');
    if (a.kind === 'encoded') expect(a.command).toMatch(/^aws sts decode-authorization-message --encoded-message 'EXAMPLE/);
  });

  it('an error that is not a denial says what the access denied reader expected', () => {
    const a = analyzeInput(message('not an access denied message'));
    expect(a).toMatchObject({ kind: 'error' });
    if (a.kind === 'error') expect(a.error).toMatch(/not an access denied message/);
  });

  it('unknown JSON says what the importer expected', () => {
    const a = analyzeInput('{"hello": 1}');
    expect(a.kind === 'error' && a.error).toMatch(/does not recognise/);
  });

  it('a policy whose Sid mentions a denial is still a policy', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'UserIsNotAuthorizedToPerform', Effect: 'Deny', Action: 'ecr:*', Resource: '*', Condition: { StringLike: { 'aws:userid': 'User: x is not authorized to perform' } } }] });
    expect(analyzeInput(text).kind).toBe('import');
  });

  it('workspace files are left to the Open feature', () => {
    const ws = JSON.stringify({ format: 1, workspace: { policies: [], request: {} } });
    expect(isWorkspaceEnvelope(ws)).toBe(true);
    expect(analyzeInput(ws).kind).toBe('workspace');
    expect(handlesPaste(ws)).toBe(false);
    expect(isWorkspaceEnvelope(fixture('policy-identity.json'))).toBe(false);
  });

  it('a paste opens the dialog only for text it reads', () => {
    expect(handlesPaste(fixture('ecr-get-repository-policy.json'))).toBe(true);
    expect(handlesPaste(message('docker push'))).toBe(true);
    expect(handlesPaste('https://example.com/#v1.abc')).toBe(false);
    expect(handlesPaste('hello')).toBe(false);
  });

  it('dropped files by extension', () => {
    expect(['a.json', 'b.YAML', 'c.yml', 'stack.template', 'd.txt'].every(acceptsFile)).toBe(true);
    expect(acceptsFile('e.png')).toBe(false);
  });
});
