#!/usr/bin/env node
// @ts-check
/**
 * `npm run bench`: how fast Sockpit receives a flood compared with the fastest
 * a page of this browser can receive at all, and whether it stays responsive.
 *
 *   npm run bench [-- --reps N] [--reps-1m N] [--cases text-64,binary-1m] [--pages bare,worker,main,bare-worker]
 *                 [--browsers chromium,firefox] [--no-heap] [--no-control] [--no-size] [--no-search]
 *                 [--no-lens] [--no-script-lens] [--no-import] [--no-charts] [--no-regex] [--no-retention] [--wait-quiet]
 *                 [--profile-build]
 *
 * Long animation frames (Chromium): every frame of 50 ms or more during a
 * flood is taken apart by the page itself (bench/page/loaf.ts: scripts by
 * invoker, function and source position, rendering, style and layout, the
 * rest) and the report prints the top attributions per case. --profile-build
 * builds the bench pages unminified with source maps so those names are the
 * app's own (not the default: minified code is what ships).
 *
 * --cases also takes script-lens (the 200,000 × 64 B text flood decoded by a
 * small user script in the sandbox's Worker vs Decode as Raw, same run: the
 * capture ratio and the time until every row is decoded); without --cases it runs.
 *
 * The heap run (1,000,000 × 64 B into Sockpit) also Removes the connection
 * afterwards and measures the heap again: the remove-connection figure.
 * --no-regex skips the catastrophic-regex case (`(a+)+b` over 1,000,000
 * retained events); --no-retention the 10,000,000-event retention case
 * (heap per event, first and last rows reached). The retention case runs in Chromium only
 * (the retention case needs performance.memory).
 *
 * --cases also takes charts-flood (the 200,000 × 64 B flood with the Charts
 * view open vs closed, same run) and charts-draw (the charts over 1,000,000
 * retained events); without --cases both run. `--cases charts` is both.
 *
 * --browsers: the browsers to measure, one after the other, each against its
 * own bare page (default: Chromium, and Firefox when one is found:
 * SOCKPIT_FIREFOX, /usr/bin/firefox-esr, /usr/bin/firefox). Firefox runs
 * without any driver, so it has no Pause-click figure; it has no
 * performance.memory, so no heap figure; and no Long Tasks API, so its long
 * tasks are the gaps between the ticks of a 10 ms timer.
 *
 * --wait-quiet: before each run, wait (up to 5 min) until other processes use
 * under 0.15 cores, and run again (twice at most) a run they disturbed; for
 * shared machines.
 *
 * Builds the bench pages (bench/vite.config.ts → bench/dist), starts the
 * playground server and a bench server on 127.0.0.1, and for every case
 * launches a fresh headless Chromium per page and run: the bare page (the
 * limit), Sockpit with sockets in a Worker, Sockpit with sockets on the main
 * thread. No DevTools client watches the network: pages post their own results.
 * Prints Markdown tables and writes everything to bench/results/<timestamp>.json.
 * docs/BENCHMARKS.md explains each figure.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPlayground } from '../server/playground.mjs';
import { startBenchServer } from './lib/bench-server.mjs';
import { measureAppBundle } from './lib/bundle-size.mjs';
import { catastrophicReport, runSearchCase, searchReport } from './lib/search-case.mjs';
import { retentionReport, runRetentionCase } from './lib/retention-case.mjs';
import { importReport, runImportCase } from './lib/import-case.mjs';
import { chartsReport, runChartsDrawCase } from './lib/charts-case.mjs';
import { chromiumVersion, closeAllBrowsers, findChromium, launch } from './lib/chromium.mjs';
import { closeAllFirefoxes, findFirefox, firefoxVersion, launchFirefox } from './lib/firefox.mjs';
import { busyCores, waitForQuiet, watchForeignCpu } from './lib/machine.mjs';
import { fmt, kb, median, rate, table } from './lib/stats.mjs';
import { longFramesText, summarizeLongFrames } from './lib/loaf.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDist = join(root, 'bench', 'dist');

/**
 * Targets: the flood figures per browser from issue 12 (ratio to the bare page
 * ≥ 1.0 for 64 B text, 1 KiB text and 1 KiB binary and ≥ 0.9 for 1 MiB binary,
 * longest task and Pause click ≤ 50 ms in Chromium; ≥ 0.9, ≥ 0.8, ≤ 100 ms,
 * ≤ 100 ms in Firefox); the others from the issues that set them.
 */
const FLOOD_TARGETS = {
  chromium: { ratio: 1.0, ratio1m: 0.9, longTaskMs: 50, clickMs: 50 },
  firefox: { ratio: 0.9, ratio1m: 0.8, longTaskMs: 100, clickMs: 100 },
};
const COMMON_TARGETS = { ratioLens: 0.9, heapPerEvent: 300, initialJsGzip: 150_000, removeDeltaBytes: 5_000_000 };
/** Other processes using more than this many cores during a run make its figures unreliable (2 cores here). */
const FOREIGN_CPU_WARN = 0.15;

/**
 * @typedef {object} FloodCase
 * @property {string} key
 * @property {string} label
 * @property {number} count
 * @property {number} size
 * @property {'text' | 'binary'} type
 * @property {number} reps
 */

const { values: opts } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    'reps-1m': { type: 'string' },
    cases: { type: 'string' },
    pages: { type: 'string', default: 'bare,worker,main' },
    'no-heap': { type: 'boolean', default: false },
    'no-control': { type: 'boolean', default: false },
    'no-size': { type: 'boolean', default: false },
    'no-search': { type: 'boolean', default: false },
    'no-lens': { type: 'boolean', default: false },
    'no-script-lens': { type: 'boolean', default: false },
    'no-import': { type: 'boolean', default: false },
    'no-charts': { type: 'boolean', default: false },
    'no-regex': { type: 'boolean', default: false },
    'no-retention': { type: 'boolean', default: false },
    'wait-quiet': { type: 'boolean', default: false },
    /** build the bench pages unminified with source maps, so long frames name the app's functions */
    'profile-build': { type: 'boolean', default: false },
    browsers: { type: 'string' },
    /** set by the parent run: measure this one browser */
    browser: { type: 'string' },
  },
  strict: true,
});

