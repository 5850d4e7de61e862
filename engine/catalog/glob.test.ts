import { describe, expect, it } from 'vitest';
import { globTokens, patternsIntersect, templateTokens } from './glob.ts';

describe('patternsIntersect', () => {
  const g = globTokens;
  const t = templateTokens;
  it('matches a concrete string against a template', () => {
    expect(patternsIntersect(g('repository/web'), t('repository/${RepositoryName}'))).toBe(true);
    expect(patternsIntersect(g('cluster/web'), t('repository/${RepositoryName}'))).toBe(false);
    expect(patternsIntersect(g('task-definition/web:3'), t('task-definition/${Family}:${Revision}'))).toBe(true);
    expect(patternsIntersect(g('task-definition/web'), t('task-definition/${Family}:${Revision}'))).toBe(false);
  });

  it('lets wildcards on either side meet', () => {
    expect(patternsIntersect(g('*'), t('cluster/${ClusterName}'))).toBe(true);
    expect(patternsIntersect(g('clu*'), t('cluster/${ClusterName}'))).toBe(true);
    expect(patternsIntersect(g('*/prod'), t('cluster/${ClusterName}'))).toBe(true);
    expect(patternsIntersect(g('?luster/x'), t('cluster/${ClusterName}'))).toBe(true);
    expect(patternsIntersect(g('*x'), g('y*'))).toBe(true);
    expect(patternsIntersect(g('a*b'), g('a*c'))).toBe(false);
    expect(patternsIntersect(g('??'), g('a'))).toBe(false);
  });

  it('honours case only when asked', () => {
    expect(patternsIntersect(g('ECS'), g('ecs'))).toBe(false);
    expect(patternsIntersect(g('ECS'), g('ecs'), true)).toBe(true);
  });

  it('treats an empty template segment as empty', () => {
    expect(patternsIntersect(g(''), t(''))).toBe(true);
    expect(patternsIntersect(g('us-east-1'), t(''))).toBe(false);
    expect(patternsIntersect(g('*'), t(''))).toBe(true);
  });
});
