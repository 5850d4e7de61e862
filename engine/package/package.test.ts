// The package as users get it: the tarball's contents, an install into an empty
// project (plain Node ESM, the bin, TypeScript), and default-settings bundles of a
// tiny consumer with esbuild (node, browser, neutral), Vite and webpack.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild, type Platform } from 'esbuild';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';
import { describe, expect, inject, it } from 'vitest';
import { ENGINE_VERSION } from '../version.ts';

const pack = inject('pack');
const here = new URL('.', import.meta.url).pathname;
const installed = join(pack.consumer, 'node_modules', 'container-iam');

/** Runs a file with Node and returns what it printed; fails the test on a non-zero exit. */
function node(args: string[], cwd = pack.consumer): string {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ').slice(0, 200)} exited ${r.status}:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  return r.stdout;
}

function consumerFile(name: string): string {
  const target = join(pack.consumer, name);
  copyFileSync(join(here, name), target);
  return target;
}

describe('the npm package', () => {
  it('holds the built modules, types, bin and licences, and no sources or tests', () => {
    const files = pack.files;
    for (const f of ['package.json', 'LICENSE', 'README.md', 'bin/container-iam.js', 'dist/index.js', 'dist/cli.js', 'dist/types/index.d.ts', 'dist/THIRD-PARTY-LICENSES.txt']) expect(files).toContain(f);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /test|corpus|\.json$/.test(f) && f !== 'package.json')).toEqual([]);
    // The lazily loaded action names are a chunk of their own.
    expect(files.some((f) => /^dist\/chunks\/action-names-.*\.js$/.test(f))).toBe(true);
    const notices = readFileSync(join(installed, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8');
    expect(notices).toMatch(/jsonc-parser@3\.\d+\.\d+ \(MIT\)/);
    expect(notices).toMatch(/Copyright \(c\) Microsoft/);
    expect(notices).toMatch(/fflate@/);
  });

  it('is container-iam at ENGINE_VERSION, ESM, with no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'container-iam', version: ENGINE_VERSION, type: 'module', license: 'MIT', sideEffects: false, bin: { 'container-iam': './bin/container-iam.js' } });
    expect(manifest.dependencies).toBeUndefined();
    expect(readdirSync(join(pack.consumer, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['container-iam']);
  });

  it('imports in plain Node ESM from the installed tarball', () => {
    expect(node([consumerFile('smoke.mjs')])).toBe(`ok ${ENGINE_VERSION}\n`);
  });

  it('installs a working bin', () => {
    const bin = join(pack.consumer, 'node_modules', '.bin', 'container-iam');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^container-iam ${ENGINE_VERSION.replace(/\./g, '\\.')}\\n`));
    const examples = join(here, '..', '..', 'examples');
    expect(execFileSync(bin, ['test', examples, '--reporter', 'tap'], { encoding: 'utf8' })).toMatch(/^TAP version 14\n/);
  });

  it('type-checks a TypeScript consumer (nodenext and bundler resolution, strict, no skipLibCheck)', () => {
    writeFileSync(
      join(pack.consumer, 'use.ts'),
      [
        "import { simulate, analyzeWorkspace, readWorkspaceFile, type SimulationResult, type WorkspaceFileResult } from 'container-iam';",
        "const r: SimulationResult = simulate({ request: { principal: '111122223333', action: 'ecr:ListImages', resource: '*' } });",
        "const f: WorkspaceFileResult = readWorkspaceFile('{}');",
        "export const summary: string = `${r.decision} ${f.ok} ${analyzeWorkspace({ policies: [], request: { principal: '', action: '', resource: '' } }).accepted}`;",
      ].join('\n'),
    );
    const tsc = join(here, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    for (const [module, moduleResolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
      const config = `tsconfig.${moduleResolution}.json`;
      const compilerOptions = { noEmit: true, strict: true, skipLibCheck: false, types: [], lib: ['es2022'], module, moduleResolution };
      writeFileSync(join(pack.consumer, config), JSON.stringify({ compilerOptions, files: ['use.ts'] }));
      node([tsc, '-p', config]);
    }
  });
});

describe('bundlers with default settings, on a tiny consumer', () => {
  const out = (name: string) => join(pack.consumer, 'out', name);

  for (const platform of ['node', 'browser', 'neutral'] as Platform[]) {
    it(`esbuild, platform ${platform}`, async () => {
      const entry = consumerFile('bundle-entry.mjs');
      const outfile = out(`esbuild-${platform}.${platform === 'neutral' ? 'mjs' : 'js'}`);
      await esbuild({ entryPoints: [entry], bundle: true, platform, outfile, logLevel: 'silent', absWorkingDir: pack.consumer });
      // CommonJS output (node, browser) inlines the lazy chunk; neutral keeps ESM.
      expect(node([outfile])).toBe(`ok ${ENGINE_VERSION}\n`);
    });
  }

  it('Vite (library build, ES modules), keeping the action names a separate chunk', async () => {
    const entry = consumerFile('bundle-entry.mjs');
    const outDir = out('vite');
    await viteBuild({ configFile: false, root: pack.consumer, logLevel: 'silent', build: { outDir, lib: { entry, formats: ['es'], fileName: 'entry' } } });
    const chunks = readdirSync(outDir);
    expect(chunks.length).toBeGreaterThan(1);
    expect(node([join(outDir, chunks.find((c) => c.startsWith('entry'))!)])).toBe(`ok ${ENGINE_VERSION}\n`);
  });

  it('webpack (production, default web target), keeping the action names a separate chunk', async () => {
    consumerFile('bundle-entry.mjs');
    const outDir = out('webpack');
    const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) =>
      webpack({ mode: 'production', context: pack.consumer, entry: './bundle-entry.mjs', output: { path: outDir }, infrastructureLogging: { level: 'none' } }, (err, s) => (err ? reject(err) : resolve(s))),
    );
    expect(stats?.hasErrors(), stats?.toString('errors-only')).toBe(false);
    expect(readdirSync(outDir).filter((f) => f.endsWith('.js')).length).toBeGreaterThan(1);
    // A web bundle finds its URL and loads chunks through the DOM: in Node, a stand-in
    // document for the URL, and everything checked but the lazy load.
    const page = "globalThis.self = globalThis; globalThis.document = { currentScript: { tagName: 'SCRIPT', src: 'http://localhost/main.js' }, getElementsByTagName: () => [] };";
    expect(node(['-e', `${page} globalThis.SKIP_LAZY = true; require(${JSON.stringify(join(outDir, 'main.js'))})`])).toBe(`ok ${ENGINE_VERSION}\n`);
  });
});