const TARGETS = { ...COMMON_TARGETS, ...(opts.browser === 'firefox' ? FLOOD_TARGETS.firefox : FLOOD_TARGETS.chromium) };
/** The ratio target of a flood case. @param {string} key */
const ratioTarget = (key) => (key === 'binary-1m' ? TARGETS.ratio1m : TARGETS.ratio);

// Several browsers: run this script once per browser, one after the other, and stop.
if (!opts.browser) {
  const wanted = (opts.browsers ?? `chromium${findFirefox() ? ',firefox' : ''}`).split(',').filter(Boolean);
  if (!opts.browsers && !findFirefox()) process.stdout.write('no Firefox found (SOCKPIT_FIREFOX, /usr/bin/firefox-esr): measuring Chromium only\n');
  let worst = 0;
  for (const b of wanted) {
    if (b !== 'chromium' && b !== 'firefox') {
      process.stderr.write(`--browsers: unknown browser "${b}" (chromium, firefox)\n`);
      process.exit(2);
    }
    process.stdout.write(`\n## ${b === 'chromium' ? 'Chromium' : 'Firefox'}\n\n`);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...process.argv.slice(2), '--browser', b], { stdio: 'inherit' });
    worst = Math.max(worst, child.status ?? 1);
  }
  process.exit(worst);
}
const isFirefox = opts.browser === 'firefox';
const reps = Number(opts.reps);

/** @type {FloodCase[]} */
const ALL_CASES = [
  { key: 'text-64', label: '200,000 × 64 B text', count: 200_000, size: 64, type: 'text', reps },
  { key: 'text-1k', label: '200,000 × 1 KiB text', count: 200_000, size: 1024, type: 'text', reps },
  { key: 'binary-1k', label: '200,000 × 1 KiB binary', count: 200_000, size: 1024, type: 'binary', reps },
  { key: 'binary-1m', label: '1,000 × 1 MiB binary', count: 1_000, size: 1024 * 1024, type: 'binary', reps: Number(opts['reps-1m'] ?? reps) },
];
const HEAP_CASE = { count: 1_000_000, size: 64, type: /** @type {const} */ ('text') };
/** The protocol-lens case: Socket.IO events, Sockpit (Worker) with the lens detected vs Decode as Raw, same run. */
const LENS_CASE = { key: 'socketio-64', label: '200,000 Socket.IO events (64 B)', count: 200_000, size: 64, type: /** @type {const} */ ('socketio'), reps };
/** The custom-lens case (issue 13): 64 B text through a small user script in the sandbox vs Decode as Raw, same run. */
const SCRIPT_LENS_CASE = { key: 'script-lens', label: '200,000 × 64 B text', count: 200_000, size: 64, type: /** @type {const} */ ('text'), reps };
const cases = opts.cases ? ALL_CASES.filter((c) => /** @type {string} */ (opts.cases).split(',').includes(c.key)) : ALL_CASES;
/** The charts case (issue 14): the same flood as text-64 with Charts open and closed, and drawing over 1,000,000 retained events. */
const CHARTS_FLOOD = { label: '200,000 × 64 B text', count: 200_000, size: 64, type: /** @type {const} */ ('text'), reps };
const chosen = opts.cases ? opts.cases.split(',') : null;
const chartsFloodOn = !opts['no-charts'] && (!chosen || chosen.includes('charts') || chosen.includes('charts-flood'));
const chartsDrawOn = !opts['no-charts'] && (!chosen || chosen.includes('charts') || chosen.includes('charts-draw'));
const pages = opts.pages.split(',');
const scriptLensOn = !opts['no-script-lens'] && (!chosen || chosen.includes('script-lens'));

/**
 * @typedef {'bare' | 'bare-worker' | 'worker' | 'main'} Subject
 *
 * @typedef {object} PageResult what a page posts back (see bench/page/*.ts)
 * @property {number} received
 * @property {number} openAt
 * @property {number} doneAt
 * @property {number} lastSeq
 * @property {string | null} error
 * @property {{ count: number, maxMs: number, totalMs: number }} longTasks
 * @property {{ eventTimingMs: number | null, interactionMs: number | null, handlerDelayMs: number, toNextFrameMs: number, answered: boolean }[]} clicks
 * @property {string} [clickSkipped]
 * @property {Record<string, unknown>} [extra]
 * @property {Record<string, number>} [heap]
 * @property {import('./lib/loaf.mjs').LoafFrame[]} [longFrames] Chromium's long animation frames during the flood
 */

/**
 * One page, one flood, one fresh browser.
 * @param {{ subject: Subject, flood: { count: number, size: number, type: string }, cdp: boolean, heap?: boolean, decodeAs?: string, charts?: boolean }} run
 * @returns {Promise<PageResult & { subject: Subject, cdp: boolean, rate: number, wallMs: number, foreignCpu: number }>}
 */
