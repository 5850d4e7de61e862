import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment, readShareEnvelope, type Workspace } from './index.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { POLICY_KINDS, DECISIONS } from './workspace.ts';

const sample: Workspace = {
  policies: [
    { kind: 'identity', name: 'push-to-web', text: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Sid": "Push", "Effect": "Allow", "Action": ["ecr:PutImage", "ecr:InitiateLayerUpload"], "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/web" }]\n}' },
    { kind: 'resource', name: 'web repository policy', text: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Sid": "DenyOthers", "Effect": "Deny", "Principal": "*", "Action": "ecr:*", "Condition": { "StringNotEquals": { "aws:PrincipalAccount": "123456789012" } } }]\n}' },
  ],
  request: {
    principal: 'arn:aws:iam::123456789012:user/alice',
    action: 'ecr:PutImage',
    resource: 'arn:aws:ecr:us-east-1:123456789012:repository/web',
    context: { 'aws:ResourceTag/team': 'blue', 'aws:TagKeys': ['a', 'b'] },
  },
  tests: [{ name: 'alice pushes', request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/web' }, expect: 'Allow' }],
  activePolicy: 1,
};

// INVARIANT: a link written by format v1 opens forever. This fixture was made by the
// first release of the format; never regenerate it, add a new fixture for a new format.
const V1_FIXTURE =
  'v1.zVNNb9swDP0rBo-Dndjelq46Ndh6KDZswb4ucQ6KzKRCbcnVx1LD8H8fZeWj2y477DDkEj8-PlKP5AA7bVrugBUpoNpLhcAgnxWzHFKoueP0eSMa7etM6E422s0lb7MQuclnZTEr83KRX5eLgvgHbR5sxwVpDNDpRgqJFth6gAepalKSNSonXU9cxdtQqvP2PnM6O-CWQIdP1AoMlUqSCr6jsVKrChh9lHlRZkWeFVcVpDH-xXGHLSkGxnoIiKwje0WyxKN_t7sdiolRwbJp9CHCS-GO0usKUBi28u6u5XuM4YDcKekkVfjAezTfukZzEt-E6Ge02htB3KDKjWL8YFnI8TZDbl1WsKJ8-er14urNNfXNDHbaSqdNP6eHVpCMm0qNMKZnZ8xR8uIMEZNLXjLZGYz7Zx69Q9V_cvck8KdTIRbRlZFKyI43MfDid_uiV0f4rVY1mRYjUzFH6fuP2t0-et5QoQgHu87CSyG0jw1W8Ny24FP4Ra82KZn06NHS62m7TtlkxWkAtJjsV9-9RTPnZFzwlU89E__5uAk_W39R-utRUrrQKo5kmJ512o2vfD93yFtS3TZ-qk9RQt9jH24COEFb2IxjGKl18U6Os59aTsJt0P38l--mrvGpo32h7OmspgGFUj9wFVeVFeP4E8cIOdM';

function expectError(fragment: string, pattern: RegExp) {
  const r = decodeShareFragment(fragment);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error).toMatch(pattern);
}

// Short in npm test (a loaded 2-core box ran 200 runs in 3.5 s); `npm run fuzz` sets FUZZ_RUNS for long runs.
const ROUND_TRIP_RUNS = Number(process.env.FUZZ_RUNS ?? '') || 60;

describe('share links', () => {
  it('round-trips a workspace', () => {
    const f = encodeShareFragment(sample);
    expect(f.startsWith('v1.')).toBe(true);
    expect(f).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(decodeShareFragment(f)).toEqual({ ok: true, workspace: sample });
    expect(decodeShareFragment('#' + f)).toEqual({ ok: true, workspace: sample });
  });

  it('records the format, engine and data versions', () => {
    const r = readShareEnvelope(encodeShareFragment(sample));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.envelope.format).toBe(1);
      expect(r.envelope.engine).toMatch(/\d+\.\d+/);
      expect(r.envelope.data.length).toBeGreaterThan(0);
    }
  });

  it('keeps decoding the committed v1 fixture', () => {
    expect(decodeShareFragment(V1_FIXTURE)).toEqual({ ok: true, workspace: sample });
  });

  it('round-trips arbitrary workspaces', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    const request = fc.record(
      {
        principal: text,
        action: text,
        resource: text,
        context: fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 4 }),
      },
      { requiredKeys: ['principal', 'action', 'resource'] },
    );
    const workspace = fc
      .record(
        {
          policies: fc.array(fc.record({ kind: fc.constantFrom(...POLICY_KINDS), name: text, text: fc.string({ unit: 'binary', maxLength: 400 }) }), { maxLength: 5 }),
          request,
          tests: fc.array(fc.record({ name: text, request, expect: fc.constantFrom(...DECISIONS) }), { maxLength: 3 }),
          activePolicy: fc.nat(4),
        },
        { requiredKeys: ['policies', 'request'] },
      )
      .filter((w) => w.activePolicy === undefined || w.activePolicy < Math.max(1, w.policies.length));
    fc.assert(
      fc.property(workspace, (w) => {
        const r = decodeShareFragment(encodeShareFragment(w));
        expect(r).toEqual({ ok: true, workspace: w });
      }),
      { numRuns: ROUND_TRIP_RUNS },
    );
  }, 30_000);

  it('reports truncated and altered links without throwing', () => {
    const f = encodeShareFragment(sample);
    for (const cut of [4, 10, Math.floor(f.length / 2), f.length - 1, f.length - 3]) {
      const r = decodeShareFragment(f.slice(0, cut));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/damaged or incomplete/);
    }
    // Flip one character in the middle.
    const i = Math.floor(f.length / 2);
    const flipped = f.slice(0, i) + (f[i] === 'A' ? 'B' : 'A') + f.slice(i + 1);
    expect(decodeShareFragment(flipped).ok).toBe(false);
  });

  it('explains links that are not share links', () => {
    expectError('', /empty/);
    expectError('#', /empty/);
    expectError('hello', /should start with/);
    expectError('v1.***', /characters/);
    expectError('v9.abc', /newer version/);
    expectError('v0.abc', /does not exist/);
  });

  it('fuzzes: decoding any text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = decodeShareFragment('v1.' + s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('rejects unknown policy kinds and fields with a clear error', () => {
    const bad = encodeShareFragment({ ...sample, policies: [{ kind: 'bucket' as never, name: 'x', text: '{}' }] });
    expectError(bad, /workspace\.policies\[0\]\.kind.*must be one of .*identity/);
    const extra = encodeShareFragment({ ...sample, colour: 'red' } as Workspace);
    expectError(extra, /workspace\.colour/);
    const badExpect = encodeShareFragment({ ...sample, tests: [{ name: 't', request: sample.request, expect: 'Maybe' as never }] });
    expectError(badExpect, /expect/);
    const badActive = encodeShareFragment({ ...sample, activePolicy: 7 });
    expectError(badActive, /activePolicy/);
  });
});

describe('base64url', () => {
  it('round-trips bytes of every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const s = toBase64Url(b);
        expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(Array.from(fromBase64Url(s) ?? [])).toEqual(Array.from(b));
      }),
    );
  });
  it('matches the RFC 4648 test vectors without padding', () => {
    const enc = (s: string) => toBase64Url(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual(['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']);
    expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });
});
