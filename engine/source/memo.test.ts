import { describe, expect, it } from 'vitest';
import { memo } from './memo.ts';

describe('memo', () => {
  it('computes each key once while it is in use', () => {
    let calls = 0;
    const twice = memo((k) => (calls++, k + k), 10);
    expect(twice('a')).toBe('aa');
    expect(twice('a')).toBe('aa');
    expect(calls).toBe(1);
  });

  it('keeps keys in use across turnovers: no cliff just over the budget', () => {
    let calls = 0;
    const f = memo((k) => (calls++, k.length), 100);
    // A hot key read between every new key survives however many cold keys pass.
    f('hot');
    for (let i = 0; i < 1000; i++) {
      f(`cold-${i}`);
      f('hot');
    }
    expect(calls).toBe(1001);
  });

  it('stays within its budget by weight, and does not keep an entry heavier than half of it', () => {
    let calls = 0;
    const f = memo((k) => (calls++, k), 1000, (k) => k.length);
    const big = 'x'.repeat(600);
    f(big);
    f(big);
    expect(calls).toBe(2);
    // Many distinct keys: the cache holds at most about the budget's worth of them.
    for (let i = 0; i < 500; i++) f(`key-${String(i).padStart(5, '0')}`);
    calls = 0;
    for (let i = 0; i < 500; i++) f(`key-${String(i).padStart(5, '0')}`);
    // Each key weighs 9: two generations of 500 keep at most about 111 keys, so most are recomputed.
    expect(calls).toBeGreaterThan(380);
  });

  it('remembers undefined results', () => {
    let calls = 0;
    const f = memo(() => (calls++, undefined), 10);
    f('a');
    f('a');
    expect(calls).toBe(1);
  });
});