async function runPage({ subject, flood, cdp, heap = false, decodeAs, charts = false }) {
  const id = randomUUID();
  const floodUrl = `${playground.url}/flood?count=${flood.count}&size=${flood.size}&type=${flood.type}`;
  const timeoutMs = heap ? 240_000 : 150_000;
  const q = new URLSearchParams({
    run: id,
    flood: floodUrl,
    count: String(flood.count),
    mode: subject === 'bare' ? 'main' : subject === 'bare-worker' ? 'worker' : subject,
    click: cdp ? '1' : '0',
    heap: heap ? '1' : '0',
    timeoutMs: String(timeoutMs),
    ...(decodeAs ? { decodeAs } : {}),
    ...(charts ? { charts: '1' } : {}),
  });
  const page = subject.startsWith('bare') ? 'bare' : 'app';
  const url = `${server.origin}/bench/${page}.html?${q}`;

  /** @type {(v: void) => void} */
  let markReady = () => {};
  /** @type {(v: PageResult) => void} */
  let deliver = () => {};
  const ready = new Promise((resolve) => (markReady = resolve));
  /** @type {Promise<PageResult>} */
  const results = new Promise((resolve) => (deliver = resolve));
  /** @type {import('./lib/chromium.mjs').InputClient | null} */
  let input = null;
  server.register(id, {
    ready,
    done: (r) => deliver(/** @type {PageResult} */ (r)),
    click: async (point) => {
      if (!input) throw new Error('no input client');
      await input.click(point);
    },
  });
  const flags = heap ? ['--js-flags=--expose-gc', '--enable-precise-memory-info'] : [];
  if (isFirefox && cdp) throw new Error('no input client in Firefox');
  const started = performance.now();
  if (opts['wait-quiet']) {
    const q = await waitForQuiet(FOREIGN_CPU_WARN, 5 * 60_000);
    if (q.waitedMs > 4000) log(`  (waited ${fmt(q.waitedMs / 1000)} s for other processes to quiet down${q.quiet ? '' : '; they did not'})`);
  }
  const browser = await launchBrowser({ url, flags, debugPort: cdp });
  const foreign = watchForeignCpu(() => [browser.pid]);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  try {
    if (cdp) input = await browser.attachInput();
    markReady();
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${subject}: no results within ${(timeoutMs + 15_000) / 1000} s`)), timeoutMs + 15_000);
    });
    const r = await Promise.race([results, timeout]);
    const foreignCpu = foreign.stop();
    if (input && input.eventsSeen > 0) throw new Error(`the input client received ${input.eventsSeen} CDP events; it must enable nothing`);
    return { ...r, subject, cdp, rate: r.error ? Number.NaN : rate(flood.count, r.openAt, r.doneAt), wallMs: performance.now() - started, foreignCpu };
  } finally {
    clearTimeout(timer);
    server.unregister(id);
    await browser.close();
  }
}

/**
 * runPage, and with --wait-quiet, again (twice at most) when other processes
 * used more than FOREIGN_CPU_WARN cores during the run.
 * @param {Parameters<typeof runPage>[0]} run
 */
async function measure(run) {
  let r = await runPage(run);
  for (let retry = 1; opts['wait-quiet'] && retry <= 2 && r.foreignCpu > FOREIGN_CPU_WARN; retry += 1) {
    log(`  (others used ${r.foreignCpu.toFixed(2)} cores during that ${run.subject} run; running it again)`);
    r = await runPage(run);
  }
  return r;
}

/** @param {string} s */
const log = (s) => process.stdout.write(`${s}\n`);

/** Builds bench/dist; returns whether the app page built (the bare page alone is the fallback). */
function buildBenchPages() {
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'warn'];
  const env = { ...process.env, ...(opts['profile-build'] ? { SOCKPIT_BENCH_UNMINIFIED: '1' } : {}) };
  const full = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env });
  if (full.status === 0) return { app: true, error: null };
  const error = (full.stdout + full.stderr).split('\n').slice(-12).join('\n');
  const bare = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...env, SOCKPIT_BENCH_PAGES: 'bare' } });
  if (bare.status !== 0) throw new Error(`bench build failed:\n${bare.stdout}${bare.stderr}`);
  return { app: false, error };
}

// ---------------------------------------------------------------------------

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    Promise.all([closeAllBrowsers(), closeAllFirefoxes()]).finally(() => process.exit(130));
  });
}

const startedAt = new Date();
const firefox = isFirefox ? findFirefox() : null;
if (isFirefox && !firefox) {
  process.stderr.write('No Firefox found: set SOCKPIT_FIREFOX=/path/to/firefox, or run "apt-get install firefox-esr" (Debian).\n');
  process.exit(1);
}
const chromium = isFirefox ? '' : findChromium();
/** The browser of this run, launched on `url` with no client watching the network. @param {{ url: string, flags?: string[], debugPort?: boolean }} o */
const launchBrowser = (o) => (firefox ? launchFirefox({ executable: firefox, url: o.url }) : launch({ executable: chromium, ...o }));
/** The commit measured, and whether the working tree had changes on top of it (the bench builds the working tree). */
function gitState() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'index.html', 'vite.config.ts'], { cwd: root, encoding: 'utf8' });
  return { commit: head.status === 0 ? head.stdout.trim() : 'unknown', appChanged: status.status === 0 && status.stdout.trim() !== '' };
}
const git = gitState();
const machine = {
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  browser: firefox ? firefoxVersion(firefox) : chromiumVersion(chromium),
  loadavgAtStart: loadavg(),
  busyCoresAtStart: Number.NaN,
};
log(
  `Sockpit bench, ${startedAt.toISOString()}: ${machine.nproc} cores, ${machine.browser}, Node ${machine.node}, ` +
    `app at ${git.commit}${git.appChanged ? ' with uncommitted changes in src/' : ''}`,
);
const busyAtStart = await busyCores(2000);
machine.busyCoresAtStart = busyAtStart;
if (busyAtStart > FOREIGN_CPU_WARN) {
  log(`warning: other processes are using ${busyAtStart.toFixed(2)} of ${machine.nproc} cores; figures will be low (--wait-quiet waits for quiet before each run)`);
}

log('building bench pages (bench/dist) …');
const build = buildBenchPages();
if (!build.app) log(`the app page does not build yet; measuring the bare page only.\n${build.error}`);

const size = opts['no-size'] ? null : await measureAppBundle(root);

const playground = await startPlayground({ host: '127.0.0.1', port: 0, limits: { floodMaxMs: 150_000 } });
const server = await startBenchServer({ root: benchDist });

/** @type {Record<string, unknown>[]} */
const raw = [];
/** @type {Map<string, Map<string, Awaited<ReturnType<typeof runPage>>[]>>} */
const byCase = new Map();
/** @type {Map<string, Awaited<ReturnType<typeof runPage>>>} */
const heapResults = new Map();
/** @type {import('./lib/search-case.mjs').SearchResult | null} */
let searchResult = null;
/** @type {import('./lib/import-case.mjs').ImportResult | null} */
let importResult = null;
/** @type {import('./lib/search-case.mjs').SearchResult | null} */
let catastrophicResult = null;
/** @type {import('./lib/retention-case.mjs').RetentionResult | null} */
let retentionResult = null;
/** @type {{ lens: number[], raw: number[], longTasksLens: number, longTasksRaw: number } | null} */
let lensResult = null;
/** @type {{ script: number[], raw: number[], decodedMs: number[], decodedAfterMs: number[], longTasksScript: number, longTasksRaw: number, errors: string[] } | null} */
let scriptLensResult = null;
/** @type {import('./lib/charts-case.mjs').ChartsFloodResult | null} */
let chartsFlood = null;
/** @type {import('./lib/charts-case.mjs').ChartsDrawResult | null} */
let chartsDraw = null;
try {
  /** @type {Subject[]} */
  const subjects = /** @type {Subject[]} */ (['bare', 'bare-worker', 'worker', 'main'].filter((s) => pages.includes(s) && (s.startsWith('bare') || build.app)));
  for (const c of cases) {
    /** @type {Map<string, Awaited<ReturnType<typeof runPage>>[]>} */
    const runs = new Map();
    byCase.set(c.key, runs);
    for (let rep = 1; rep <= c.reps; rep += 1) {
      // Interleaved, so a slow spell of the machine hits every subject alike.
      for (const subject of subjects) {
        const r = await measure({ subject, flood: c, cdp: !subject.startsWith('bare') && !isFirefox });
        raw.push({ case: c.key, rep, ...r });
        const list = runs.get(subject) ?? [];
        list.push(r);
        runs.set(subject, list);
        log(
          `  ${c.label.padEnd(24)} ${subject.padEnd(6)} #${rep}: ${r.error ? `FAILED ${r.error}` : `${fmt(r.rate)} msg/s`}` +
            `, long tasks ${r.longTasks.count} (max ${fmt(r.longTasks.maxMs)} ms)` +
            (r.clicks.length > 0 ? `, click ${clickText(r.clicks[0])}` : r.clickSkipped ? `, click n/a (${r.clickSkipped})` : '') +
            foreignText(r.foreignCpu),
        );
      }
    }
  }

  // Control: the bare page with the Input-only CDP client attached (and clicking), to show it costs nothing.
  if (!opts['no-control'] && pages.includes('bare') && !isFirefox) {
    const c = cases.find((x) => x.key === 'text-64') ?? cases[0];
    if (c) {
      const runs = byCase.get(c.key) ?? new Map();
      byCase.set(c.key, runs);
      for (let rep = 1; rep <= c.reps; rep += 1) {
        const r = await measure({ subject: 'bare', flood: c, cdp: true });
        raw.push({ case: c.key, rep, control: 'bare+cdp', ...r });
        const list = runs.get('bare+cdp') ?? [];
        list.push(r);
        runs.set('bare+cdp', list);
        log(`  ${c.label.padEnd(24)} bare+CDP #${rep}: ${r.error ? `FAILED ${r.error}` : `${fmt(r.rate)} msg/s`}${foreignText(r.foreignCpu)}`);
      }
    }
  }

  if (!opts['no-heap'] && build.app && !isFirefox) {
    for (const subject of /** @type {Subject[]} */ (['worker', 'main'].filter((s) => pages.includes(s)))) {
      log(`  heap: retaining 1,000,000 × 64 B text in Sockpit (${subject}) …`);
      const r = await measure({ subject, flood: HEAP_CASE, cdp: false, heap: true });
      raw.push({ case: 'heap', ...r });
      heapResults.set(subject, r);
      log(
        `  heap (${subject}): ${r.error ? `FAILED ${r.error}` : `${fmt(r.heap?.perEventBeyondPayload ?? Number.NaN, 1)} B per retained event beyond the payload`}` +
          foreignText(r.foreignCpu),
      );
    }
  }

  if (!opts['no-lens'] && build.app && pages.includes('worker')) {
    const c = LENS_CASE;
    lensResult = { lens: [], raw: [], longTasksLens: 0, longTasksRaw: 0 };
    for (let rep = 1; rep <= c.reps; rep += 1) {
      // Interleaved, as above: the lens on (Auto detects Socket.IO from the first frame) and Decode as Raw.
      for (const decodeAs of ['auto', 'raw']) {
        const r = await measure({ subject: 'worker', flood: c, cdp: false, decodeAs });
        raw.push({ case: c.key, rep, decodeAs, ...r });
        const which = decodeAs === 'auto' ? 'lens' : 'raw';
        lensResult[which].push(r.error ? Number.NaN : r.rate);
        if (which === 'lens') lensResult.longTasksLens = Math.max(lensResult.longTasksLens, r.longTasks.maxMs);
        else lensResult.longTasksRaw = Math.max(lensResult.longTasksRaw, r.longTasks.maxMs);
        log(`  ${c.label} worker ${decodeAs === 'auto' ? 'Socket.IO lens' : 'Decode as Raw'} #${rep}: ${r.error ? `FAILED ${r.error}` : `${fmt(r.rate)} msg/s`}, long tasks max ${fmt(r.longTasks.maxMs)} ms${foreignText(r.foreignCpu)}`);
      }
    }
  }

  if (scriptLensOn && build.app && pages.includes('worker')) {
    const c = SCRIPT_LENS_CASE;
    scriptLensResult = { script: [], raw: [], decodedMs: [], decodedAfterMs: [], longTasksScript: 0, longTasksRaw: 0, errors: [] };
    for (let rep = 1; rep <= c.reps; rep += 1) {
      // Interleaved: the custom lens (bench/page/app-harness.ts installs it) and Decode as Raw.
      for (const decodeAs of ['script', 'raw']) {
        const r = await measure({ subject: 'worker', flood: c, cdp: false, decodeAs });
        raw.push({ case: c.key, rep, decodeAs, ...r });
        if (decodeAs === 'script') {
          scriptLensResult.script.push(r.error ? Number.NaN : r.rate);
          scriptLensResult.longTasksScript = Math.max(scriptLensResult.longTasksScript, r.longTasks.maxMs);
          const decoded = /** @type {{ decodedAt?: number, decodeError?: string } | undefined} */ (r.extra);
          if (decoded?.decodeError) scriptLensResult.errors.push(decoded.decodeError);
          const at = typeof decoded?.decodedAt === 'number' ? decoded.decodedAt : Number.NaN;
          scriptLensResult.decodedMs.push(at - r.openAt);
          scriptLensResult.decodedAfterMs.push(at - r.doneAt);
          log(
            `  ${c.label} worker custom lens #${rep}: ${r.error ? `FAILED ${r.error}` : `${fmt(r.rate)} msg/s`}, every row decoded ${fmt((at - r.openAt) / 1000, 1)} s after open ` +
              `(${fmt((at - r.doneAt) / 1000, 1)} s after the last message)${decoded?.decodeError ? `, ${decoded.decodeError}` : ''}, long tasks max ${fmt(r.longTasks.maxMs)} ms${foreignText(r.foreignCpu)}`,
          );
        } else {
          scriptLensResult.raw.push(r.error ? Number.NaN : r.rate);
          scriptLensResult.longTasksRaw = Math.max(scriptLensResult.longTasksRaw, r.longTasks.maxMs);
          log(`  ${c.label} worker Decode as Raw #${rep}: ${r.error ? `FAILED ${r.error}` : `${fmt(r.rate)} msg/s`}, long tasks max ${fmt(r.longTasks.maxMs)} ms${foreignText(r.foreignCpu)}`);
        }
      }
    }
  }

  if (chartsFloodOn && build.app && pages.includes('worker')) {
    chartsFlood = { open: [], closed: [], longTasksOpen: 0, longTasksClosed: 0, drawnEveryRun: true };
    for (let rep = 1; rep <= CHARTS_FLOOD.reps; rep += 1) {
      // Interleaved, as above: Charts open over the timeline all through the flood, and closed.
      for (const charts of [true, false]) {
        const r = await measure({ subject: 'worker', flood: CHARTS_FLOOD, cdp: false, charts });
        raw.push({ case: 'charts-flood', rep, charts, ...r });
        const rateNow = r.error ? Number.NaN : r.rate;
        if (charts) {
          chartsFlood.open.push(rateNow);
          chartsFlood.longTasksOpen = Math.max(chartsFlood.longTasksOpen, r.longTasks.maxMs);
          if (r.extra?.chartsDrawn !== true) chartsFlood.drawnEveryRun = false;
        } else {
          chartsFlood.closed.push(rateNow);
          chartsFlood.longTasksClosed = Math.max(chartsFlood.longTasksClosed, r.longTasks.maxMs);
        }
        log(`  ${CHARTS_FLOOD.label} worker, Charts ${charts ? 'open' : 'closed'} #${rep}: ${r.error ? `FAILED ${r.error}` : `${fmt(r.rate)} msg/s`}, long tasks max ${fmt(r.longTasks.maxMs)} ms${foreignText(r.foreignCpu)}`);
      }
    }
  }

  if (chartsDrawOn && build.app) {
    log('  charts: 1,000,000 retained events in Sockpit, series, draw, and Charts opened …');
    chartsDraw = await runChartsDrawCase({ server, launchPage: (url) => launchBrowser({ url }) });
    log(`  charts: ${chartsDraw.error ? `FAILED ${chartsDraw.error}` : `drawn (first draw ${fmt(chartsDraw.firstDrawMs ?? Number.NaN, 1)} ms)`}`);
  }

  if (!opts['no-search'] && build.app) {
    log('  search: 1,000,000 retained events in Sockpit, one query after another …');
    searchResult = await runSearchCase({ server, launchPage: (url) => launchBrowser({ url }) });
    log(`  search: ${searchResult.error ? `FAILED ${searchResult.error}` : `${searchResult.queries.length} queries done`}`);
  }

  if (!opts['no-regex'] && build.app) {
    log('  catastrophic regex: (a+)+b over 1,000,000 retained events …');
    catastrophicResult = await runSearchCase({ server, launchPage: (url) => launchBrowser({ url }), catastrophic: true });
    log(`  catastrophic regex: ${catastrophicResult.error ? `FAILED ${catastrophicResult.error}` : `stopped after ${fmt(catastrophicResult.catastrophic?.ms ?? Number.NaN)} ms`}`);
  }

  if (!opts['no-retention'] && build.app && !isFirefox) {
    log('  retention: 10,000,000 retained 64 B events in Sockpit, heap, first and last rows …');
    retentionResult = await runRetentionCase({ server, launchPage: (url, flags) => launch({ executable: chromium, url, flags }) });
    log(`  retention: ${retentionResult.error ? `FAILED ${retentionResult.error}` : `${fmt(retentionResult.heap?.perEventBeyondPayload ?? Number.NaN, 1)} B per event beyond the payload`}`);
  }

  if (!opts['no-import'] && build.app) {
    log('  import: a ~200 MB HAR through the app\'s import path …');
    importResult = await runImportCase({ server, dist: benchDist, launchPage: (url) => launchBrowser({ url }) });
    log(`  ${importReport(importResult)}`);
  }
} finally {
  await server.close();
  await playground.close();
}

