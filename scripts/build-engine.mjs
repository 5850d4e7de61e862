// Builds the engine package (engine/dist/): ES modules bundled with esbuild, the
// CLI beside the library, and with --types the .d.ts files from tsc.
//
// - jsonc-parser and fflate are bundled (their ESM builds), so installing the
//   package resolves nothing; their licences go to dist/THIRD-PARTY-LICENSES.txt.
// - The catalog's JSON is bundled too (no import attributes at run time); the
//   lazily loaded action names stay a chunk of their own (code splitting).
// - platform `neutral`: the library is the same code for Node, browsers, Deno
//   and Bun; only the CLI imports `node:` modules, left external.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundledPackages, licenseNotice } from './licenses.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const engine = join(root, 'engine');
const dist = join(engine, 'dist');
const withTypes = process.argv.includes('--types');
const started = Date.now();
const { version } = JSON.parse(readFileSync(join(engine, 'package.json'), 'utf8'));

rmSync(dist, { recursive: true, force: true });
const result = await build({
  absWorkingDir: engine,
  entryPoints: { index: 'index.ts', cli: 'cli/main.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  // jsonc-parser's `main` is a UMD build esbuild cannot follow; its `module` is plain ESM.
  mainFields: ['module', 'main'],
  external: ['node:*'],
  target: 'es2022',
  metafile: true,
  legalComments: 'none',
  banner: { js: `/* container-iam ${version} | MIT | bundles third-party code: see THIRD-PARTY-LICENSES.txt */` },
  logLevel: 'warning',
});

const bundled = new Set();
for (const out of Object.values(result.metafile.outputs)) {
  for (const [input, info] of Object.entries(out.inputs)) if (info.bytesInOutput > 0) bundled.add(join(engine, input));
}
writeFileSync(join(dist, 'THIRD-PARTY-LICENSES.txt'), licenseNotice(`Third-party software bundled in container-iam ${version}`, bundledPackages(bundled)));

if (withTypes) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(engine, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  checkDeclarations(join(dist, 'types'));
}
console.error(`engine built in ${Date.now() - started} ms${withTypes ? ' (with types)' : ''}: ${relative(root, dist)}`);

/**
 * Declarations as consumers need them: relative specifiers name .js files (tsc keeps
 * our .ts ones in .d.ts output), only the files index.d.ts reaches are shipped, and
 * none of those imports a package, so no consumer resolves jsonc-parser or fflate.
 */
function checkDeclarations(dir) {
  const spec = /(from\s+|import\()(['"])([^'"]+)\2/g;
  const reached = new Set();
  const problems = [];
  const visit = (file) => {
    if (reached.has(file)) return;
    reached.add(file);
    const text = readFileSync(file, 'utf8').replace(spec, (all, lead, q, s) => (s.startsWith('.') && s.endsWith('.ts') ? `${lead}${q}${s.slice(0, -3)}.js${q}` : all));
    writeFileSync(file, text);
    for (const m of text.matchAll(spec)) {
      const s = m[3];
      if (!s.startsWith('.')) problems.push(`${relative(dir, file)} imports the package \`${s}\``);
      else if (!s.endsWith('.js')) problems.push(`${relative(dir, file)} imports \`${s}\`, not a .js file`);
      else visit(join(dirname(file), s.slice(0, -3) + '.d.ts'));
    }
  };
  visit(join(dir, 'index.d.ts'));
  const prune = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        prune(p);
        if (readdirSync(p).length === 0) rmSync(p, { recursive: true });
      } else if (!reached.has(p)) rmSync(p);
    }
  };
  prune(dir);
  if (problems.length) {
    console.error(`The package's declarations are not self-contained:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}
