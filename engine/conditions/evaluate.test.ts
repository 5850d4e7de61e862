import { describe, expect, it } from 'vitest';
import type { ConditionEntry, ContextLookup } from '../types.ts';
import { compileCondition, evaluateConditionBlock, explainConditionBlock, type ConditionTrace } from './evaluate.ts';
import { OPERATORS } from './operators.ts';

type Request = Record<string, string | readonly string[]>;

/** A ContextLookup over a plain object, keys lower-cased (AWS key names are case-insensitive). */
function ctx(request: Request): ContextLookup {
  const map = new Map<string, readonly string[]>();
  for (const [k, v] of Object.entries(request)) map.set(k.toLowerCase(), typeof v === 'string' ? [v] : v);
  return { get: (key) => map.get(key.toLowerCase()) };
}

function entry(operator: string, key: string, values: readonly string[]): ConditionEntry {
  return {
    operator: { value: operator, path: ['Condition', operator], span: { start: 1, end: 1 + operator.length } },
    key: { value: key, path: ['Condition', operator, key], span: { start: 20, end: 20 + key.length } },
    values: values.map((value, i) => ({ value, path: ['Condition', operator, key, i], span: { start: 100 + i * 10, end: 105 + i * 10 } })),
    span: { start: 20, end: 200 },
    path: ['Condition', operator, key],
  };
}

/** Evaluates one entry with both `test` and `explain`, checking that they agree. */
function run(operator: string, key: string, values: readonly string[], request: Request, variables = true): { result: boolean; trace: ConditionTrace } {
  const c = compileCondition(entry(operator, key, values), { variables });
  const context = ctx(request);
  const result = c.test(context);
  const trace = c.explain(context);
  expect(trace.matched, trace.reason).toBe(result);
  return { result, trace };
}

function holds(operator: string, key: string, values: readonly string[], request: Request, variables = true): boolean {
  return run(operator, key, values, request, variables).result;
}

const TEAM = 'aws:ResourceTag/team';

describe('String operators', () => {
  it('StringEquals: exact match, case-sensitive', () => {
    expect(holds('StringEquals', TEAM, ['red'], { [TEAM]: 'red' })).toBe(true);
    expect(holds('StringEquals', TEAM, ['red'], { [TEAM]: 'Red' })).toBe(false);
    expect(holds('StringEquals', TEAM, ['red'], { [TEAM]: 'redder' })).toBe(false);
  });
  it('condition key names are case-insensitive, values are not', () => {
    expect(holds('StringEquals', 'AWS:RESOURCETAG/Team', ['red'], { 'aws:resourcetag/team': 'red' })).toBe(true);
    expect(holds('StringEquals', 'AWS:RESOURCETAG/Team', ['RED'], { 'aws:resourcetag/team': 'red' })).toBe(false);
  });
  it('multiple values for one key are ORed', () => {
    expect(holds('StringEquals', TEAM, ['blue', 'red'], { [TEAM]: 'red' })).toBe(true);
    expect(holds('StringEquals', TEAM, ['blue', 'red'], { [TEAM]: 'green' })).toBe(false);
  });
  it('StringNotEquals: true when the value is none of the policy values', () => {
    expect(holds('StringNotEquals', TEAM, ['blue', 'red'], { [TEAM]: 'green' })).toBe(true);
    expect(holds('StringNotEquals', TEAM, ['blue', 'red'], { [TEAM]: 'red' })).toBe(false);
  });
  it('StringEqualsIgnoreCase / StringNotEqualsIgnoreCase ignore letter case', () => {
    expect(holds('StringEqualsIgnoreCase', TEAM, ['Red'], { [TEAM]: 'rED' })).toBe(true);
    expect(holds('StringEqualsIgnoreCase', TEAM, ['Red'], { [TEAM]: 'blue' })).toBe(false);
    expect(holds('StringNotEqualsIgnoreCase', TEAM, ['Red'], { [TEAM]: 'RED' })).toBe(false);
    expect(holds('StringNotEqualsIgnoreCase', TEAM, ['Red'], { [TEAM]: 'blue' })).toBe(true);
  });
  it('StringLike: `*` matches any run and `?` one character, case-sensitively', () => {
    expect(holds('StringLike', TEAM, ['team-*'], { [TEAM]: 'team-a' })).toBe(true);
    expect(holds('StringLike', TEAM, ['team-*'], { [TEAM]: 'team-' })).toBe(true);
    expect(holds('StringLike', TEAM, ['team-?'], { [TEAM]: 'team-ab' })).toBe(false);
    expect(holds('StringLike', TEAM, ['team-??'], { [TEAM]: 'team-ab' })).toBe(true);
    expect(holds('StringLike', TEAM, ['Team-*'], { [TEAM]: 'team-a' })).toBe(false);
  });
  it('StringLike needs wildcards for a partial match', () => {
    expect(holds('StringLike', TEAM, ['team'], { [TEAM]: 'team-a' })).toBe(false);
  });
  it('StringNotLike: true when no pattern matches', () => {
    expect(holds('StringNotLike', TEAM, ['prod-*', 'stage-*'], { [TEAM]: 'dev-1' })).toBe(true);
    expect(holds('StringNotLike', TEAM, ['prod-*', 'stage-*'], { [TEAM]: 'prod-1' })).toBe(false);
  });
  it('StringEquals treats `*` as an ordinary character', () => {
    expect(holds('StringEquals', TEAM, ['a*'], { [TEAM]: 'abc' })).toBe(false);
    expect(holds('StringEquals', TEAM, ['a*'], { [TEAM]: 'a*' })).toBe(true);
  });
  it('policy values given as JSON numbers or booleans compare as their text', () => {
    expect(holds('StringEquals', 'aws:ResourceTag/n', ['10'], { 'aws:ResourceTag/n': '10' })).toBe(true);
    expect(holds('StringEquals', 'aws:ResourceTag/n', ['true'], { 'aws:ResourceTag/n': 'true' })).toBe(true);
  });
});