// ---------------------------------------------------------------------------
// Report

/** Other processes' CPU use during a run, when it is enough to matter. @param {number} cores */
function foreignText(cores) {
  return cores > FOREIGN_CPU_WARN ? ` [others used ${cores.toFixed(2)} cores: figure unreliable]` : '';
}

/** @param {{ eventTimingMs: number | null, toNextFrameMs: number, answered: boolean } | undefined} c */
function clickText(c) {
  if (!c) return 'n/a';
  const et = c.eventTimingMs === null ? '<16' : fmt(c.eventTimingMs);
  return `${et} ms (next frame ${fmt(c.toNextFrameMs)} ms${c.answered ? '' : ', NOT answered'})`;
}

/** @param {string} caseKey @param {string} subject */
function runsOf(caseKey, subject) {
  return (byCase.get(caseKey)?.get(subject) ?? []).filter((r) => !r.error);
}

/** @param {string} caseKey @param {string} subject */
function medianRate(caseKey, subject) {
  return median(runsOf(caseKey, subject).map((r) => r.rate));
}

/** Worst long task and total count over the runs. @param {string} caseKey @param {string} subject */
function longTasksOf(caseKey, subject) {
  const runs = runsOf(caseKey, subject);
  if (runs.length === 0) return 'n/a';
  const counts = runs.map((r) => r.longTasks.count);
  const max = Math.max(...runs.map((r) => r.longTasks.maxMs));
  return `${counts.join('/')} · ${fmt(max)} ms`;
}

