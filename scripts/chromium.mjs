// Finds the Chromium that end-to-end tests and page benchmarks launch:
// $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own browser.
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Path of a system Chromium to launch, or undefined to use Playwright's own. */
export function systemChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}
