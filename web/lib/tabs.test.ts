import { describe, expect, it } from 'vitest';
import { nextTab } from './tabs';

describe('the tabs pattern', () => {
  const keys = ['a', 'b', 'c'];
  it.each([
    ['a', 'ArrowRight', 'b'],
    ['c', 'ArrowRight', 'a'],
    ['a', 'ArrowLeft', 'c'],
    ['b', 'Home', 'a'],
    ['a', 'End', 'c'],
    ['b', 'Enter', undefined],
  ])('from %s, %s goes to %s', (from, key, to) => {
    expect(nextTab(keys, from, key)).toBe(to);
  });
  it('does nothing without tabs', () => {
    expect(nextTab([], 'x', 'Home')).toBeUndefined();
  });
});