/**
 * Median Pause-click delay: the Event Timing duration of the click (input to
 * next paint), "<16" when the browser reported no entry (it reports none under 16 ms).
 * @param {string} caseKey @param {string} subject
 */
function clickOf(caseKey, subject) {
  const runs = runsOf(caseKey, subject);
  const clicks = runs.map((r) => r.clicks[0]).filter((c) => c !== undefined);
  if (clicks.length === 0) {
    const why = runs.find((r) => r.clickSkipped)?.clickSkipped;
    return why ? `n/a (${why})` : 'n/a';
  }
  const et = clicks.map((c) => (c.eventTimingMs === null ? 0 : c.eventTimingMs));
  const m = median(et);
  const worst = Math.max(...et);
  const answered = clicks.every((c) => c.answered);
  const show = (/** @type {number} */ v) => (v < 16 ? '<16' : fmt(v));
  return `${show(m)} (max ${show(worst)})${answered ? '' : ' NOT answered'}`;
}

/** @param {number} r */
const ratioText = (r) => (Number.isFinite(r) ? r.toFixed(2) : 'n/a');

const throughputRows = cases.map((c) => {
  const bare = medianRate(c.key, 'bare');
  const w = medianRate(c.key, 'worker');
  const m = medianRate(c.key, 'main');
  const target = ratioTarget(c.key);
  return [c.label, `${c.reps}`, fmt(bare), fmt(w), ratioText(w / bare), fmt(m), ratioText(m / bare), `≥ ${target}`];
});
const throughput = table(
  ['case', 'runs', 'bare msg/s', 'Worker msg/s', 'Worker ratio', 'main msg/s', 'main ratio', 'target'],
  throughputRows,
  ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
);
// --pages bare-worker: the bare page with its socket in a Worker that hands every message over.
const bareWorkerRows = pages.includes('bare-worker')
  ? cases.map((c) => {
      const bare = medianRate(c.key, 'bare');
      const bw = medianRate(c.key, 'bare-worker');
      const w = medianRate(c.key, 'worker');
      return [c.label, fmt(bare), fmt(bw), ratioText(bw / bare), ratioText(w / bw)];
    })
  : [];
