// Hostile text in the editor helpers: no throw, and policy text rendered as text.
import { describe, expect, it } from 'vitest';
import { completeAt, hoverAt, parsePolicy, validatePolicy } from '../index.ts';

const wrongTypes: unknown[] = [5, null, undefined, {}, ['x'], Symbol('s')];

describe('editor helpers on hostile input', () => {
  it.each(wrongTypes.map((v) => [String(typeof v), v]))('do not throw on text of type %s', (_t, value) => {
    const text = value as string;
    expect(() => parsePolicy(text, 'identity')).not.toThrow();
    expect(() => validatePolicy(text, 'identity')).not.toThrow();
    expect(() => completeAt(text, 0, 'identity')).not.toThrow();
    expect(() => hoverAt(text, 0, 'identity')).not.toThrow();
  });

  it('do not overflow the stack on 10,000 nested brackets', () => {
    const deep = `{"Statement":[{"Action":${'['.repeat(10_000)}"ecr:GetAuthorizationToken"${']'.repeat(10_000)}}]}`;
    for (const text of [deep, '['.repeat(10_000), '{"a":'.repeat(10_000)]) {
      for (const offset of [0, 5_000, text.length - 1]) {
        expect(() => hoverAt(text, offset, 'identity')).not.toThrow();
        expect(() => completeAt(text, offset, 'identity')).not.toThrow();
      }
      expect(() => validatePolicy(text, 'identity')).not.toThrow();
    }
  });

  it('render a backtick in an action as text, never as a live link', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:Get`[x](https://evil.example)`', Resource: '*' }] });
    const hover = hoverAt(text, text.indexOf('Get') + 1, 'identity');
    expect(hover?.markdown).toContain('`` ecr:Get`[x](https://evil.example)` ``');
  });

  it('keep a line break in a value from ending the code span', () => {
    const text = JSON.stringify({ Statement: [{ Resource: 'arn:x\n\n[x](https://evil.example)' }] });
    const hover = hoverAt(text, text.indexOf('arn:x') + 1, 'identity');
    expect(hover?.markdown).not.toContain('\n\n[x]');
  });

  it('fence condition keys and resources the same way', () => {
    const text = JSON.stringify({ Statement: [{ Resource: 'a``b', Condition: { StringEquals: { 'k`[y](https://e.example)': 'v' } } }] });
    expect(hoverAt(text, text.indexOf('a``b') + 1, 'identity')?.markdown).toContain('```a``b```');
    expect(hoverAt(text, text.indexOf('k`') + 1, 'identity')?.markdown).toContain('``k`[y](https://e.example)``');
  });

  it('show no native code when hovering the key constructor or __proto__', () => {
    for (const key of ['constructor', '__proto__', 'toString']) {
      const text = `{"${key}": 1, "Statement": [{"${key}": 1}]}`;
      for (const at of [text.indexOf(key) + 1, text.lastIndexOf(key) + 1]) {
        expect(hoverAt(text, at, 'identity')?.markdown ?? '').not.toContain('native code');
      }
    }
  });
});
