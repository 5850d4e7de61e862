// Hostile share links: a DEFLATE bomb is refused while inflating, not after.
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment } from '../index.ts';

function fragmentOf(raw: Uint8Array): string {
  const packed = deflateSync(raw, { level: 9 });
  const withCrc = new Uint8Array(packed.length + 4);
  withCrc.set(packed);
  return `#v1.${Buffer.from(withCrc).toString('base64url')}`;
}

describe('share links on hostile input', () => {
  it('refuses a link that inflates to 100 MB as too large, quickly and without inflating it all', () => {
    const fragment = fragmentOf(new Uint8Array(100_000_000));
    const start = performance.now();
    const result = decodeShareFragment(fragment);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/too large/);
  }, 30_000); // building the 100 MB bomb itself takes a while on a loaded box

  it('still calls a cut-off link damaged', () => {
    const fragment = fragmentOf(new TextEncoder().encode('{"format":1}'.repeat(50)));
    const result = decodeShareFragment(fragment.slice(0, fragment.length - 12));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/damaged/);
  });
});
