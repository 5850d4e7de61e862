import { describe, expect, it } from 'vitest';
import { editsFor, formattingOf } from './edit.ts';
import { applyFix, check } from './testing.ts';

const apply = (text: string, edits: { span: { start: number; end: number }; text: string }[]) =>
  applyFix(text, { title: '', edits: edits.map((e) => ({ ...e, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } })) });

describe('quick-fix edits by JSON path (jsonc-parser)', () => {
  it('follows the policy’s own indentation', () => {
    expect(formattingOf('{\n\t"Version": "2012-10-17"\n}')).toMatchObject({ insertSpaces: false });
    expect(formattingOf('{\n    "Version": "2012-10-17"\n}')).toMatchObject({ insertSpaces: true, tabSize: 4 });
    expect(formattingOf('{"Version":"2012-10-17"}\r\n')).toMatchObject({ tabSize: 2, eol: '\r\n' });
  });

  it('inserts a member where asked, replaces a value, removes a member with its comma', () => {
    const text = '{\n    "Statement": [\n        { "Effect": "Allow", "Action": "ecr:PutImage", "Resource": "*" }\n    ]\n}';
    const withVersion = apply(text, editsFor(text, [{ path: ['Version'], value: '2012-10-17', insertAt: 0 }]));
    expect(withVersion.startsWith('{\n    "Version": "2012-10-17",\n    "Statement"')).toBe(true);
    const replaced = apply(text, editsFor(text, [{ path: ['Statement', 0, 'Action'], value: 'ecr:BatchGetImage' }]));
    expect(JSON.parse(replaced).Statement[0].Action).toBe('ecr:BatchGetImage');
    const removed = apply(text, editsFor(text, [{ path: ['Statement', 0, 'Resource'], value: undefined }]));
    expect(JSON.parse(removed).Statement[0]).toEqual({ Effect: 'Allow', Action: 'ecr:PutImage' });
  });

  it('several changes become one edit', () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":["a:b","c:d"],"Resource":"*"}]}';
    const edits = editsFor(text, [
      { path: ['Statement', 0, 'Action'], value: ['a:b'] },
      { path: ['Statement', 1], value: { Effect: 'Allow', Action: ['c:d'], Resource: '*' }, arrayInsertion: true },
    ]);
    expect(edits).toHaveLength(1);
    expect(JSON.parse(apply(text, edits)).Statement).toEqual([
      { Effect: 'Allow', Action: ['a:b'], Resource: '*' },
      { Effect: 'Allow', Action: ['c:d'], Resource: '*' },
    ]);
  });

  it('a missing Version is inserted first by the validator’s fix', () => {
    const text = '{\n  "Statement": [{ "Effect": "Allow", "Action": "ecr:PutImage", "Resource": "*" }]\n}';
    const d = check(text, 'identity').one('version-missing');
    expect(applyFix(text, d.fix!)).toBe('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "ecr:PutImage", "Resource": "*" }]\n}');
  });
});
