import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readText } from '../cli/files';
import { readWorkspaceFile } from '../share/file';

describe('workspace files on hostile input', () => {
  it('refuses a workspace text over 32 M characters as too large before parsing it', () => {
    const start = performance.now();
    const result = readWorkspaceFile('['.repeat(32_000_001));
    expect(performance.now() - start).toBeLessThan(5000);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) as unknown });
  }, 30_000);

  it('the CLI refuses a file over its byte limit as too large without reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    const path = join(dir, 'huge.json');
    writeFileSync(path, '');
    truncateSync(path, MAX_INPUT_BYTES + 1); // sparse: no disk, no memory
    expect(() => readText(dir, 'huge.json')).toThrow(/huge\.json: the file is too large/);
    writeFileSync(join(dir, 'ok.json'), '{}');
    expect(readText(dir, 'ok.json')).toBe('{}');
  });
});
