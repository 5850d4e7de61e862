import { describe, expect, it } from 'vitest';
import { hunks, lineDiff } from './diff';

describe('lineDiff', () => {
  it('keeps common lines and marks the inserted and removed ones', () => {
    const d = lineDiff('a\nb\nc\nd', 'a\nx\nc\nd\ne');
    expect(d).toEqual([
      { op: 'keep', text: 'a' },
      { op: 'add', text: 'x' },
      { op: 'remove', text: 'b' },
      { op: 'keep', text: 'c' },
      { op: 'keep', text: 'd' },
      { op: 'add', text: 'e' },
    ]);
  });
  it('rebuilds both texts', () => {
    const before = '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}';
    const after = '{\n  "a": 1,\n  "b": [\n    2,\n    3\n  ],\n  "c": 4\n}';
    const d = lineDiff(before, after);
    expect(d.filter((l) => l.op !== 'add').map((l) => l.text).join('\n')).toBe(before);
    expect(d.filter((l) => l.op !== 'remove').map((l) => l.text).join('\n')).toBe(after);
  });
  it('shows only the changes and their context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l10', 'changed');
    const h = hunks(lineDiff(before, after), 1);
    expect(h.map((l) => (l ? `${l.op}:${l.text}` : '…'))).toEqual(['keep:l9', 'add:changed', 'remove:l10', 'keep:l11']);
  });
});
