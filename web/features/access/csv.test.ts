import { describe, expect, it } from 'vitest';
import { csvChunks, csvField, csvLine, toCsv } from './csv';
import { OPEN_FILTER } from './query';
import { buildRows, principalOrder, resourceOrder, type AccessData } from './view';

// Two principals × two repositories × two actions; codes: 0 implicit, 1 allow, 2 explicit.
function data(): AccessData {
  return {
    principals: [
      { arn: 'arn:aws:iam::1:role/ci', name: 'ci', pathName: 'ci', type: 'role' },
      { arn: 'arn:aws:iam::1:user/a,"b"', name: 'a,"b"', pathName: 'a,"b"', type: 'user' },
    ],
    resources: [
      { arn: 'arn:aws:ecr:us-east-1:1:repository/prod/api', name: 'prod/api', hasPolicy: true },
      { arn: 'arn:aws:ecr:us-east-1:1:repository/dev/api', name: 'dev/api', hasPolicy: false },
    ],
    actions: ['ecr:BatchGetImage', 'ecr:PutImage'],
    // p0: prod (allow, explicit) dev (allow, allow); p1: prod (allow, implicit) dev (implicit, implicit)
    decisions: Uint8Array.from([1, 2, 1, 1, 1, 0, 0, 0]),
    // Stages: 2 explicit-deny... arbitrary codes into STAGE_CODES.
    stages: Uint8Array.from([5, 1, 5, 5, 4, 5, 5, 5]),
    done: 2,
  };
}

describe('RFC 4180 fields', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
  ])('%j', (value, quoted) => expect(csvField(value)).toBe(quoted));
  it('ends lines with CRLF', () => expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n'));
});

describe('CSV of an answer', () => {
  it('writes every cell of the matching pairs, in table order', () => {
    const d = data();
    const csv = toCsv(d, { filter: OPEN_FILTER, groupBy: 'principal' });
    expect(csv.split('\r\n')).toEqual([
      'principal,repository,action,decision,stage',
      'arn:aws:iam::1:role/ci,arn:aws:ecr:us-east-1:1:repository/prod/api,ecr:BatchGetImage,Allow,identity',
      'arn:aws:iam::1:role/ci,arn:aws:ecr:us-east-1:1:repository/prod/api,ecr:PutImage,ExplicitDeny,explicit-deny',
      'arn:aws:iam::1:role/ci,arn:aws:ecr:us-east-1:1:repository/dev/api,ecr:BatchGetImage,Allow,identity',
      'arn:aws:iam::1:role/ci,arn:aws:ecr:us-east-1:1:repository/dev/api,ecr:PutImage,Allow,identity',
      '"arn:aws:iam::1:user/a,""b""",arn:aws:ecr:us-east-1:1:repository/prod/api,ecr:BatchGetImage,Allow,resource',
      '"arn:aws:iam::1:user/a,""b""",arn:aws:ecr:us-east-1:1:repository/prod/api,ecr:PutImage,ImplicitDeny,identity',
      '"arn:aws:iam::1:user/a,""b""",arn:aws:ecr:us-east-1:1:repository/dev/api,ecr:BatchGetImage,ImplicitDeny,identity',
      '"arn:aws:iam::1:user/a,""b""",arn:aws:ecr:us-east-1:1:repository/dev/api,ecr:PutImage,ImplicitDeny,identity',
      '',
    ]);
  });

  it('keeps only the action and decision asked for', () => {
    const csv = toCsv(data(), { filter: { ...OPEN_FILTER, action: 'ecr:PutImage', decision: 'Allow' }, groupBy: 'repository' });
    expect(csv).toBe('principal,repository,action,decision,stage\r\narn:aws:iam::1:role/ci,arn:aws:ecr:us-east-1:1:repository/dev/api,ecr:PutImage,Allow,identity\r\n');
    const denies = toCsv(data(), { filter: { ...OPEN_FILTER, repository: 'prod/*', decision: 'Deny' }, groupBy: 'principal' });
    expect(denies.trim().split('\r\n').slice(1).map((l) => l.split(',').at(-2))).toEqual(['ExplicitDeny', 'ImplicitDeny']);
  });

  it('leaves out principals not computed yet, and comes in chunks', () => {
    const d = { ...data(), done: 1 };
    const chunks = [...csvChunks(d, { filter: OPEN_FILTER, groupBy: 'principal' }, 2)];
    expect(chunks.join('').trim().split('\r\n')).toHaveLength(5);
    expect(chunks.length).toBeGreaterThan(1);
  });
});

