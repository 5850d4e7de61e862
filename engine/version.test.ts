import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from './version.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('the package metadata', () => {
  it('publishes ENGINE_VERSION as the package version', () => {
    expect(JSON.parse(read('./package.json')).version).toBe(ENGINE_VERSION);
  });
  it('ships the repository LICENSE unchanged', () => {
    expect(read('./LICENSE')).toBe(read('../LICENSE'));
  });
});
