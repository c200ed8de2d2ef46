// @ts-check
/**
 * Launching headless Chromium directly (no Playwright/Puppeteer: they enable
 * the DevTools Network domain, which reports every WebSocket frame and slows
 * the page several-fold), and an optional raw CDP client that uses the Input
 * domain only, to give the page a real click.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { CHROMIUM_FLAGS } from '../../scripts/chromium-flags.mjs';

const CANDIDATES = [process.env.SOCKPIT_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium() {
  const path = CANDIDATES.find((p) => p !== undefined && p !== '' && existsSync(p));
  if (!path) throw new Error('No Chromium found: install it (apt-get install chromium) or set SOCKPIT_CHROMIUM.');
  return path;
}

/** @param {string} path */
export function chromiumVersion(path) {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return (out.stdout || '').trim().split('\n').pop() ?? 'unknown';
}

export const BASE_FLAGS = ['--headless', ...CHROMIUM_FLAGS, '--window-size=1280,800'];

/** Browsers running now, so an interrupted bench can close them. @type {Set<() => Promise<void>>} */
const running = new Set();

/** Closes every browser this process launched and has not closed yet. */
export async function closeAllBrowsers() {
  await Promise.all([...running].map((close) => close()));
}

/**
 * @typedef {object} Browser
 * @property {number} pid the browser process, leader of its process group
 * @property {() => Promise<InputClient>} attachInput connects a CDP client to the page target
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ executable: string, url: string, flags?: string[], debugPort?: boolean }} options
 * @returns {Promise<Browser>}
 */
export async function launch({ executable, url, flags = [], debugPort = false }) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'sockpit-bench-'));
  const args = [...BASE_FLAGS, `--user-data-dir=${userDataDir}`, ...flags];
  if (debugPort) args.push('--remote-debugging-port=0');
  args.push(url);
  const child = spawn(executable, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (/** @type {Buffer} */ d) => {
    if (stderr.length < 20_000) stderr += d.toString();
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));

  /** @type {InputClient | null} */
  let input = null;
  const close = async () => {
    running.delete(close);
    input?.close();
    await stopProcessGroup(child, exited);
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  running.add(close);
  return {
    pid: child.pid ?? -1,
    attachInput: async () => {
      const port = await debugPortOf(userDataDir);
      const target = await pageTarget(port);
      const client = await InputClient.connect(target);
      input = client;
      return client;
    },
    close,
  };
}

/**
 * Ends a browser launched detached (the leader of its process group): SIGTERM
 * to the group, SIGKILL after 5 s if it is still there.
 * @param {import('node:child_process').ChildProcess} child
 * @param {Promise<unknown>} exited resolves when the child exits
 */
export async function stopProcessGroup(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
  if (!timedOut) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await exited;
}

/** @param {string} userDataDir */
async function debugPortOf(userDataDir) {
  for (let i = 0; i < 100; i += 1) {
    try {
      const text = await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8');
      const port = Number(text.split('\n')[0]);
      if (port > 0) return port;
    } catch {
      // not written yet
    }
    await sleep(50);
  }
  throw new Error('Chromium did not open its remote debugging port');
}

/** @param {number} port */
async function pageTarget(port) {
  for (let i = 0; i < 100; i += 1) {
    const res = await fetch(`http://127.0.0.1:${port}/json/list`);
    /** @type {{ type: string, webSocketDebuggerUrl?: string }[]} */
    const targets = await res.json();
    const page = targets.find((t) => t.type === 'page' && t.webSocketDebuggerUrl);
    if (page?.webSocketDebuggerUrl) return page.webSocketDebuggerUrl;
    await sleep(50);
  }
  throw new Error('no page target');
}

/**
 * A DevTools protocol client that only ever sends Input.* commands: it enables
 * no domain, so the browser reports no events (no Network, no Runtime) to it.
 */
export class InputClient {
  /** @param {WebSocket} ws */
  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    /** @type {Map<number, { resolve: (v: unknown) => void, reject: (e: Error) => void }>} */
    this.waiting = new Map();
    /** events received (must stay 0: nothing is enabled) */
    this.eventsSeen = 0;
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (typeof msg.id !== 'number') {
        this.eventsSeen += 1;
        return;
      }
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (msg.error) w?.reject(new Error(msg.error.message));
      else w?.resolve(msg.result);
    });
  }

  /**
   * @param {string} url
   * @returns {Promise<InputClient>}
   */
  static connect(url) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => resolve(new InputClient(ws)));
      ws.once('error', reject);
    });
  }

  /**
   * @param {`Input.${string}`} method
   * @param {Record<string, unknown>} params
   */
  send(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /**
   * A left click: press and release at (x, y), CSS pixels in the viewport.
   * @param {{ x: number, y: number }} point
   */
  async click({ x, y }) {
    const base = { x, y, button: 'left', clickCount: 1 };
    // Sent together, not one after the other's acknowledgement: a busy page
    // acknowledges late, and the release would then be stamped late too,
    // hiding part of the delay we want to see.
    await Promise.all([
      this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y }),
      this.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...base }),
      this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...base }),
    ]);
  }

  close() {
    this.ws.close();
  }
}
