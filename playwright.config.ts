import { defineConfig, devices } from '@playwright/test';
import { APP_PORT, APP_URL, CHROMIUM_ARGS, PLAYGROUND_PORT } from './e2e/env';

/**
 * End-to-end tests: a real Chromium against the production build and the real
 * playground server, both on 127.0.0.1. Run through `npm run test:e2e`
 * (scripts/e2e.mjs), which finds a Chromium and sets SOCKPIT_CHROMIUM; when it
 * is unset Playwright uses its own downloaded browser.
 */
const isCI = !!process.env.CI;
// scripts/e2e.mjs reads `${outputDir}/results.json` for its closing line.
const outputDir = process.env.SOCKPIT_E2E_OUTPUT_DIR || 'test-results';

export default defineConfig({
  testDir: 'e2e',
  outputDir,
  // Files run in parallel on two workers; tests inside a file run in order.
  // Every test uses its own browser context and its own sockets, and no test
  // depends on another, so this is about CPU only (2 cores here).
  fullyParallel: false,
  workers: 2,
  // No retries: a flaky test is a bug to fix, not to hide.
  retries: 0,
  forbidOnly: isCI,
  // A limit, not a measure: the axe scans and the protocol specs run 25–35 s on a loaded 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: `${outputDir}/results.json` }],
  ],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.SOCKPIT_CHROMIUM || undefined,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    command: `node scripts/start.mjs --port ${APP_PORT} --playground-port ${PLAYGROUND_PORT}`,
    url: APP_URL,
    // Never reuse: a server left running would serve an old build.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