describe('Numeric operators', () => {
  const K = 's3:max-keys';
  it('NumericEquals compares numbers, not text', () => {
    expect(holds('NumericEquals', K, ['10'], { [K]: '10.0' })).toBe(true);
    expect(holds('NumericEquals', K, ['10', '100'], { [K]: '100' })).toBe(true);
    expect(holds('NumericEquals', K, ['10'], { [K]: '15' })).toBe(false);
  });
  it('NumericNotEquals is the negation', () => {
    expect(holds('NumericNotEquals', K, ['10'], { [K]: '15' })).toBe(true);
    expect(holds('NumericNotEquals', K, ['10'], { [K]: '010' })).toBe(false);
  });
  it('ordering compares numerically ("10" > "9")', () => {
    expect(holds('NumericGreaterThan', K, ['9'], { [K]: '10' })).toBe(true);
    expect(holds('NumericLessThan', K, ['10'], { [K]: '9' })).toBe(true);
    expect(holds('NumericLessThan', K, ['9'], { [K]: '10' })).toBe(false);
  });
  it('the -Equals forms include the boundary, the strict forms do not', () => {
    expect(holds('NumericLessThan', K, ['100'], { [K]: '100' })).toBe(false);
    expect(holds('NumericLessThanEquals', K, ['100'], { [K]: '100' })).toBe(true);
    expect(holds('NumericGreaterThan', K, ['100'], { [K]: '100' })).toBe(false);
    expect(holds('NumericGreaterThanEquals', K, ['100'], { [K]: '100' })).toBe(true);
    expect(holds('NumericGreaterThanEquals', K, ['100'], { [K]: '99.5' })).toBe(false);
  });
  it('decimals and negative numbers compare correctly', () => {
    expect(holds('NumericLessThan', K, ['0.5'], { [K]: '-1' })).toBe(true);
    expect(holds('NumericGreaterThan', K, ['1.25'], { [K]: '1.3' })).toBe(true);
  });
  it('invalid numbers never match (and explain says why)', () => {
    const r = run('NumericEquals', K, ['10'], { [K]: 'ten' });
    expect(r.result).toBe(false);
    expect(r.trace.reason).toBe('s3:max-keys is `ten`, which is not a number');
    const p = run('NumericLessThan', K, ['lots'], { [K]: '1' });
    expect(p.result).toBe(false);
    expect(p.trace.reason).toContain('`lots` is skipped because it is not a number');
  });
  it('numeric operators do not substitute policy variables', () => {
    expect(holds('NumericEquals', K, ['${aws:n}'], { [K]: '5', 'aws:n': '5' })).toBe(false);
  });
});