describe('rows of the table', () => {
  it('groups, counts and collapses', () => {
    const d = data();
    const po = principalOrder(d.principals);
    const ro = resourceOrder(d.resources);
    const v = buildRows(d, { filter: OPEN_FILTER, groupBy: 'principal', expandAll: true, toggled: new Set([1]), principalOrder: po, resourceOrder: ro });
    // ci (role) first; dev/api before prod/api; the user's group is collapsed.
    expect(Array.from(v.rows)).toEqual([-1, 0 * 2 + 1, 0 * 2 + 0, -2]);
    expect(v.groups.map((g) => [g.id, g.rows, Array.from(g.allow), Array.from(g.explicit), g.expanded])).toEqual([
      [0, 2, [2, 1], [0, 1], true],
      [1, 2, [1, 0], [0, 0], false],
    ]);
    expect(v.matches).toBe(4);
  });

  it('filters by principal and repository globs and by decision', () => {
    const d = data();
    const by = (filter: Partial<typeof OPEN_FILTER>, groupBy: 'principal' | 'repository' = 'repository') =>
      Array.from(buildRows(d, { filter: { ...OPEN_FILTER, ...filter }, groupBy, expandAll: true, toggled: new Set() }).rows);
    expect(by({ action: 'ecr:PutImage', decision: 'Allow' })).toEqual([-1, 0 * 2 + 1]);
    expect(by({ principal: 'arn:aws:iam::1:user/*' }, 'principal')).toEqual([-1, 2, 3]);
    expect(by({ principal: 'CI', repository: 'prod/*' })).toEqual([-1, 0]);
    expect(by({ decision: 'ExplicitDeny' })).toEqual([-1, 0]);
    expect(by({ action: 'ecr:DescribeImages' })).toEqual([]);
    // Pending principals show with any decision, never under a decision filter.
    const half = { ...d, done: 1 };
    expect(buildRows(half, { filter: OPEN_FILTER, groupBy: 'principal', expandAll: true, toggled: new Set() }).matches).toBe(4);
    expect(buildRows(half, { filter: { ...OPEN_FILTER, decision: 'ImplicitDeny' }, groupBy: 'principal', expandAll: true, toggled: new Set() }).matches).toBe(0);
  });
});

describe('counting as the matrix fills', () => {
  it('an incremental summary equals one made at the end', async () => {
    const { Summarizer, summarizeRows } = await import('./view');
    for (const groupBy of ['principal', 'repository'] as const)
      for (const filter of [OPEN_FILTER, { ...OPEN_FILTER, decision: 'Allow' as const }, { ...OPEN_FILTER, action: 'ecr:PutImage', decision: 'Deny' as const }]) {
        const d = { ...data(), done: 0 };
        const s = new Summarizer(d, { filter, groupBy });
        const before = s.update();
        expect(before.matches).toBe(filter.decision === 'any' ? 4 : 0);
        d.done = 1;
        s.update();
        d.done = 2;
        const after = s.update();
        const whole = summarizeRows({ ...d }, { filter, groupBy });
        expect([after.matches, after.groups.map((g) => [g.id, g.rows, [...g.allow], [...g.explicit]])]).toEqual([whole.matches, whole.groups.map((g) => [g.id, g.rows, [...g.allow], [...g.explicit]])]);
      }
  });
});
