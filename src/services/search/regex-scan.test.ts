import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../lib/ids';
import { EventLog } from '../../core/event-log';
import { Kind } from '../../core/events';
import { serveRegex } from '../../lib/filter/regex-deadline';
import type { RegexRequest } from '../../lib/filter/regex-deadline';
import { RegexClient } from './regex-worker';
import type { RegexPort } from './regex-worker';
import { RegexScan } from './regex-scan';

function textLog(texts: string[]): EventLog {
  const log = new EventLog(asConnectionId('c'));
  texts.forEach((t, i) => log.append(i % 2 === 0 ? Kind.OutText : Kind.InText, 1000 + i, t.length, t));
  return log;
}

/** Resolves when the scan has nothing pending or has stopped. */
function settled(scan: RegexScan): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (scan.stop || scan.error || scan.pending() === 0) {
        stop();
        resolve();
      }
    };
    const stop = scan.onChange(check);
    check();
  });
}

/** A port that serves requests inline (as the Worker would), except that a text "STUCK" never finishes. */
function portStuckOn(): RegexPort {
  const port: RegexPort = {
    onmessage: null,
    terminate: () => undefined,
    postMessage: (req: RegexRequest) => {
      setTimeout(() => {
        const stuck = req.texts.findIndex((t, i) => i >= req.from && t === 'STUCK');
        if (stuck < 0) {
          serveRegex(req, (r) => port.onmessage?.({ data: r }));
          return;
        }
        if (req.exact) for (let i = req.from; i <= stuck; i++) port.onmessage?.({ data: { type: 'at', id: req.id, index: i } });
      }, 0);
    },
  };
  setTimeout(() => port.onmessage?.({ data: { type: 'ready' } }), 0);
  return port;
}

describe('RegexScan', () => {
  it('matches ahead in chunks, recording which events matched below scannedEnd', async () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => `{"seq":${i}}`);
    const log = textLog(texts);
    // Only received messages are candidates (the rest of the filter, on the page).
    const scan = new RegexScan([log], /"seq":\d*7\}/, { pre: (l, seq) => l.kindAt(seq) === Kind.InText, client: new RegexClient('t') });
    // Nothing is known before the scan runs.
    expect(scan.scannedEnd(0)).toBe(0);
    expect(scan.pending([undefined])).toBe(10_000);
    scan.run([undefined]);
    await settled(scan);
    expect(scan.scannedEnd(0)).toBe(10_000);
    expect(scan.progress()).toBe(1);
    const want = texts.map((_, i) => i).filter((i) => i % 2 === 1 && i % 10 === 7);
    expect(texts.map((_, i) => i).filter((i) => scan.matches(0, i))).toEqual(want);
  });

  it('stops at the deadline, naming the stuck event, and goes no further', async () => {
    const log = textLog(['a', 'b', 'c', 'STUCK', 'd']);
    const client = new RegexClient('t', { spawn: portStuckOn, deadlineMs: 30, locateMs: 30 });
    const scan = new RegexScan([log], /x/, { pre: null, client });
    scan.run([undefined]);
    await settled(scan);
    expect(scan.stop).toEqual({ seq: 3, exact: true, deadlineMs: 30, connection: undefined });
    expect(scan.scannedEnd(0)).toBe(0);
    // More events do not restart it.
    log.append(Kind.InText, 2000, 1, 'x');
    scan.run([undefined]);
    expect(scan.scannedEnd(0)).toBe(0);
  });

  it('pause() stops posting; run() resumes where it was', async () => {
    const log = textLog(Array.from({ length: 40_000 }, (_, i) => `m${i}`));
    const scan = new RegexScan([log], /m1/, { pre: null, client: new RegexClient('t') });
    scan.run([undefined]);
    scan.pause();
    await new Promise((r) => setTimeout(r, 10));
    expect(scan.scannedEnd(0)).toBeLessThan(40_000);
    scan.run([20_000]);
    await settled(scan);
    expect(scan.scannedEnd(0)).toBeGreaterThanOrEqual(20_000);
    expect(scan.pending([20_000])).toBe(0);
    expect(scan.matches(0, 1)).toBe(true);
    expect(scan.matches(0, 2)).toBe(false);
  });
});