const bareWorkerTable = bareWorkerRows.length
  ? table(['case', 'bare msg/s', 'bare Worker msg/s', 'bare Worker / bare', 'Sockpit Worker / bare Worker'], bareWorkerRows, ['l', 'r', 'r', 'r', 'r'])
  : '';

/** Median UI frames per second during the flood. @param {string} caseKey @param {string} subject */
function fpsOf(caseKey, subject) {
  const runs = runsOf(caseKey, subject);
  const fps = median(runs.map((r) => Number(r.extra?.framesPerSecond)));
  const lost = runs.some((r) => r.extra?.tailFollowed === false);
  return `${fmt(fps)}${lost ? ' (tail NOT followed)' : ''}`;
}

const responsivenessRows = cases.map((c) => [
  c.label,
  longTasksOf(c.key, 'bare'),
  longTasksOf(c.key, 'worker'),
  longTasksOf(c.key, 'main'),
  clickOf(c.key, 'worker'),
  clickOf(c.key, 'main'),
  fpsOf(c.key, 'worker'),
  fpsOf(c.key, 'main'),
]);
const responsiveness = table(
  ['case', 'long tasks bare', 'long tasks Worker', 'long tasks main', 'Pause click Worker ms', 'Pause click main ms', 'frames/s Worker', 'frames/s main'],
  responsivenessRows,
  ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
);

/** Long animation frames of every run of a case and page, summed up. @param {string} caseKey @param {string} subject */
function longFramesOf(caseKey, subject) {
  return summarizeLongFrames(runsOf(caseKey, subject).flatMap((r) => r.longFrames ?? []));
}
const subjectName = (/** @type {string} */ s) => (s === 'bare' ? 'bare page' : s === 'worker' ? 'Sockpit, Worker' : 'Sockpit, main thread');
const longFrameLines = isFirefox
  ? []
  : cases.flatMap((c) =>
      ['bare', 'worker', 'main']
        .filter((s) => runsOf(c.key, s).some((r) => r.longFrames))
        .flatMap((s) => longFramesText(`${c.label}, ${subjectName(s)}`, longFramesOf(c.key, s))),
    );
const heapLongFrameLines = [...heapResults]
  .filter(([, r]) => r.longFrames)
  .flatMap(([s, r]) => longFramesText(`heap flood (1,000,000 × 64 B), ${subjectName(s)}`, summarizeLongFrames(r.longFrames ?? [])));

const controlKey = (cases.find((x) => x.key === 'text-64') ?? cases[0])?.key;
const controlLine =
  controlKey && runsOf(controlKey, 'bare+cdp').length > 0
    ? `Control (${controlKey}): bare page ${fmt(medianRate(controlKey, 'bare'))} msg/s without a CDP client, ` +
      `${fmt(medianRate(controlKey, 'bare+cdp'))} msg/s with the Input-only client attached and clicking ` +
      `(${ratioText(medianRate(controlKey, 'bare+cdp') / medianRate(controlKey, 'bare'))}×; ` +
      `runs ${runsOf(controlKey, 'bare').map((r) => fmt(r.rate)).join(', ')} vs ${runsOf(controlKey, 'bare+cdp')
        .map((r) => fmt(r.rate))
        .join(', ')}).`
    : null;

