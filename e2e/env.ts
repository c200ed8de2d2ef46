import { CHROMIUM_FLAGS } from '../scripts/chromium-flags.mjs';

/**
 * Fixed addresses of the servers that playwright.config.ts starts through
 * `scripts/start.mjs`. Non-default ports so a developer's own `npm start`
 * (or anything else on 5173/8787) never collides with the e2e run.
 */
export const APP_PORT = Number(process.env.SOCKPIT_E2E_APP_PORT) || 45173;
export const PLAYGROUND_PORT = Number(process.env.SOCKPIT_E2E_PLAYGROUND_PORT) || 45787;
// (Both can be moved, e.g. when two checkouts run the suite on one machine:
// SOCKPIT_E2E_APP_PORT=46173 SOCKPIT_E2E_PLAYGROUND_PORT=46787 npm run test:e2e.)

/** The app, served from the production build. */
export const APP_URL = `http://127.0.0.1:${APP_PORT}/`;

/** The playground WebSocket server; routes are appended: `${PLAYGROUND}/echo`. */
export const PLAYGROUND = `ws://127.0.0.1:${PLAYGROUND_PORT}`;

/** Chromium flags that work headless as root in a container (shared with the benchmark). */
export const CHROMIUM_ARGS = [...CHROMIUM_FLAGS];
