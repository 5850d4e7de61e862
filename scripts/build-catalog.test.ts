import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('build-catalog', () => {
  it('committed catalog data equals what the script generates now', () => {
    // --check rebuilds in memory and exits 1 when a committed file differs.
    const run = (): string =>
      execFileSync(process.execPath, ['scripts/build-catalog.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(run).not.toThrow();
  }, 60_000);
});
