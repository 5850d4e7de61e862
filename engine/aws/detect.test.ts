import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAws } from './detect.ts';
import { allPretty, docs, ok, parseErrors } from './testing.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const identity = JSON.parse(fixture('policy-identity.json'));
const resource = JSON.parse(fixture('policy-resource.json'));

describe('importAws reads plain policy documents', () => {
  it('guesses identity when there is no Principal', () => {
    const r = ok(importAws(fixture('policy-identity.json')));
    expect(r).toMatchObject({ format: 'policy-document', source: 'Identity-based policy document', warnings: [] });
    expect(docs(r.policies)).toEqual([{ kind: 'identity', name: 'identity policy', doc: identity }]);
    expect(allPretty(r.policies)).toBe(true);
  });

  it('guesses resource when a statement has a Principal', () => {
    const r = ok(importAws(fixture('policy-resource.json')));
    expect(r.source).toBe('Resource-based policy document');
    expect(docs(r.policies)).toEqual([{ kind: 'resource', name: 'resource policy', doc: resource }]);
    expect(parseErrors(r.policies)).toEqual([]);
  });

  it('reads a document given as a JSON string, one level deep', () => {
    const r = ok(importAws(fixture('policy-json-string.json')));
    expect(r.source).toBe('Identity-based policy document (given as a JSON string)');
    expect(docs(r.policies)).toEqual([{ kind: 'identity', name: 'identity policy', doc: identity }]);
    expect(importAws(JSON.stringify(JSON.stringify(JSON.stringify(identity))))).toEqual({
      ok: false,
      error: 'The input is a string inside a string; only one level of string-encoding is read.',
    });
  });

  it('reads a URL-encoded document', () => {
    const r = ok(importAws(fixture('policy-urlencoded.txt')));
    expect(r.source).toBe('Identity-based policy document (URL-encoded)');
    expect(docs(r.policies)).toEqual([{ kind: 'identity', name: 'identity policy', doc: identity }]);
  });

  it('reads a policy written in YAML', () => {
    const r = ok(importAws('Version: 2012-10-17\nStatement:\n  - Effect: Allow\n    Action: ecr:GetAuthorizationToken\n    Resource: "*"\n'));
    expect(docs(r.policies)).toEqual([
      { kind: 'identity', name: 'identity policy', doc: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }] } },
    ]);
  });
});

describe('importAws says what it expected', () => {
  const EXPECTED =
    'Paste a policy document, or the JSON output of `aws ecr get-repository-policy`, `aws ecr get-registry-policy`, `aws iam get-role`, `aws iam get-role-policy` (or the user and group forms), `aws iam get-policy-version`, `aws iam get-account-authorization-details`, `aws ecs describe-task-definition` or `terraform show -json`, or a CloudFormation template.';

  it('gives the line and column of a JSON syntax error', () => {
    expect(importAws('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow" "Action": "*"}\n  ]\n}')).toEqual({
      ok: false,
      error: 'The input is not valid JSON at line 4, column 24: a comma (`,`) is expected here.',
    });
    expect(importAws('{"a": 1,}')).toEqual({ ok: false, error: 'The input is not valid JSON at line 1, column 8: remove this trailing comma: IAM policies are strict JSON.' });
  });

  it('gives the line and column of a YAML syntax error', () => {
    const r = importAws('Resources:\n  Role:\n    Type: AWS::IAM::Role\n   Properties: [\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^The YAML is not valid at line \d+, column \d+: /);
  });

  it('refuses empty input, arrays, scalars and unknown objects', () => {
    expect(importAws('   ')).toEqual({ ok: false, error: `The input is empty. ${EXPECTED}` });
    expect(importAws('[1, 2]')).toEqual({ ok: false, error: `The input is a JSON array, not an object. ${EXPECTED}` });
    expect(importAws('{"hello": "world"}')).toEqual({ ok: false, error: `The importer does not recognise this JSON object. ${EXPECTED}` });
    expect(importAws('just some words')).toEqual({ ok: false, error: `The input is not JSON or a YAML mapping. ${EXPECTED}` });
  });

  it('sends access denied messages to the access denied reader', () => {
    const error = 'This is an access denied message, not a policy; read it with the access denied reader instead.';
    expect(importAws('User: arn:aws:iam::1:user/a is not authorized to perform: ecr:PutImage')).toEqual({ ok: false, error });
    expect(importAws('{"__type":"AccessDeniedException","message":"User: arn:aws:iam::1:user/a is not authorized to perform: ecr:PutImage"}')).toEqual({ ok: false, error });
  });

  it('points get-user output to the account details', () => {
    expect(importAws('{"User": {"UserName": "alice", "Arn": "arn:aws:iam::111111111111:user/alice"}}')).toEqual({
      ok: false,
      error: '`aws iam get-user` lists no policies; import `aws iam get-account-authorization-details` to get the user with its policies.',
    });
  });
});

describe('error positions are those of the text as pasted', () => {
  it('counts leading blank lines', () => {
    expect(importAws('\n\n{"Version": "2012-10-17" "Statement": []}')).toEqual({
      ok: false,
      error: 'The input is not valid JSON at line 3, column 26: a comma (`,`) is expected here.',
    });
  });
});
