// @ts-check
/**
 * Chromium flags that work headless as root in a container, with no network
 * but loopback: no sandbox (root), no GPU, and none of the background
 * services that would try to reach the internet. Shared by the e2e config and
 * the benchmark, which launches Chromium itself.
 */
export const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);
