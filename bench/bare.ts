import { watchLongFrames } from './page/loaf';
import { now, postResults, readParams, requestClick, seqOf, waitUntilReady, watchClicks, watchLongTasks } from './page/common';

/**
 * The limit: a page whose onmessage only counts. Same /flood stream, same
 * binaryType as Sockpit's default ('arraybuffer'). Its rate is what this
 * browser can deliver to a page's main thread at all. With mode=worker
 * (`--pages bare-worker`) the socket lives in a Worker that hands every
 * message to the page, as Sockpit's default does: what a Worker-hosted
 * socket can deliver at all.
 */
const p = readParams();
const longTasks = watchLongTasks();
const longFrames = watchLongFrames();
const clicks = p.click ? watchClicks(() => true) : null;
const button = document.getElementById('pause');

await waitUntilReady(p.run);
let n = 0;
let openAt = 0;
let finished = false;
const half = Math.floor(p.count / 2);
let close = () => {};

async function finish(doneAt: number, lastSeq: number, error: string | null): Promise<void> {
  if (finished) return;
  finished = true;
  close();
  await postResults(p.run, {
    page: p.mode === 'worker' ? 'bare-worker' : 'bare',
    received: n,
    openAt,
    doneAt,
    lastSeq,
    error,
    longTasks: longTasks.between(openAt, doneAt),
    ...(longFrames ? { longFrames: longFrames.between(openAt, doneAt) } : {}),
    clicks: clicks ? await clicks.clicks() : [],
  });
}

if (p.mode === 'worker') {
  // The socket in a Worker, every message handed to this page (bench/page/bare-socket.worker.ts).
  const worker = new Worker(new URL('./page/bare-socket.worker.ts', import.meta.url), { type: 'module' });
  close = () => worker.terminate();
  worker.onmessage = (e: MessageEvent<{ n: number; last: string | ArrayBuffer | null; openAt?: number; closed?: { code: number; reason: string } }>) => {
    const m = e.data;
    if (m.openAt !== undefined) openAt = m.openAt;
    if (m.closed && n < p.count) void finish(now(), -1, `closed after ${n} messages: ${m.closed.code} ${m.closed.reason}`);
    if (m.n === 0) return;
    const before = n;
    n += m.n;
    if (before < half && n >= half && clicks && button) void requestClick(p.run, button);
    if (n >= p.count && m.last !== null) void finish(now(), seqOf(m.last), null);
  };
  worker.postMessage({ url: p.flood });
} else {
  const ws = new WebSocket(p.flood);
  ws.binaryType = 'arraybuffer';
  close = () => ws.close();
  ws.onopen = (e) => {
    openAt = performance.timeOrigin + e.timeStamp;
  };
  ws.onmessage = (e) => {
    n += 1;
    if (n === half && clicks && button) void requestClick(p.run, button);
    if (n === p.count) void finish(now(), seqOf(e.data), null);
  };
  ws.onclose = (e) => {
    if (n < p.count) void finish(now(), -1, `closed after ${n} messages: ${e.code} ${e.reason}`);
  };
}
setTimeout(() => void finish(now(), -1, `timed out after ${n} of ${p.count} messages`), p.timeoutMs);
