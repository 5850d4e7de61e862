// keyReadsResource: which context keys may answer differently for another resource.
import { describe, expect, it } from 'vitest';
import { Clock, keyReadsResource, RequestContext } from './context.ts';
import { parsePrincipal } from './principal.ts';

describe('keyReadsResource', () => {
  const clock = new Clock(new Date('2026-01-01T00:00:00Z'));
  const given = { 'aws:ResourceTag/team': 'a', 'aws:PrincipalTag/team': 'b', 'ecs:ResourceTag/x': 'y' };
  const resources = ['arn:aws:ecr:us-east-1:111111111111:repository/a', 'arn:aws:ecs:eu-west-1:222222222222:cluster/b', 'arn:aws-cn:s3:::bucket', '*'];
  const callers = ['arn:aws:iam::111111111111:user/u', 'arn:aws:sts::111111111111:assumed-role/r/s', 'ecs-tasks.amazonaws.com', '111111111111'];

  it('every key a context answers for one resource and not alike for another is one it names', () => {
    for (const caller of callers) {
      const principal = parsePrincipal(caller)!;
      const contexts = resources.map((r) => new RequestContext(given, principal, r, clock));
      const keys = new Set(contexts.flatMap((c) => c.entries().map((e) => e.key)));
      for (const k of ['ecr:ResourceTag/team', 'aws:ResourceTag/x', 'ecs:ResourceTag/team', 's3:ResourceTag/team']) keys.add(k);
      for (const key of keys) {
        const answers = new Set(contexts.map((c) => JSON.stringify(c.get(key) ?? null)));
        if (answers.size > 1) expect({ key, readsResource: keyReadsResource(key) }).toEqual({ key, readsResource: true });
      }
    }
  });

  it('names the keys derived from the ARN and resource tags, any spelling', () => {
    expect(['aws:ResourceAccount', 'AWS:REQUESTEDREGION', 'aws:ResourceTag/team', 'ecr:ResourceTag/team'].every(keyReadsResource)).toBe(true);
    expect(['aws:PrincipalArn', 'aws:PrincipalTag/team', 'aws:CurrentTime', 'aws:PrincipalOrgID', 'aws:SourceIp'].some(keyReadsResource)).toBe(false);
  });
});
