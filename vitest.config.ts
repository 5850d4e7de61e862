import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { engineFromSource } from './scripts/engine-source.ts';

const plugins = [engineFromSource(fileURLToPath(new URL('./engine', import.meta.url)))];
// Tests of the built package and its command run against one `npm pack` made by the
// global setup of their project, which runs only when one of those tests is selected.
const PACKAGE_TESTS = ['engine/cli/**/*.test.ts', 'engine/package/**/*.test.ts'];

export default defineConfig({
  plugins,
  test: {
    environment: 'node',
    projects: [
      {
        plugins,
        test: {
          name: 'unit',
          include: ['engine/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'engine/dist/**', ...PACKAGE_TESTS],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'package',
          include: PACKAGE_TESTS,
          environment: 'node',
          globalSetup: ['engine/package/pack.setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
