import { defineConfig, devices } from '@playwright/test';
// @ts-expect-error: a plain ES module shared with the Node scripts.
import { CHROMIUM_ARGS, systemChromium } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const executablePath: string | undefined = systemChromium();

// End-to-end tests run against the production build (`npm run build`), served
// under a sub-path, exactly as a static host would serve it.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // Two browsers at once on CI's 2 cores keep the suite well under 10 minutes; E2E_WORKERS overrides.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  timeout: 30_000,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}/policy-sim/`,
    viewport: { width: 1280, height: 720 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `node scripts/serve-static.mjs ${PORT} /policy-sim/`,
    url: `http://127.0.0.1:${PORT}/policy-sim/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
