/**
 * The bare page's socket in a Worker (`--pages bare-worker`): it opens the
 * flood, counts nothing, and hands every message to the page in batches, the
 * binary payloads transferred, as Sockpit's socket Worker does. The page's
 * rate is then what this browser can deliver through a Worker to a page at all.
 */
type Start = { url: string };
type Batch = { n: number; last: string | ArrayBuffer | null; all?: (string | ArrayBuffer)[]; openAt?: number; closed?: { code: number; reason: string } };

const scope = self as unknown as { postMessage(m: Batch, o?: { transfer: Transferable[] }): void; onmessage: ((e: MessageEvent<Start>) => void) | null };
scope.onmessage = (e) => {
  const ws = new WebSocket(e.data.url);
  ws.binaryType = 'arraybuffer';
  let pending: (string | ArrayBuffer)[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const transfer = batch.filter((d): d is ArrayBuffer => d instanceof ArrayBuffer);
    // Every payload crosses to the page, as it would to an app that shows them.
    scope.postMessage({ n: batch.length, last: batch[batch.length - 1] ?? null, all: batch }, { transfer });
  };
  ws.onopen = (ev) => scope.postMessage({ n: 0, last: null, openAt: performance.timeOrigin + ev.timeStamp });
  ws.onmessage = (ev: MessageEvent<string | ArrayBuffer>) => {
    pending.push(ev.data);
    // Sockpit's host reports once per frame or so; a batch this size goes at once.
    if (pending.length >= 2048) flush();
    else timer ??= setTimeout(flush, 16);
  };
  ws.onclose = (ev) => {
    flush();
    scope.postMessage({ n: 0, last: null, closed: { code: ev.code, reason: ev.reason } });
  };
};
