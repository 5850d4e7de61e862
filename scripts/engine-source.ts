// The app imports the engine from source (`../engine`). That is a directory with a
// package.json now, whose `exports` would send Vite to the built dist/; this keeps
// the directory import on engine/index.ts for the dev server, the build and vitest.
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

export function engineFromSource(engineDir: string): Plugin {
  const index = resolve(engineDir, 'index.ts');
  return {
    name: 'engine-from-source',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.')) return null;
      return resolve(dirname(importer.split('?')[0]), source) === engineDir ? index : null;
    },
  };
}
