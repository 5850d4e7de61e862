import { describe, expect, it } from 'vitest';
import { levelName, organizationLevels } from './levels';

describe('organization levels', () => {
  it('root first, account last, OUs between', () => {
    expect([0].map((i) => levelName(i, 1))).toEqual(['root']);
    expect([0, 1].map((i) => levelName(i, 2))).toEqual(['root', 'account']);
    expect([0, 1, 2].map((i) => levelName(i, 3))).toEqual(['root', 'OU', 'account']);
    expect([0, 1, 2, 3].map((i) => levelName(i, 4))).toEqual(['root', 'OU 1', 'OU 2', 'account']);
  });
  it('counts SCPs and RCPs apart, by workspace order, and ignores other kinds', () => {
    const levels = organizationLevels([
      { id: 's1', kind: 'scp' },
      { id: 'i', kind: 'identity' },
      { id: 'r1', kind: 'rcp' },
      { id: 's2', kind: 'scp' },
    ]);
    expect(levels).toEqual({ s1: { name: 'root', index: 0, count: 2 }, s2: { name: 'account', index: 1, count: 2 }, r1: { name: 'root', index: 0, count: 1 } });
  });
});
