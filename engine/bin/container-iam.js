#!/usr/bin/env node
// The `container-iam` command. The CLI itself is built into dist/ (in the repository,
// `npm ci` builds it; `npm run build:engine` rebuilds it).
const cli = new URL('../dist/cli.js', import.meta.url);
import(cli.href).then(
  async ({ main }) => {
    process.exitCode = await main(process.argv.slice(2));
  },
  (error) => {
    const missing = error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js');
    console.error(missing ? 'container-iam is not built: run `npm run build:engine` in the repository.' : error);
    process.exitCode = 2;
  },
);
