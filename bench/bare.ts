import { watchLongFrames } from './page/loaf';
import { now, postResults, readParams, requestClick, seqOf, waitUntilReady, watchClicks, watchLongTasks } from './page/common';

/**
 * The limit: a page whose onmessage only counts. Same /flood stream, same
 * binaryType as Sockpit's default ('arraybuffer'). Its rate is what this
 * browser can deliver to a page's main thread at all.
 */
const p = readParams();
const longTasks = watchLongTasks();
const longFrames = watchLongFrames();
const clicks = p.click ? watchClicks(() => true) : null;
const button = document.getElementById('pause');

await waitUntilReady(p.run);
const ws = new WebSocket(p.flood);
ws.binaryType = 'arraybuffer';
let n = 0;
let openAt = 0;
let finished = false;
const half = Math.floor(p.count / 2);

async function finish(doneAt: number, lastSeq: number, error: string | null): Promise<void> {
  if (finished) return;
  finished = true;
  ws.close();
  await postResults(p.run, {
    page: 'bare',
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
setTimeout(() => void finish(now(), -1, `timed out after ${n} of ${p.count} messages`), p.timeoutMs);
