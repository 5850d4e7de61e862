// `npm test`: everything, in the order that fails fastest.
// typecheck -> lint -> unit tests -> production build -> end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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
run('unit tests', 'npx', ['vitest', 'run']);
run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
run('end-to-end tests', 'node', ['scripts/e2e.mjs']);
