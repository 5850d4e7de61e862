// `npm run bench`: engine figures, then page figures (built app in headless Chromium).
// The engine benchmark is bundled first, as the browser receives the engine:
// running TypeScript through a loader adds wrappers that distort micro-timings.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

mkdirSync('node_modules/.cache/bench', { recursive: true });
const out = 'node_modules/.cache/bench/engine.mjs';
await build({
  entryPoints: ['bench/engine.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  outfile: out,
  // yaml's Node build is CommonJS and requires Node built-ins: give the ESM bundle a require.
  banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  logLevel: 'warning',
});
// Reasoning over the request space (bench/reason.ts): bundled the same way.
const reasonOut = 'node_modules/.cache/bench/reason.mjs';
await build({ entryPoints: ['bench/reason.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', mainFields: ['module', 'main'], outfile: reasonOut, banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" }, logLevel: 'warning' });
if (process.argv.includes('--reason-only')) process.exit(spawnSync('node', [reasonOut], { stdio: 'inherit' }).status ?? 1);
// --engine-quick: the engine figures without whoCan, reasoning or pages (for measuring one change).
const quick = process.argv.includes('--engine-quick');
const engine = spawnSync('node', quick ? [out, '--quick'] : [out], { stdio: 'inherit' });
if (quick) process.exit(engine.status ?? 1);
if (engine.status !== 0) process.exit(engine.status ?? 1);
const reason = spawnSync('node', [reasonOut], { stdio: 'inherit' });
if (reason.status !== 0) process.exit(reason.status ?? 1);

if (process.argv.includes('--engine-only')) process.exit(0);
if (!existsSync('scripts/bench-page.mjs')) process.exit(0);
if (!existsSync('dist/index.html')) {
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const page = spawnSync('node', ['scripts/bench-page.mjs'], { stdio: 'inherit' });
process.exit(page.status ?? 1);