describe('Date operators', () => {
  const NOW = 'aws:CurrentTime';
  const EPOCH = 'aws:EpochTime';
  it('compare aws:CurrentTime ISO 8601 strings as instants', () => {
    expect(holds('DateGreaterThan', NOW, ['2020-01-01T00:00:00Z'], { [NOW]: '2024-05-01T12:00:00Z' })).toBe(true);
    expect(holds('DateLessThan', NOW, ['2020-01-01T00:00:00Z'], { [NOW]: '2024-05-01T12:00:00Z' })).toBe(false);
    expect(holds('DateEquals', NOW, ['2024-05-01T14:00:00+02:00'], { [NOW]: '2024-05-01T12:00:00Z' })).toBe(true);
    expect(holds('DateNotEquals', NOW, ['2024-05-01T14:00:00+02:00'], { [NOW]: '2024-05-01T12:00:00Z' })).toBe(false);
  });
  it('compare aws:EpochTime epoch seconds, also against ISO policy values', () => {
    expect(holds('DateLessThan', EPOCH, ['1700000000'], { [EPOCH]: '1699999999' })).toBe(true);
    expect(holds('DateLessThan', EPOCH, ['1700000000'], { [EPOCH]: '1700000000' })).toBe(false);
    expect(holds('DateLessThanEquals', EPOCH, ['1700000000'], { [EPOCH]: '1700000000' })).toBe(true);
    expect(holds('DateGreaterThanEquals', EPOCH, ['2023-11-14T22:13:20Z'], { [EPOCH]: '1700000000' })).toBe(true);
    expect(holds('DateGreaterThan', EPOCH, ['2023-11-14T22:13:20Z'], { [EPOCH]: '1700000000' })).toBe(false);
  });
  it('a date without a time is midnight UTC', () => {
    expect(holds('DateLessThan', NOW, ['2024-06-01'], { [NOW]: '2024-05-31T23:59:59Z' })).toBe(true);
    expect(holds('DateLessThan', NOW, ['2024-06-01'], { [NOW]: '2024-06-01T00:00:00Z' })).toBe(false);
  });
  it('invalid dates never match', () => {
    expect(holds('DateEquals', NOW, ['tomorrow'], { [NOW]: '2024-05-01T12:00:00Z' })).toBe(false);
    expect(holds('DateGreaterThan', NOW, ['2020-01-01'], { [NOW]: 'now' })).toBe(false);
  });
});

describe('Bool operator', () => {
  const S = 'aws:SecureTransport';
  it('aws:SecureTransport "true" matches Bool true', () => {
    expect(holds('Bool', S, ['true'], { [S]: 'true' })).toBe(true);
    expect(holds('Bool', S, ['true'], { [S]: 'false' })).toBe(false);
    expect(holds('Bool', S, ['false'], { [S]: 'false' })).toBe(true);
  });
  it('reads true/false in any letter case', () => {
    expect(holds('Bool', S, ['TRUE'], { [S]: 'true' })).toBe(true);
    expect(holds('Bool', S, ['true'], { [S]: 'True' })).toBe(true);
  });
  it('a value that is not a boolean never matches', () => {
    expect(holds('Bool', S, ['yes'], { [S]: 'yes' })).toBe(false);
    expect(holds('Bool', S, ['true'], { [S]: '1' })).toBe(false);
  });
  it('Bool substitutes policy variables (Condition operators page: supported)', () => {
    expect(holds('Bool', S, ['${aws:ResourceTag/secure}'], { [S]: 'true', 'aws:ResourceTag/secure': 'true' })).toBe(true);
  });
});

describe('BinaryEquals operator', () => {
  const K = 'svc:Blob';
  it('compares base64 text exactly', () => {
    expect(holds('BinaryEquals', K, ['QUJD'], { [K]: 'QUJD' })).toBe(true);
    expect(holds('BinaryEquals', K, ['QUJD'], { [K]: 'qujd' })).toBe(false);
    expect(holds('BinaryEquals', K, ['QUJD', 'QQ=='], { [K]: 'QQ==' })).toBe(true);
  });
  it('invalid base64 never matches', () => {
    expect(holds('BinaryEquals', K, ['QUJ'], { [K]: 'QUJ' })).toBe(false);
  });
});

