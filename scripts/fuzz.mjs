// Long fast-check runs of the hostile-input suite: `npm run fuzz` (FUZZ_RUNS=N to change the count).
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '20000';
const result = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'engine/hostile/fuzz.test.ts', 'engine/share/share.test.ts', '--testTimeout=0'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs },
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
