// `container-iam diff` in-process: exit codes for each --fail-on, text and JSON output, input errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciWorkspace, repo } from '../reason/testing.ts';
import { encodeWorkspaceFile } from '../share/index.ts';
import type { Io } from './io.ts';
import { main } from './main.ts';

async function run(argv: string[], files: Record<string, string>): Promise<{ status: number; out: string; err: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'container-iam-diff-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), cwd, env: {}, stdoutIsTTY: false };
  const status = await main(argv, io);
  return { status, out, err };
}

const before = encodeWorkspaceFile(ciWorkspace());
const wider = encodeWorkspaceFile(ciWorkspace([{ Effect: 'Allow', Action: 'ecr:PutImage', Resource: repo('team-b/*') }]));
const NOW = ['--now', '2026-06-01T00:00:00Z'];

describe('container-iam diff', () => {
  it('exits 1 with --fail-on more-permissive when the change grants access, and names the request', async () => {
    const r = await run(['diff', 'before.json', 'after.json', '--fail-on', 'more-permissive', ...NOW], { 'before.json': before, 'after.json': wider });
    expect(r.status).toBe(1);
    expect(r.out).toContain('verdict: more-permissive');
    expect(r.out).toContain('now allowed: ecr:PutImage on repository/team-b/*');
    expect(r.out).toContain('fails --fail-on more-permissive');
  });

  it('exits 0 for the same change with --fail-on less-permissive, and for two equal versions with any', async () => {
    expect((await run(['diff', 'a.json', 'b.json', '--fail-on', 'less-permissive', ...NOW], { 'a.json': before, 'b.json': wider })).status).toBe(0);
    const same = await run(['diff', 'a.json', 'b.json', '--fail-on', 'any', ...NOW], { 'a.json': before, 'b.json': before });
    expect(same.status).toBe(0);
    expect(same.out).toContain('verdict: equivalent');
    // Reversed, the change revokes access.
    expect((await run(['diff', 'b.json', 'a.json', '--fail-on', 'less-permissive', ...NOW], { 'a.json': before, 'b.json': wider })).status).toBe(1);
    expect((await run(['diff', 'b.json', 'a.json', ...NOW], { 'a.json': before, 'b.json': wider })).status).toBe(0);
  });

  it('prints the comparison as JSON', async () => {
    const r = await run(['diff', 'a.json', 'b.json', '--json', ...NOW], { 'a.json': before, 'b.json': wider });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.report).toBe('diff');
    expect(report.verdict).toBe('more-permissive');
    expect(report.differences.length).toBeGreaterThan(0);
    expect(report.differences[0]).toMatchObject({ before: 'ImplicitDeny', after: 'Allow', request: { action: 'ecr:PutImage' } });
    expect(report.scope.requests).toBeGreaterThan(0);
  });

  it('exits 2 on bad usage and unreadable input, naming the file', async () => {
    expect((await run(['diff', 'a.json'], { 'a.json': before })).status).toBe(2);
    expect((await run(['diff', 'a.json', 'b.json', '--fail-on', 'sometimes'], { 'a.json': before, 'b.json': before })).status).toBe(2);
    const missing = await run(['diff', 'a.json', 'nope.json'], { 'a.json': before });
    expect(missing.status).toBe(2);
    expect(missing.err).toContain('nope.json');
    const broken = await run(['diff', 'a.json', 'b.json'], { 'a.json': before, 'b.json': '{"format": ' });
    expect(broken.status).toBe(2);
    expect(broken.err).toMatch(/b\.json:\d+:\d+/);
  });
});

describe('container-iam diff --help', () => {
  it('prints its usage with examples, and the main help lists it', async () => {
    const r = await run(['diff', '--help'], {});
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Usage: container-iam diff/);
    expect(r.out).toMatch(/Examples:\n/);
    expect((await run(['--help'], {})).out).toMatch(/\n {2}diff {2,}compare two versions/);
  });
});