describe('IP address operators', () => {
  const IP = 'aws:SourceIp';
  it('IpAddress: request IP inside any policy CIDR', () => {
    expect(holds('IpAddress', IP, ['203.0.113.0/24'], { [IP]: '203.0.113.9' })).toBe(true);
    expect(holds('IpAddress', IP, ['203.0.113.0/24'], { [IP]: '198.51.100.9' })).toBe(false);
    expect(holds('IpAddress', IP, ['203.0.113.0/24', '198.51.100.0/24'], { [IP]: '198.51.100.9' })).toBe(true);
  });
  it('a bare policy IP is /32 (IPv4) or /128 (IPv6)', () => {
    expect(holds('IpAddress', IP, ['203.0.113.9'], { [IP]: '203.0.113.9' })).toBe(true);
    expect(holds('IpAddress', IP, ['203.0.113.9'], { [IP]: '203.0.113.10' })).toBe(false);
    expect(holds('IpAddress', IP, ['2001:db8::9'], { [IP]: '2001:DB8:0::9' })).toBe(true);
  });
  it('IPv6 CIDR blocks, and IPv4 never matches an IPv6 block', () => {
    expect(holds('IpAddress', IP, ['2001:db8::/32'], { [IP]: '2001:db8:1234::1' })).toBe(true);
    expect(holds('IpAddress', IP, ['::/0'], { [IP]: '203.0.113.9' })).toBe(false);
    expect(holds('IpAddress', IP, ['0.0.0.0/0'], { [IP]: '2001:db8::1' })).toBe(false);
  });
  it('::ffff: mapped addresses match their IPv4 block', () => {
    expect(holds('IpAddress', IP, ['10.0.0.0/8'], { [IP]: '::ffff:10.2.3.4' })).toBe(true);
  });
  it('NotIpAddress: true when outside every block', () => {
    expect(holds('NotIpAddress', IP, ['10.0.0.0/8', '192.168.0.0/16'], { [IP]: '203.0.113.9' })).toBe(true);
    expect(holds('NotIpAddress', IP, ['10.0.0.0/8', '192.168.0.0/16'], { [IP]: '192.168.7.7' })).toBe(false);
  });
  it('invalid addresses and blocks never match', () => {
    expect(holds('IpAddress', IP, ['10.0.0.0/33'], { [IP]: '10.0.0.1' })).toBe(false);
    expect(holds('IpAddress', IP, ['10.0.0.0/8'], { [IP]: 'localhost' })).toBe(false);
  });
});

