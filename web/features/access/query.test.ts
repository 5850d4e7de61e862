import { describe, expect, it } from 'vitest';
import { actionOf, parseQuery, queryOf, words, OPEN_FILTER, QUERY_EXAMPLES } from './query';

const known = new Map(['ecr:PutImage', 'ecr:DescribeImages', 'ecr:BatchGetImage'].map((a) => [a.toLowerCase(), a]));
const resolve = (a: string) => known.get(a.toLowerCase());

describe('parseQuery', () => {
  it.each([
    ['who can push to prod/*', { action: 'ecr:PutImage', repository: 'prod/*', decision: 'Allow', principal: '' }, 'repository'],
    ['Who can PUSH to `prod/*`?', { action: 'ecr:PutImage', repository: 'prod/*', decision: 'Allow' }, 'repository'],
    ['who can push to prod/*?', { repository: 'prod/*' }, 'repository'],
    ['who can pull from team-a/*', { action: 'ecr:BatchGetImage', repository: 'team-a/*' }, 'repository'],
    ['who can delete on prod/api', { action: 'ecr:BatchDeleteImage', repository: 'prod/api' }, 'repository'],
    ['who can manage in *', { action: 'ecr:SetRepositoryPolicy', repository: '*' }, 'repository'],
    ['who can push', { action: 'ecr:PutImage', repository: '' }, 'repository'],
    ['who can ecr:DescribeImages on prod/api', { action: 'ecr:DescribeImages', repository: 'prod/api' }, 'repository'],
    ['who can ecr:describeimages on prod/api', { action: 'ecr:DescribeImages' }, 'repository'],
    ['who can DescribeImages prod/api', { action: 'ecr:DescribeImages', repository: 'prod/api' }, 'repository'],
    ['who can push to "prod/ap?"', { repository: 'prod/ap?' }, 'repository'],
    ['who can push to prod/* decision:deny', { decision: 'Deny', repository: 'prod/*' }, 'repository'],
    ['who can push to prod/* principal:ci-*', { principal: 'ci-*' }, 'repository'],
    ['what can ci-deployer do in ECR?', { principal: 'ci-deployer', decision: 'Allow', action: '', repository: '' }, 'principal'],
    ['WHAT CAN ci-deployer DO', { principal: 'ci-deployer' }, 'principal'],
    ["what can 'arn:aws:iam::111111111111:user/*' do repo:prod/*", { principal: 'arn:aws:iam::111111111111:user/*', repository: 'prod/*' }, 'principal'],
    ['repo:prod/* decision:explicit', { repository: 'prod/*', decision: 'ExplicitDeny', action: '' }, undefined],
    ['principal:alice action:push decision:implicit', { principal: 'alice', action: 'ecr:PutImage', decision: 'ImplicitDeny' }, undefined],
    ['  ', OPEN_FILTER, undefined],
  ])('%s', (query, filter, groupBy) => {
    const r = parseQuery(query, resolve);
    if (!r.ok) throw new Error(r.error);
    expect(r.filter).toMatchObject(filter);
    expect(r.groupBy).toBe(groupBy);
  });

  it.each([
    ['who push to prod', /who can/],
    ['who can', /name what they can do/],
    ['who can fly to prod/*', /`fly` is not an access level/],
    ['who can ecr:putimage to prod/*', /not an access level/],
    ['what can do', /what can <principal/],
    ['what can alice', /what can alice do/],
    ['what can alice do in ecs', /Only ECR/],
    ['prod/*', /not understood/],
    ['who can push to prod/* colour:red', /not understood/],
    ['decision:maybe', /not a decision/],
    ['repo:', /needs a value/],
    ['who can push to "prod', /not closed/],
  ])('refuses %s', (query, error) => {
    // No resolver: action names must be in AWS casing.
    const r = parseQuery(query);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('parses every documented example', () => {
    for (const q of QUERY_EXAMPLES) expect(parseQuery(q, resolve).ok, q).toBe(true);
  });

  it('reads back what queryOf writes', () => {
    const filter = { principal: 'team a*', repository: 'prod/ap?', action: 'ecr:PutImage', decision: 'ExplicitDeny' as const };
    const r = parseQuery(queryOf(filter), resolve);
    expect(r.ok && r.filter).toEqual(filter);
    expect(queryOf(OPEN_FILTER)).toBe('');
  });
});

describe('words and actions', () => {
  it('keeps quoted runs together', () => {
    expect(words('a "b c" `d`e \'f\'').words).toEqual(['a', 'b c', 'de', 'f']);
  });
  it('reads levels, action names and bare ECR actions', () => {
    expect(actionOf('Pull')).toBe('ecr:BatchGetImage');
    expect(actionOf('ECR:PutImage')).toBe('ecr:PutImage');
    expect(actionOf('PutImage')).toBe('ecr:PutImage');
    expect(actionOf('putimage')).toBeUndefined();
    expect(actionOf('putimage', resolve)).toBe('ecr:PutImage');
    expect(actionOf('prod/*')).toBeUndefined();
  });
});
