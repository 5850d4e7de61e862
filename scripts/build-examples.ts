// `npm run examples:update`: the gallery's examples (engine/corpus/examples/*.json)
// as workspace files in examples/<id>.json, which `npx container-iam test` runs.
// With --check it writes nothing and exits 1 when a file is missing or out of date.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLES, encodeWorkspaceFile, exampleWorkspace } from '../engine/index.ts';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));

/** Every file examples/ should hold, by name. */
export function exampleFiles(): Map<string, string> {
  return new Map(EXAMPLES.map((e) => [`${e.id}.json`, encodeWorkspaceFile(exampleWorkspace(e))]));
}

/** Names of the files that differ from what exampleFiles() gives, or should not be there. */
export function staleExampleFiles(): string[] {
  const want = exampleFiles();
  const have = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
  const stale = [...want].filter(([name, text]) => !existsSync(join(dir, name)) || readFileSync(join(dir, name), 'utf8') !== text).map(([name]) => name);
  return [...stale, ...have.filter((n) => !want.has(n))].sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const stale = staleExampleFiles();
    if (stale.length) {
      console.error(`examples/ is out of date (${stale.join(', ')}): run npm run examples:update`);
      process.exit(1);
    }
  } else {
    mkdirSync(dir, { recursive: true });
    const want = exampleFiles();
    for (const name of readdirSync(dir)) if (name.endsWith('.json') && !want.has(name)) rmSync(join(dir, name));
    for (const [name, text] of want) writeFileSync(join(dir, name), text);
    console.log(`wrote ${want.size} workspace files to examples/`);
  }
}
