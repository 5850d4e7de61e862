import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse.ts';

const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('parsePolicy keeps positions (IAM JSON policy grammar)', () => {
  const text = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "One", "Effect": "Allow", "Action": ["ecr:PutImage", "ecr:BatchGetImage"], "Resource": "*",
      "Condition": { "StringEquals": { "aws:ResourceTag/team": ["a", 7, true] } } },
    { "Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::x", "NotPrincipal": { "AWS": "111122223333" } }
  ]
}`;
  const parsed = parsePolicy(text, 'identity');

  it('reads every element with the exact span of its value', () => {
    expect(parsed.errors).toEqual([]);
    const [a, b] = parsed.policy!.statements;
    expect(slice(text, a.sid!.span)).toBe('"One"');
    expect(a.action!.map((x) => slice(text, x.span))).toEqual(['"ecr:PutImage"', '"ecr:BatchGetImage"']);
    expect(a.condition![0].operator.value).toBe('StringEquals');
    expect(a.condition![0].key.value).toBe('aws:ResourceTag/team');
    // Numbers keep their source text; booleans become true/false.
    expect(a.condition![0].values.map((v) => v.value)).toEqual(['a', '7', 'true']);
    expect(b.notAction!.map((x) => x.value)).toEqual(['iam:*']);
    expect(b.notResource![0].value).toBe('arn:aws:s3:::x');
    expect(b.notPrincipal!.entries[0].values[0].value).toBe('111122223333');
    expect(slice(text, b.span).startsWith('{ "Effect": "Deny"')).toBe(true);
  });

  it('accepts Statement as a single object', () => {
    const p = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ecr:*","Resource":"*"}}', 'identity');
    expect(p.errors).toEqual([]);
    expect(p.policy!.statements).toHaveLength(1);
  });
});

describe('parsePolicy reports what AWS refuses, at the right place, and never throws', () => {
  const cases: Array<[string, string, string]> = [
    ['invalid JSON', '{"Version": "2012-10-17", "Statement": [ {"Effect": "Allow" "Action": "x"} ]}', 'json-syntax'],
    ['comments (IAM policies are strict JSON)', '{ // hi\n "Statement": []}', 'json-comment'],
    ['a trailing comma', '{"Statement": [],}', 'json-trailing-comma'],
    ['duplicate keys', '{"Statement": [], "Statement": []}', 'json-duplicate-key'],
    ['Action as a number', '{"Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]}', 'type-mismatch'],
    ['a missing Statement', '{"Version": "2012-10-17"}', 'statement-missing'],
    ['an unknown top-level element', '{"Statement": [], "Statment": []}', 'element-unknown'],
    ['an unknown statement element', '{"Statement": [{"Effect": "Allow", "Actions": "x", "Resource": "*"}]}', 'element-unknown'],
    ['Effect other than Allow or Deny (case-sensitive)', '{"Statement": [{"Effect": "allow", "Action": "x", "Resource": "*"}]}', 'effect-invalid'],
    ['an unknown Version', '{"Version": "2012-10-18", "Statement": []}', 'version-invalid'],
    ['a Principal string other than *', '{"Statement": [{"Effect": "Allow", "Principal": "me", "Action": "x"}]}', 'principal-invalid'],
    ['a policy that is not an object', '[1, 2]', 'policy-not-object'],
    ['an empty text', '   ', 'json-empty'],
  ];
  for (const [what, text, code] of cases) {
    it(what, () => {
      const p = parsePolicy(text, 'identity');
      expect(p.errors.map((e) => e.code)).toContain(code);
      for (const e of p.errors) {
        expect(e.span.start).toBeGreaterThanOrEqual(0);
        expect(e.span.end).toBeLessThanOrEqual(text.length + 1);
        expect(e.range.start.line).toBeGreaterThanOrEqual(1);
      }
    });
  }

  it('points at the exact position of a JSON error (line and column)', () => {
    const text = '{\n  "Statement": [\n    {"Effect": "Allow" "Action": "x"}\n  ]\n}';
    const e = parsePolicy(text, 'identity').errors.find((x) => x.code === 'json-syntax')!;
    expect(e.range.start).toEqual({ line: 3, column: 24 });
  });

  it('100,000 levels of nesting give an error, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const p = parsePolicy(deep, 'identity');
    expect(p.errors[0].code).toBe('json-too-deep');
    const objects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(parsePolicy(objects, 'identity').errors[0].code).toBe('json-too-deep');
  });

  it('a 1 MB policy parses', () => {
    const statements = Array.from({ length: 6000 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:BatchGetImage'], Resource: `arn:aws:ecr:us-east-1:111122223333:repository/team-${i}/*` }));
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    expect(text.length).toBeGreaterThan(1_000_000);
    const p = parsePolicy(text, 'identity');
    expect(p.errors).toEqual([]);
    expect(p.policy!.statements).toHaveLength(6000);
  });
});
