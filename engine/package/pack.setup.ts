// Global setup of the `package` test project: packs the engine once, as a user
// would get it (`npm pack` runs prepack: esbuild + tsc), and installs the tarball
// into an empty project with --offline. The package has no dependencies, so the
// install needs no registry. Every package and CLI test reuses both.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const engine = fileURLToPath(new URL('..', import.meta.url));
const root = join(engine, '..');

export interface PackInfo {
  tarball: string;
  /** An empty project with only the tarball installed. */
  consumer: string;
  size: number;
  unpackedSize: number;
  files: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    pack: PackInfo;
  }
}

export default function setup(project: TestProject): void {
  const work = join(root, 'node_modules', '.cache', 'container-iam-package');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], engine)) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  const tarball = join(work, packed.filename);
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], consumer);
  project.provide('pack', { tarball, consumer, size: packed.size, unpackedSize: packed.unpackedSize, files: packed.files.map((f) => f.path).sort() });
}
