import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { engineFromSource } from './scripts/engine-source.ts';

export default defineConfig({
  plugins: [engineFromSource(fileURLToPath(new URL('./engine', import.meta.url)))],
  test: {
    include: ['engine/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'engine/dist/**'],
    environment: 'node',
  },
});
