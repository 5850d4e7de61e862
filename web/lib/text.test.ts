import { describe, expect, it } from 'vitest';
import { applyEdits, clipped, plainText } from './text';

describe('plain text for markers', () => {
  it('puts backticked names in quotes', () => {
    expect(plainText('Did you mean `ecr:PutImage`?')).toBe('Did you mean ‘ecr:PutImage’?');
    expect(plainText('`a` and `b`')).toBe('‘a’ and ‘b’');
  });
  it('leaves an odd backtick alone', () => {
    expect(plainText('a ` b')).toBe('a ` b');
  });
});

describe('quick fixes as text edits', () => {
  const at = (start: number, end: number, text: string) => ({ span: { start, end }, range: { start: { line: 1, column: start + 1 }, end: { line: 1, column: end + 1 } }, text });
  it('applies edits in any order', () => {
    expect(applyEdits('"ecr:PutImages" x', [at(15, 17, ''), at(1, 14, 'ecr:PutImage')])).toBe('"ecr:PutImage"');
  });
});

describe('clipped text', () => {
  it('keeps short text whole and cuts long text, saying how much is left out', () => {
    expect(clipped('abc', 5)).toBe('abc');
    expect(clipped('abcde', 5)).toBe('abcde');
    expect(clipped('a'.repeat(1_000_000))).toBe(`${'a'.repeat(2_000)}… (998,000 more characters)`);
  });
});
