// `npm test`: everything, in the order that fails fastest.
// typecheck -> lint -> unit tests -> production build -> end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

function run(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${secs}s)`);
}

if (!existsSync('node_modules/.package-lock.json')) {
  run('install dependencies', 'npm', ['install', '--no-audit', '--no-fund']);
}

run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
mkdirSync('node_modules/.cache', { recursive: true });
const UNIT_JSON = 'node_modules/.cache/vitest-results.json';
const E2E_JSON = 'node_modules/.cache/playwright-results.json';
run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${UNIT_JSON}`]);
run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
run('end-to-end tests', 'node', ['scripts/e2e.mjs', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: E2E_JSON });

// One closing line for the whole run, in the plain form CI tools read.
const unit = JSON.parse(readFileSync(UNIT_JSON, 'utf8'));
const e2e = JSON.parse(readFileSync(E2E_JSON, 'utf8')).stats;
const passed = unit.numPassedTests + e2e.expected;
const failed = unit.numFailedTests + e2e.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