/** @param {string} subject */
function heapLineOf(subject) {
  const r = heapResults.get(subject);
  const heap = r && !r.error ? r.heap : undefined;
  const name = subject === 'worker' ? 'Worker' : 'main thread';
  if (!r || !heap) return `Heap (Sockpit, ${name}): n/a${r?.error ? ` (${r.error})` : ''}`;
  return (
    `Heap (Sockpit, ${name}): ${fmt(heap.retainedEvents ?? Number.NaN)} events retained, ${fmt((heap.retainedBytes ?? 0) / 1e6, 1)} MB of payload; ` +
    `page JS heap +${fmt((heap.deltaBytes ?? 0) / 1e6, 1)} MB → ${fmt(heap.perEventBeyondPayload ?? Number.NaN, 1)} B per retained event beyond the payload ` +
    `(target ≤ ${TARGETS.heapPerEvent}). That flood: ${fmt(r.rate)} msg/s, ${r.longTasks.count} long tasks, longest ${fmt(r.longTasks.maxMs)} ms.` +
    (heap.removeDeltaBytes === undefined
      ? ''
      : ` After Remove: heap ${heap.removeDeltaBytes >= 0 ? '+' : ''}${fmt(heap.removeDeltaBytes / 1e6, 1)} MB against before the flood (target ≤ +${fmt(TARGETS.removeDeltaBytes / 1e6)} MB).`)
  );
}
const heapLines = ['worker', 'main'].filter((s) => heapResults.has(s)).map(heapLineOf);

const sizeLine =
  size && size.ok
    ? `Initial JS ${kb(size.js.gzip)} gzip (${kb(size.js.raw)} raw, ${size.js.files.length} file${size.js.files.length === 1 ? '' : 's'}; target ≤ ${kb(TARGETS.initialJsGzip)}), ` +
      `initial CSS ${kb(size.css.gzip)} gzip (${kb(size.css.raw)} raw); ` +
      `socket Worker ${size.worker.map((w) => kb(w.gzip)).join(' + ') || 'n/a'} gzip; lazy chunks ${size.lazy.length ? kb(size.lazy.reduce((s, f) => s + f.gzip, 0)) : 'none'}.`
    : `Bundle size: n/a${size && !size.ok ? ` (${size.error.split('\n')[0]})` : ''}`;

function foreignSummary() {
  const values = raw.map((r) => Number(r.foreignCpu)).filter((x) => Number.isFinite(x));
  if (values.length === 0) return 'Other processes: not measured (Linux only).';
  const worst = Math.max(...values);
  const noisy = values.filter((x) => x > FOREIGN_CPU_WARN).length;
  return (
    `Other processes used ${median(values).toFixed(2)} cores (median over runs), ${worst.toFixed(2)} at worst` +
    (noisy > 0 ? `: ${noisy} of ${values.length} runs had more than ${FOREIGN_CPU_WARN}; rerun on a quiet machine.` : '.')
  );
}

/** Worst value of `pick` over every successful run of `subject` in the flood cases. @param {string} subject @param {(r: Awaited<ReturnType<typeof runPage>>) => number} pick */
function worstOf(subject, pick) {
  const values = cases.flatMap((c) => runsOf(c.key, subject).map(pick)).filter((x) => Number.isFinite(x));
  return values.length ? Math.max(...values) : Number.NaN;
}

/** @param {boolean | null} ok */
const mark = (ok) => (ok === null ? '' : ok ? ' ✓' : ' ✗');

function targetsTable() {
  /** @type {string[][]} */
  const rows = [];
  for (const c of cases) {
    const target = ratioTarget(c.key);
    const cell = (/** @type {string} */ subject) => {
      const r = medianRate(c.key, subject) / medianRate(c.key, 'bare');
      return Number.isFinite(r) ? `${r.toFixed(2)}${mark(r >= target)}` : 'n/a';
    };
    rows.push([`ratio, ${c.label}`, `≥ ${target}`, cell('worker'), cell('main')]);
  }
  const longest = (/** @type {string} */ subject) => {
    const v = worstOf(subject, (r) => r.longTasks.maxMs);
    return Number.isFinite(v) ? `${fmt(v)} ms${mark(v <= TARGETS.longTaskMs)}` : 'n/a';
  };
  rows.push(['longest long task during a flood', `≤ ${TARGETS.longTaskMs} ms`, longest('worker'), longest('main')]);
  const click = (/** @type {string} */ subject) => {
    const v = worstOf(subject, (r) => (r.clicks[0] ? (r.clicks[0].eventTimingMs ?? 0) : Number.NaN));
    const unanswered = cases.some((c) => runsOf(c.key, subject).some((r) => r.clicks[0] && !r.clicks[0].answered));
    return Number.isFinite(v) ? `${v < 16 ? '<16' : fmt(v)} ms${mark(v <= TARGETS.clickMs && !unanswered)}` : 'n/a';
  };
  rows.push(['slowest Pause click (input → next paint)', `≤ ${TARGETS.clickMs} ms`, click('worker'), click('main')]);
  const heapCell = (/** @type {string} */ subject) => {
    const v = heapResults.get(subject)?.heap?.perEventBeyondPayload;
    return v !== undefined && Number.isFinite(v) ? `${fmt(v, 1)} B${mark(v <= TARGETS.heapPerEvent)}` : 'n/a';
  };
  rows.push(['heap per retained 64 B message, beyond payload', `≤ ${TARGETS.heapPerEvent} B`, heapCell('worker'), heapCell('main')]);
  const js = size && size.ok ? `${kb(size.js.gzip)}${mark(size.js.gzip <= TARGETS.initialJsGzip)}` : 'n/a';
  rows.push(['initial JS, gzip (one build for both)', `≤ ${kb(TARGETS.initialJsGzip)}`, js, js]);
  return table(['target', 'goal', 'Worker (default)', 'main thread'], rows, ['l', 'r', 'r', 'r']);
}

