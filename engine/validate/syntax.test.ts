import { describe, expect, it } from 'vitest';
import { CODES } from './codes.ts';
import { at, check, policyText } from './testing.ts';

const clean = policyText([{ Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' }]);

describe('syntax (strict JSON, element types)', () => {
  it('a clean policy has no diagnostics', () => {
    expect(check(clean, 'identity').all).toEqual([]);
  });

  it('invalid JSON: the exact position, with 1-based line and column', () => {
    const text = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';
    const d = check(text, 'identity').one('json-syntax');
    expect(d.severity).toBe('error');
    expect(d.range.start).toEqual({ line: 3, column: 3 });
    expect(at(text, d)).toBe('"Statement"');
  });

  it('duplicate keys (JSON.parse would drop one silently)', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "ecr:ListImages", "Resource": "*"}]}';
    const d = check(text, 'identity').one('json-duplicate-key');
    expect(d.severity).toBe('error');
    expect(at(text, d)).toBe('"Effect"');
    expect(d.span.start).toBe(text.lastIndexOf('"Effect"'));
  });

  it('comments and trailing commas: IAM rejects them', () => {
    const text = '{"Version": "2012-10-17", // mine\n "Statement": [{"Effect": "Allow", "Action": "ecr:ListImages", "Resource": "*",}]}';
    const f = check(text, 'identity');
    expect(at(text, f.one('json-comment'))).toBe('// mine');
    expect(at(text, f.one('json-trailing-comma'))).toBe(',');
    expect(f.one('json-trailing-comma').span.start).toBe(text.indexOf(',}'));
  });

  it('wrong types: Action as a number, Statement missing', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": 42, "Resource": "*"}]}';
    const d = check(text, 'identity').one('type-mismatch');
    expect(at(text, d)).toBe('42');
    const none = '{"Version": "2012-10-17"}';
    expect(at(none, check(none, 'identity').one('statement-missing'))).toBe('{');
  });

  it('unknown top-level and statement elements', () => {
    const text = '{"Version": "2012-10-17", "Statment": [], "Statement": [{"Effect": "Allow", "Actions": "ecr:ListImages", "Action": "ecr:ListImages", "Resource": "*"}]}';
    const f = check(text, 'identity');
    expect(f.of('element-unknown').map((d) => at(text, d))).toEqual(['"Statment"', '"Actions"']);
    expect(f.of('element-unknown').every((d) => d.severity === 'error')).toBe(true);
  });

  it('Effect other than Allow/Deny', () => {
    const text = policyText([{ Effect: 'allow', Action: 'ecr:ListImages', Resource: '*' }]);
    const d = check(text, 'identity').one('effect-invalid');
    expect(at(text, d)).toBe('"allow"');
    expect(check(clean, 'identity').of('effect-invalid')).toEqual([]);
  });

  it('characters IAM does not accept in a policy document', () => {
    const text = policyText([{ Sid: 'Pull', Effect: 'Allow', Action: 'ecr:ListImages', Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/caf\u00e9\u2013x' }]);
    const d = check(text, 'identity').one('character-invalid');
    expect(at(text, d)).toBe('\u2013');
    expect(d.message).toContain('U+2013');
    // é is U+00E9: inside the allowed range.
    expect(check(text.replace('\u2013', '-'), 'identity').of('character-invalid')).toEqual([]);
  });

  it('empty text and a non-object', () => {
    expect(check('   ', 'identity').one('json-empty').severity).toBe('error');
    expect(check('[]', 'identity').one('policy-not-object').severity).toBe('error');
  });

  it('every parser code is in the catalog as an error', () => {
    for (const code of [
      'json-syntax',
      'json-comment',
      'json-trailing-comma',
      'json-too-deep',
      'json-empty',
      'json-duplicate-key',
      'policy-not-object',
      'type-mismatch',
      'element-unknown',
      'statement-missing',
      'effect-invalid',
      'effect-missing',
      'version-invalid',
      'principal-invalid',
    ] as const) {
      expect(CODES[code].severity).toBe('error');
    }
  });

  it('diagnostics come in text order with ranges matching their spans', () => {
    const text = '{\r\n"Statement": [{"Effect": "Allow", "Action": "ecr:PutImages", "Resource": "*"}]\r\n}';
    const f = check(text, 'identity');
    expect(f.all.length).toBeGreaterThan(1);
    for (let i = 1; i < f.all.length; i++) expect(f.all[i].span.start).toBeGreaterThanOrEqual(f.all[i - 1].span.start);
    const d = f.one('action-unknown');
    expect(d.range.start.line).toBe(2);
    expect(d.range.start.column).toBe(text.indexOf('"ecr:PutImages"') - text.indexOf('"Statement"') + 1);
  });

  it('never throws on hostile input', () => {
    for (const text of ['{', '{"Statement": [{"Condition": {"Bool": {"": [[]]}}}]}', '"', '{"Statement": {"Action": null}}', '['.repeat(500)]) {
      expect(() => check(text, 'resource')).not.toThrow();
    }
  });
});
