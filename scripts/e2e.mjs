// Runs the Playwright suite in a real Chromium: the system's (Debian's
// /usr/bin/chromium or $CHROMIUM_PATH) or Playwright's own. Says what to install
// when there is neither. Extra arguments go to `playwright test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from './chromium.mjs';

function playwrightChromium() {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

const browser = systemChromium() ?? playwrightChromium();
if (!browser) {
  console.error(
    [
      'No Chromium found for the end-to-end tests. Install one, then run `npm test` again:',
      '  Debian/Ubuntu:   sudo apt-get update && sudo apt-get install -y chromium',
      '  anywhere else:   npx playwright install chromium',
      'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
    ].join('\n'),
  );
  process.exit(1);
}
if (!existsSync('dist/index.html')) {
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
console.log(`Chromium: ${browser}`);
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