const finishedAt = new Date();
/** The protocol-lens case in one line: medians and their ratio against the target. */
function lensLine() {
  if (!lensResult) return '';
  const lens = median(lensResult.lens.filter(Number.isFinite));
  const rawRate = median(lensResult.raw.filter(Number.isFinite));
  const ratio = lens / rawRate;
  return (
    `Protocol lens (${LENS_CASE.label}, Worker, medians of ${LENS_CASE.reps}): Socket.IO lens ${fmt(lens)} msg/s, Decode as Raw ${fmt(rawRate)} msg/s, ` +
    `ratio ${fmt(ratio, 2)} (target ≥ ${TARGETS.ratioLens}${ratio >= TARGETS.ratioLens ? ', met' : ', NOT met'}); longest long task ${fmt(lensResult.longTasksLens)} ms with the lens, ${fmt(lensResult.longTasksRaw)} ms raw.`
  );
}

/** The custom-lens case in one line. */
function scriptLensLine() {
  if (!scriptLensResult) return '';
  const lens = median(scriptLensResult.script.filter(Number.isFinite));
  const rawRate = median(scriptLensResult.raw.filter(Number.isFinite));
  const ratio = lens / rawRate;
  const decoded = median(scriptLensResult.decodedMs.filter(Number.isFinite));
  const after = median(scriptLensResult.decodedAfterMs.filter(Number.isFinite));
  return (
    `Custom lens (${SCRIPT_LENS_CASE.label} through a user script in the sandbox Worker, medians of ${SCRIPT_LENS_CASE.reps}): captured at ${fmt(lens)} msg/s, Decode as Raw ${fmt(rawRate)} msg/s, ` +
    `capture ratio ${fmt(ratio, 2)} (target ≥ ${TARGETS.ratioLens}${ratio >= TARGETS.ratioLens ? ', met' : ', NOT met'}); every row decoded ${fmt(decoded / 1000, 1)} s after open ` +
    `(${fmt(after / 1000, 1)} s after the last message arrived); longest long task ${fmt(scriptLensResult.longTasksScript)} ms with the script, ${fmt(scriptLensResult.longTasksRaw)} ms raw` +
    `${scriptLensResult.errors.length > 0 ? `; ${scriptLensResult.errors.join('; ')}` : ''}.`
  );
}

const report = [
  '',
  // Without a flood case (e.g. --cases charts) these tables would be empty.
  ...(cases.length > 0
    ? [
        `Throughput (medians; rate = N / (main thread has all N − open event), same clock):`,
        throughput,
        '',
        ...(bareWorkerTable
          ? [`The bare page with its socket in a Worker that hands every message to the page (bench/page/bare-socket.worker.ts): what a Worker-hosted socket delivers at all, and Sockpit's Worker mode against it:`, bareWorkerTable, '']
          : []),
        `Responsiveness during each flood (long tasks: count in each run · longest of all runs; Pause click: Event Timing duration, input → next paint, median and max; frames/s: Sockpit's animation frames during the flood, median):`,
        responsiveness,
        '',
        ...(longFrameLines.length > 0
          ? [
              `Long animation frames during each flood (frames of 50 ms or more, all runs; scripts of 5 ms or more by invoker → function (file:char); rendering = rAF callbacks, style, layout, paint; other = the rest of the frame: scripts under 5 ms, GC, message deserialization outside a script, idle between its tasks):`,
              ...longFrameLines,
              '',
            ]
          : []),
      ]
    : []),
  'Targets:',
  targetsTable(),
  '',
  ...(controlLine ? [controlLine] : []),
  ...(isFirefox
    ? ['Firefox: long tasks are gaps of 50 ms or more between the ticks of a 10 ms timer (no Long Tasks API); no Pause click (no input client: any driver would watch the network); no heap figure (no performance.memory).']
    : []),
  ...heapLines,
  ...heapLongFrameLines,
  searchReport(searchResult),
  ...(catastrophicResult ? [catastrophicReport(catastrophicResult)] : []),
  ...(retentionResult ? [retentionReport(retentionResult)] : []),
  importReport(importResult),
  lensLine(),
  scriptLensLine(),
  ...(chartsFlood || chartsDraw ? [chartsReport(chartsDraw, chartsFlood, CHARTS_FLOOD.label)] : []),
  sizeLine,
  foreignSummary(),
  `Took ${fmt((finishedAt.getTime() - startedAt.getTime()) / 1000)} s; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at the end.`,
].join('\n');
log(report);

const resultsDir = join(root, 'bench', 'results');
await mkdir(resultsDir, { recursive: true });
const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${opts.browser}.json`);
await writeFile(
  file,
  `${JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      browser: opts.browser,
      machine: { ...machine, loadavgAtEnd: loadavg() },
      git,
      targets: TARGETS,
      cases,
      appBuilt: build.app,
      summary: {
        throughput: Object.fromEntries(
          cases.map((c) => [
            c.key,
            {
              bare: medianRate(c.key, 'bare'),
              worker: medianRate(c.key, 'worker'),
              main: medianRate(c.key, 'main'),
              bareWithCdp: medianRate(c.key, 'bare+cdp'),
            },
          ]),
        ),
        longFrames: Object.fromEntries(
          cases.map((c) => [
            c.key,
            Object.fromEntries(['bare', 'worker', 'main'].map((s) => [s, longFramesOf(c.key, s)])),
          ]),
        ),
        heap: Object.fromEntries([...heapResults].map(([k, r]) => [k, r.heap ?? null])),
        search: searchResult,
        catastrophic: catastrophicResult,
        retention: retentionResult,
        import: importResult,
        lens: lensResult,
        scriptLens: scriptLensResult,
        charts: { flood: chartsFlood, draw: chartsDraw },
        size,
      },
      report,
      runs: raw,
    },
    null,
    2,
  )}\n`,
);
log(`results: ${file.slice(root.length + 1)}`);
