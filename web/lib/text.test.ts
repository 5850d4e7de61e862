import { describe, expect, it } from 'vitest';
import { applyEdits, plainText } from './text';

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