describe('ARN operators', () => {
  const K = 'aws:SourceArn';
  const CLUSTERS = 'arn:aws:ecs:*:123456789012:cluster/*';
  it('ArnLike matches the six ARN parts separately', () => {
    expect(holds('ArnLike', K, [CLUSTERS], { [K]: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' })).toBe(true);
    expect(holds('ArnLike', K, [CLUSTERS], { [K]: 'arn:aws:ecs:us-east-1:999999999999:cluster/prod' })).toBe(false);
    expect(holds('ArnLike', K, [CLUSTERS], { [K]: 'arn:aws:ecs:us-east-1:123456789012:service/prod' })).toBe(false);
  });
  it('a wildcard in one part does not reach into the next', () => {
    expect(holds('ArnLike', K, ['arn:aws:ecs:*:123456789012:cluster/*'], { [K]: 'arn:aws:ecs:us-east-1:x:123456789012:cluster/a' })).toBe(false);
  });
  it('ArnEquals also accepts wildcards; ArnNotEquals / ArnNotLike negate', () => {
    expect(holds('ArnEquals', K, [CLUSTERS], { [K]: 'arn:aws:ecs:eu-west-1:123456789012:cluster/a' })).toBe(true);
    expect(holds('ArnNotEquals', K, [CLUSTERS], { [K]: 'arn:aws:ecs:eu-west-1:123456789012:cluster/a' })).toBe(false);
    expect(holds('ArnNotLike', K, [CLUSTERS], { [K]: 'arn:aws:ecr:eu-west-1:123456789012:repository/a' })).toBe(true);
  });
  it('ARN matching is case-sensitive', () => {
    expect(holds('ArnEquals', K, ['arn:aws:ecs:us-east-1:123456789012:cluster/Prod'], { [K]: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' })).toBe(false);
  });
  it('ARN operators substitute policy variables', () => {
    const pattern = 'arn:aws:iam::123456789012:user/${aws:username}';
    expect(holds('ArnEquals', 'aws:PrincipalArn', [pattern], { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/alice', 'aws:username': 'alice' })).toBe(true);
    expect(holds('ArnEquals', 'aws:PrincipalArn', [pattern], { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/bob', 'aws:username': 'alice' })).toBe(false);
  });
});

describe('Null operator', () => {
  const K = 'aws:TokenIssueTime';
  it('Null true matches when the key is absent', () => {
    expect(holds('Null', K, ['true'], {})).toBe(true);
    expect(holds('Null', K, ['true'], { [K]: '2024-01-01T00:00:00Z' })).toBe(false);
  });
  it('Null false matches when the key is present', () => {
    expect(holds('Null', K, ['false'], { [K]: '2024-01-01T00:00:00Z' })).toBe(true);
    expect(holds('Null', K, ['false'], {})).toBe(false);
  });
  it('an empty multivalued key counts as absent', () => {
    expect(holds('Null', 'aws:TagKeys', ['true'], { 'aws:TagKeys': [] })).toBe(true);
    expect(holds('Null', 'aws:TagKeys', ['false'], { 'aws:TagKeys': [] })).toBe(false);
  });
  it('a policy value that is not a boolean never matches', () => {
    expect(holds('Null', K, ['yes'], {})).toBe(false);
    expect(holds('Null', K, ['yes'], { [K]: 'x' })).toBe(false);
    expect(run('Null', K, ['yes'], {}).trace.reason).toMatch(/never matches/);
  });
  it('reads true/false in any letter case', () => {
    expect(holds('Null', K, ['TRUE'], {})).toBe(true);
  });
});

describe('a key absent from the request (Condition operators page, "Important")', () => {
  const K = 'svc:Absent';
  const sample: Record<string, string> = {
    String: 'x',
    Numeric: '1',
    Date: '2024-01-01',
    Bool: 'true',
    Binary: 'QQ==',
    IPAddress: '10.0.0.0/8',
    ARN: 'arn:aws:s3:::b',
  };
  for (const d of OPERATORS.filter((o) => o.compare.kind !== 'presence')) {
    const v = [sample[d.valueType]];
    it(`${d.name} is ${d.negated} when the key is absent (${d.negated ? 'negated operators match' : 'positive operators do not match'})`, () => {
      expect(holds(d.name, K, v, {})).toBe(d.negated);
      expect(holds(d.name, K, v, { [K]: [] })).toBe(d.negated);
    });
    it(`${d.name}IfExists is true when the key is absent`, () => {
      expect(holds(`${d.name}IfExists`, K, v, {})).toBe(true);
      expect(holds(`${d.name}IfExists`, K, v, { [K]: [] })).toBe(true);
    });
  }
  it('Null is the exception: it tests presence itself', () => {
    expect(holds('Null', K, ['true'], {})).toBe(true);
    expect(holds('Null', K, ['false'], {})).toBe(false);
  });
});

describe('...IfExists with the key present behaves as the base operator', () => {
  it('StringEqualsIfExists', () => {
    expect(holds('StringEqualsIfExists', 'ecr:ResourceTag/team', ['blue'], { 'ecr:ResourceTag/team': 'blue' })).toBe(true);
    expect(holds('StringEqualsIfExists', 'ecr:ResourceTag/team', ['blue'], { 'ecr:ResourceTag/team': 'red' })).toBe(false);
  });
  it('StringNotLikeIfExists', () => {
    expect(holds('StringNotLikeIfExists', 'ecr:ResourceTag/team', ['b*'], { 'ecr:ResourceTag/team': 'blue' })).toBe(false);
    expect(holds('StringNotLikeIfExists', 'ecr:ResourceTag/team', ['b*'], { 'ecr:ResourceTag/team': 'red' })).toBe(true);
  });
  it('NumericLessThanIfExists', () => {
    expect(holds('NumericLessThanIfExists', 's3:max-keys', ['100'], { 's3:max-keys': '99' })).toBe(true);
    expect(holds('NumericLessThanIfExists', 's3:max-keys', ['100'], { 's3:max-keys': '101' })).toBe(false);
  });
});

describe('single-valued operator with a multivalued request key (no set operator)', () => {
  const K = 'aws:TagKeys';
  it('a positive operator matches if any request value matches any policy value', () => {
    expect(holds('StringEquals', K, ['a'], { [K]: ['x', 'a'] })).toBe(true);
    expect(holds('StringEquals', K, ['a', 'b'], { [K]: ['x', 'y'] })).toBe(false);
  });
  it('a negated operator is the negation of that', () => {
    expect(holds('StringNotEquals', K, ['a'], { [K]: ['x', 'a'] })).toBe(false);
    expect(holds('StringNotEquals', K, ['a'], { [K]: ['x', 'y'] })).toBe(true);
  });
});

describe('set operators ForAllValues / ForAnyValue (Condition keys with multiple values)', () => {
  const K = 'aws:TagKeys';
  it('ForAnyValue is true when at least one request value matches', () => {
    expect(holds('ForAnyValue:StringEquals', K, ['a', 'b'], { [K]: ['x', 'a'] })).toBe(true);
    expect(holds('ForAnyValue:StringEquals', K, ['a', 'b'], { [K]: ['x', 'y'] })).toBe(false);
  });
  it('ForAnyValue is false when the key is absent or empty', () => {
    expect(holds('ForAnyValue:StringEquals', K, ['a'], {})).toBe(false);
    expect(holds('ForAnyValue:StringEquals', K, ['a'], { [K]: [] })).toBe(false);
    expect(holds('ForAnyValue:StringNotEquals', K, ['a'], {})).toBe(false);
  });
  it('ForAllValues is true when every request value matches some policy value', () => {
    expect(holds('ForAllValues:StringEquals', K, ['a', 'b'], { [K]: ['a'] })).toBe(true);
    expect(holds('ForAllValues:StringEquals', K, ['a', 'b'], { [K]: ['b', 'a'] })).toBe(true);
    expect(holds('ForAllValues:StringEquals', K, ['a', 'b'], { [K]: ['a', 'c'] })).toBe(false);
  });
  it('ForAllValues is true when the key is absent or empty (vacuous truth, as AWS documents)', () => {
    expect(holds('ForAllValues:StringEquals', K, ['a'], {})).toBe(true);
    expect(holds('ForAllValues:StringEquals', K, ['a'], { [K]: [] })).toBe(true);
    expect(holds('ForAllValues:StringNotLike', K, ['key1*'], {})).toBe(true);
  });
  it('ForAllValues:StringNotEquals: no request value is in the policy set', () => {
    expect(holds('ForAllValues:StringNotEquals', K, ['a', 'b'], { [K]: ['c', 'd'] })).toBe(true);
    expect(holds('ForAllValues:StringNotEquals', K, ['a', 'b'], { [K]: ['c', 'a'] })).toBe(false);
  });
  it('ForAnyValue:StringNotEquals: some request value is not in the policy set', () => {
    expect(holds('ForAnyValue:StringNotEquals', K, ['a', 'b'], { [K]: ['a', 'c'] })).toBe(true);
    expect(holds('ForAnyValue:StringNotEquals', K, ['a', 'b'], { [K]: ['a', 'b'] })).toBe(false);
  });
  it('ForAllValues:StringNotLike denies tag keys without the prefix (multivalued context key examples)', () => {
    expect(holds('ForAllValues:StringNotLike', K, ['key1*'], { [K]: ['key1:legal'] })).toBe(false);
    expect(holds('ForAllValues:StringNotLike', K, ['key1*'], { [K]: ['key1:hr', 'key1:personnel'] })).toBe(false);
    expect(holds('ForAllValues:StringNotLike', K, ['key1*'], { [K]: ['key2:audit'] })).toBe(true);
  });
  it('ForAllValues:StringLike with wildcards', () => {
    expect(holds('ForAllValues:StringLike', K, ['Created*'], { [K]: ['CreatedBy', 'CreatedAt'] })).toBe(true);
    expect(holds('ForAllValues:StringLike', K, ['Created*'], { [K]: ['CreatedBy', 'Owner'] })).toBe(false);
  });
  it('IfExists with a set operator is true when the key is absent', () => {
    expect(holds('ForAnyValue:StringEqualsIfExists', K, ['a'], {})).toBe(true);
    expect(holds('ForAnyValue:StringEqualsIfExists', K, ['a'], { [K]: ['b'] })).toBe(false);
  });
  it('set operators work with other types', () => {
    expect(holds('ForAllValues:NumericLessThan', 'svc:Sizes', ['10'], { 'svc:Sizes': ['1', '9'] })).toBe(true);
    expect(holds('ForAllValues:NumericLessThan', 'svc:Sizes', ['10'], { 'svc:Sizes': ['1', '10'] })).toBe(false);
    expect(holds('ForAnyValue:ArnLike', 'svc:Arns', ['arn:aws:ecs:*:*:cluster/*'], { 'svc:Arns': ['arn:aws:s3:::b', 'arn:aws:ecs:us-east-1:1:cluster/c'] })).toBe(true);
    expect(holds('ForAllValues:IpAddress', 'svc:Ips', ['10.0.0.0/8'], { 'svc:Ips': ['10.1.1.1', '11.1.1.1'] })).toBe(false);
  });
  for (const d of OPERATORS.filter((o) => o.setQualifiersAllowed)) {
    it(`ForAllValues:${d.name} is true and ForAnyValue:${d.name} false with the key absent or empty`, () => {
      expect(holds(`ForAllValues:${d.name}`, K, ['v'], {})).toBe(true);
      expect(holds(`ForAllValues:${d.name}`, K, ['v'], { [K]: [] })).toBe(true);
      expect(holds(`ForAnyValue:${d.name}`, K, ['v'], {})).toBe(false);
      expect(holds(`ForAnyValue:${d.name}`, K, ['v'], { [K]: [] })).toBe(false);
    });
  }
});

describe('policy variables (Policy variables page)', () => {
  const OWNER = 'aws:ResourceTag/owner';
  it('are substituted in values of operators that allow them', () => {
    expect(holds('StringEquals', OWNER, ['${aws:username}'], { [OWNER]: 'alice', 'aws:username': 'alice' })).toBe(true);
    expect(holds('StringEquals', OWNER, ['${aws:username}'], { [OWNER]: 'bob', 'aws:username': 'alice' })).toBe(false);
    expect(holds('StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/alice/docs', 'aws:username': 'alice' })).toBe(true);
  });
  it('a variable that cannot be resolved makes that value not match', () => {
    expect(holds('StringEquals', OWNER, ['${aws:username}', 'bob'], { [OWNER]: 'bob' })).toBe(true);
    expect(holds('StringEquals', OWNER, ['${aws:username}'], { [OWNER]: '${aws:username}' })).toBe(false);
    expect(holds('StringNotEquals', OWNER, ['${aws:username}'], { [OWNER]: 'bob' })).toBe(true);
    const r = run('StringEquals', OWNER, ['${aws:username}'], { [OWNER]: 'bob' });
    expect(r.trace.reason).toContain('is skipped because the request has no aws:username');
  });
  it('a default value stands in for a missing key', () => {
    expect(holds('StringEquals', OWNER, ["${aws:username, 'nobody'}"], { [OWNER]: 'nobody' })).toBe(true);
  });
  it('substituted text is literal in StringLike', () => {
    expect(holds('StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/bob/x', 'aws:username': '*' })).toBe(false);
    expect(holds('StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/*/x', 'aws:username': '*' })).toBe(true);
  });
  it('${*} and ${?} make literal characters in StringLike', () => {
    expect(holds('StringLike', OWNER, ['a${*}'], { [OWNER]: 'a*' })).toBe(true);
    expect(holds('StringLike', OWNER, ['a${*}'], { [OWNER]: 'abc' })).toBe(false);
    expect(holds('StringLike', OWNER, ['a${?}*'], { [OWNER]: 'a?b' })).toBe(true);
    expect(holds('StringLike', OWNER, ['a${?}*'], { [OWNER]: 'ab' })).toBe(false);
    expect(holds('StringEquals', OWNER, ['a${*}'], { [OWNER]: 'a*' })).toBe(true);
  });
  it('are plain text when the policy Version is not 2012-10-17', () => {
    expect(holds('StringEquals', OWNER, ['${aws:username}'], { [OWNER]: 'alice', 'aws:username': 'alice' }, false)).toBe(false);
    expect(holds('StringEquals', OWNER, ['${aws:username}'], { [OWNER]: '${aws:username}' }, false)).toBe(true);
    expect(holds('StringLike', OWNER, ['a${*}'], { [OWNER]: 'a${xyz}' }, false)).toBe(true);
  });
  it('explain reports the resolved values', () => {
    const r = run('StringEquals', OWNER, ['${aws:username}', 'x'], { [OWNER]: 'alice', 'aws:username': 'alice' });
    expect(r.trace.resolvedPolicyValues).toEqual(['alice', 'x']);
    expect(run('StringEquals', OWNER, ['x'], { [OWNER]: 'x' }).trace.resolvedPolicyValues).toBeUndefined();
  });
  it('are resolved per request, not once', () => {
    const c = compileCondition(entry('StringEquals', OWNER, ['${aws:username}']), { variables: true });
    expect(c.hasVariables).toBe(true);
    expect(c.test(ctx({ [OWNER]: 'alice', 'aws:username': 'alice' }))).toBe(true);
    expect(c.test(ctx({ [OWNER]: 'alice', 'aws:username': 'bob' }))).toBe(false);
    expect(c.test(ctx({ [OWNER]: 'bob', 'aws:username': 'bob' }))).toBe(true);
  });
});

describe('unknown operators', () => {
  it('compile to a condition that never matches and says why', () => {
    const c = compileCondition(entry('StringEqualz', 'k', ['v']), { variables: true });
    expect(c.problem).toBe('`StringEqualz` is not an IAM condition operator.');
    expect(c.test(ctx({}))).toBe(false);
    expect(c.test(ctx({ k: 'v' }))).toBe(false);
    expect(c.explain(ctx({ k: 'v' })).reason).toBe('`StringEqualz` is not an IAM condition operator, so this condition never matches');
  });
  it('a wrongly cased operator never matches, even in a negated form', () => {
    expect(holds('stringNotEquals', 'k', ['v'], {})).toBe(false);
    expect(holds('NullIfExists', 'k', ['true'], {})).toBe(false);
  });
});

describe('explain', () => {
  it('names the values and the outcome in one sentence', () => {
    expect(run('StringEquals', TEAM, ['blue'], { [TEAM]: 'red' }).trace.reason).toBe('aws:ResourceTag/team is `red`, which is not one of `blue`');
    expect(run('StringEquals', TEAM, ['blue', 'red'], { [TEAM]: 'red' }).trace.reason).toBe('aws:ResourceTag/team is `red`, which is one of `red`');
    expect(run('StringEqualsIfExists', 'ecr:ResourceTag/team', ['blue'], {}).trace.reason).toBe(
      'the request has no ecr:ResourceTag/team, so IfExists makes this condition true',
    );
    expect(run('StringNotEquals', TEAM, ['blue'], { [TEAM]: 'red' }).trace.reason).toBe(
      'aws:ResourceTag/team is `red`, which is not one of `blue`, so StringNotEquals is true',
    );
    expect(run('ForAllValues:StringEquals', 'aws:TagKeys', ['a'], { 'aws:TagKeys': ['a', 'b'] }).trace.reason).toBe(
      'aws:TagKeys has `a`, `b`, and `b` is not one of `a`, so ForAllValues:StringEquals is false',
    );
    expect(run('ForAllValues:StringEquals', 'aws:TagKeys', ['a'], {}).trace.reason).toBe('the request has no aws:TagKeys, so ForAllValues is vacuously true');
    expect(run('NumericLessThan', 'n', ['5'], { n: '7' }).trace.reason).toBe('n is `7`, which is not less than `5`');
    expect(run('Null', 'k', ['true'], {}).trace.reason).toBe('the request has no k, which Null `true` asks for');
  });
  it('reports null request values for an absent key and copies spans', () => {
    const e = entry('StringEquals', TEAM, ['blue']);
    const t = compileCondition(e, { variables: true }).explain(ctx({}));
    expect(t.requestValues).toBeNull();
    expect(t.span).toEqual(e.span);
    expect(t.keySpan).toEqual(e.key.span);
    expect(t.policyValues).toEqual(['blue']);
    expect(t.operator).toBe('StringEquals');
    expect(t.key).toBe(TEAM);
  });
});

describe('evaluateConditionBlock', () => {
  const block = [
    compileCondition(entry('StringEquals', TEAM, ['blue', 'red']), { variables: true }),
    compileCondition(entry('Bool', 'aws:SecureTransport', ['true']), { variables: true }),
  ];
  it('ANDs across entries and ORs across the values of one key', () => {
    expect(evaluateConditionBlock(block, ctx({ [TEAM]: 'red', 'aws:SecureTransport': 'true' }))).toBe(true);
    expect(evaluateConditionBlock(block, ctx({ [TEAM]: 'blue', 'aws:SecureTransport': 'false' }))).toBe(false);
    expect(evaluateConditionBlock(block, ctx({ [TEAM]: 'green', 'aws:SecureTransport': 'true' }))).toBe(false);
  });
  it('an empty block holds', () => {
    expect(evaluateConditionBlock([], ctx({}))).toBe(true);
  });
  it('explainConditionBlock agrees and explains every entry', () => {
    const r = explainConditionBlock(block, ctx({ [TEAM]: 'green', 'aws:SecureTransport': 'true' }));
    expect(r.matched).toBe(false);
    expect(r.traces.map((t) => t.matched)).toEqual([false, true]);
  });
});
