import { describe, expect, it } from 'vitest';
import { editDistance, isKnownAction, loadAllActionNames, suggestActions } from './index.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('putimages', 'putimage')).toBe(1);
  });

  it('stops early past the limit', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });
});

describe('suggestActions', () => {
  it('fixes a near miss', () => {
    expect(suggestActions('ecr:PutImages', 3)[0]).toBe('ecr:PutImage');
    expect(suggestActions('ecs:RunTasks')[0]).toBe('ecs:RunTask');
    expect(suggestActions('ecs:DescribeCluster')[0]).toBe('ecs:DescribeClusters');
  });

  it('fixes casing', () => {
    expect(suggestActions('ecr:getauthorizationtoken', 1)).toEqual(['ecr:GetAuthorizationToken']);
  });

  it('fixes a mistyped service prefix', () => {
    expect(suggestActions('ecrr:PutImage')[0]).toBe('ecr:PutImage');
  });

  it('respects the limit and gives nothing far away', () => {
    expect(suggestActions('ecr:Describe', 2).length).toBeLessThanOrEqual(2);
    expect(suggestActions('ecr:CompletelyDifferentThing')).toEqual([]);
    expect(suggestActions('no colon')).toEqual([]);
    expect(suggestActions('ecr:PutImage')).not.toContain('ecr:PutImage');
  });

  it('covers other services after the lazy load', async () => {
    const names = await loadAllActionNames();
    expect(isKnownAction('s3', 'GetObject', names)).toBe(true);
    expect(suggestActions('s3:GetObjects', 5, names)[0]).toBe('s3:GetObject');
    expect(suggestActions('s3:GetObjects')).toEqual([]);
  });
});
