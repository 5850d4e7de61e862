import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAccessDenied } from './accessdenied.ts';

interface Case {
  form: string;
  message: string;
  expected: unknown;
}
const cases = JSON.parse(readFileSync(new URL('./fixtures/access-denied.json', import.meta.url), 'utf8')) as Case[];

describe('parseAccessDenied reads every form AWS prints (IAM user guide, "Troubleshoot access denied error messages")', () => {
  it.each(cases.map((c) => [c.form, c] as const))('%s', (_, c) => {
    expect(parseAccessDenied(c.message)).toEqual(c.expected);
  });

  it('covers every policy type AWS names, both denials', () => {
    const seen = new Set(cases.flatMap((c) => (c.expected as { policyType?: string; denial?: string }).policyType ? [`${(c.expected as { denial?: string }).denial} ${(c.expected as { policyType: string }).policyType}`] : []));
    for (const type of ['identity-based', 'resource-based', 'permissions-boundary', 'session', 'service-control', 'resource-control', 'vpc-endpoint', 'role-trust']) {
      for (const denial of ['implicit', 'explicit']) expect(seen, `${denial} ${type}`).toContain(`${denial} ${type}`);
    }
  });

  it('refuses a decoded message that says the request was allowed', () => {
    expect(parseAccessDenied('{"allowed": true, "explicitDeny": false, "context": {"principal": {"arn": "arn:aws:iam::1:user/a"}, "action": "s3:GetObject"}}')).toEqual({
      ok: false,
      error: 'The decoded message says the request was allowed, so there is no denial to explain.',
    });
  });
});
