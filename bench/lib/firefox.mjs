// @ts-check
/**
 * Launching headless Firefox directly (no driver: a WebDriver BiDi or CDP
 * client that listens to the network slows WebSocket delivery), with a fresh
 * profile whose prefs keep it from reaching the internet. The page posts its
 * own results to the bench server, as in Chromium. There is no input client
 * here, so the Pause-click figure is Chromium's only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopProcessGroup } from './chromium.mjs';

const CANDIDATES = [process.env.SOCKPIT_FIREFOX, '/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** @returns {string | null} */
export function findFirefox() {
  return CANDIDATES.find((p) => p !== undefined && p !== '' && existsSync(p)) ?? null;
}

/** @param {string} path */
export function firefoxVersion(path) {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8', env: { ...process.env, MOZ_HEADLESS: '1' } });
  return (out.stdout || '').trim().split('\n').pop() ?? 'unknown';
}

/** Prefs of the bench profile: no first-run pages, updates, telemetry or background connections. */
const PREFS = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'startup.homepage_welcome_url': 'about:blank',
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'toolkit.telemetry.enabled': false,
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'browser.region.network.url': '',
  'browser.newtabpage.enabled': false,
  'browser.tabs.warnOnClose': false,
  'dom.max_script_run_time': 0,
  'dom.max_chrome_script_run_time': 0,
};

/** Browsers running now, so an interrupted bench can close them. @type {Set<() => Promise<void>>} */
const running = new Set();

export async function closeAllFirefoxes() {
  await Promise.all([...running].map((close) => close()));
}

/**
 * @param {{ executable: string, url: string }} options
 * @returns {Promise<import('./chromium.mjs').Browser>}
 */
export async function launchFirefox({ executable, url }) {
  const profile = await mkdtemp(join(tmpdir(), 'sockpit-bench-ff-'));
  const userJs = Object.entries(PREFS)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n');
  await writeFile(join(profile, 'user.js'), `${userJs}\n`);
  const args = ['--headless', '--no-remote', '--new-instance', '--profile', profile, '--window-size=1280,800', url];
  const child = spawn(executable, args, { detached: true, stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, MOZ_HEADLESS: '1' } });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    running.delete(close);
    await stopProcessGroup(child, exited);
    await rm(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  running.add(close);
  return {
    pid: child.pid ?? -1,
    attachInput: () => Promise.reject(new Error('no input client in Firefox')),
    close,
  };
}
