// No-throw properties over the public engine API: whatever the input, each function
// returns a result of its documented shape. Short in `npm test`; `npm run fuzz` sets
// FUZZ_RUNS for long runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkWorkspace,
  compilePolicies,
  compileWildcard,
  completeAt,
  decodeShareFragment,
  hoverAt,
  parseArn,
  parsePolicy,
  readWorkspaceFile,
  simulate,
  validatePolicy,
} from '../index.ts';
import type { PolicyKind, SimulationRequest } from '../index.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? '') || 150;
const KINDS: PolicyKind[] = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'];

/** Anything a caller without types could pass: JSON-like values, odd objects, wrong types. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, null, Number.NaN, Symbol('s'), () => 1, { toString: 1 }, Object.create(null) as object, [[['x']]]),
  fc.string(),
);

/** Policy-like text: fragments of policy JSON glued at random, so parsers see near-misses. */
const policyText = fc
  .array(
    fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '"Version"', '"2012-10-17"', '"Statement"', '"Effect"', '"Allow"', '"Deny"', '"Action"', '"ecr:*"', '"ecr:Get?*Z"', '"Resource"', '"*"', '"arn:aws:ecr:us-east-1:123456789012:repository/a*"', '"Condition"', '"StringLike"', '"aws:PrincipalTag/t"', '"${aws:username}"', '"${"', '`', '"constructor"', '"__proto__"', ' ', '\n', '1'),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const text = fc.oneof(policyText, fc.string({ maxLength: 200 }));

describe('public API never throws (fast-check)', () => {
  it('parsePolicy and validatePolicy', () => {
    fc.assert(
      fc.property(fc.oneof(text, anyValue), fc.constantFrom(...KINDS), (t, kind) => {
        const parsed = parsePolicy(t as string, kind);
        expect(Array.isArray(parsed.errors)).toBe(true);
        const diagnostics = validatePolicy(t as string, kind);
        expect(Array.isArray(diagnostics)).toBe(true);
        for (const d of diagnostics) expect(typeof d.message).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('completeAt and hoverAt', () => {
    fc.assert(
      fc.property(fc.oneof(text, anyValue), fc.oneof(fc.integer({ min: -5, max: 300 }), anyValue), (t, offset) => {
        const completion = completeAt(t as string, offset as number, 'identity');
        expect(Array.isArray(completion.items)).toBe(true);
        const hover = hoverAt(t as string, offset as number, 'identity');
        if (hover !== undefined) expect(typeof hover.markdown).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('simulate and compilePolicies().decide with any request and context', () => {
    const request = fc.record({
      principal: fc.oneof(fc.constant('arn:aws:iam::123456789012:user/a'), anyValue),
      action: fc.oneof(fc.constantFrom('ecr:GetAuthorizationToken', 'ecr:PutImage'), anyValue),
      resource: fc.oneof(fc.constantFrom('*', 'arn:aws:ecr:us-east-1:123456789012:repository/a'), anyValue),
      context: fc.oneof(fc.dictionary(fc.constantFrom('aws:PrincipalTag/t', 'aws:SourceIp', 'constructor', '__proto__'), anyValue), anyValue),
    });
    fc.assert(
      fc.property(fc.oneof(policyText, anyValue), request, anyValue, (policy, req, names) => {
        const input = { identityPolicies: [policy as string], request: req as SimulationRequest, names: names as Record<string, string[]> };
        const result = simulate(input);
        expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(result.decision);
        const decision = compilePolicies({ identityPolicies: [policy as string] }).decide(req as SimulationRequest);
        expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(decision);
      }),
      { numRuns: RUNS },
    );
  });

  it('share and file readers, checkWorkspace, parseArn, compileWildcard', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), anyValue), (v) => {
        expect(typeof decodeShareFragment(v as string).ok).toBe('boolean');
        expect(typeof decodeShareFragment(`#v1.${String(typeof v === 'string' ? v : '')}`).ok).toBe('boolean');
        expect(typeof readWorkspaceFile(v as string).ok).toBe('boolean');
        expect(typeof checkWorkspace(v).ok).toBe('boolean');
        if (typeof v === 'string') {
          parseArn(v);
          expect(typeof compileWildcard(v)(v)).toBe('boolean');
        }
      }),
      { numRuns: RUNS },
    );
  });
});
