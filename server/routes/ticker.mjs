// @ts-check
import { WebSocket } from 'ws';
import { HIGH_WATER_MARK } from './route.mjs';

/** Never wake more often than this; at high rates one wake sends several ticks. */
const MIN_TIMER_MS = 4;

/**
 * Reads `rate` (ticks per second). Missing or not a number → 1; otherwise
 * clamped to 1..1000.
 *
 * @param {URLSearchParams} params
 */
export function tickerRate(params) {
  const value = Number.parseInt(params.get('rate') ?? '', 10);
  if (!Number.isFinite(value)) return 1;
  return Math.min(1000, Math.max(1, value));
}

/**
 * Streams JSON ticks `{"type":"tick","seq":1,"time":"<ISO>","symbol":"SOCK","price":123.45}`
 * at `rate` per second until the client leaves or `maxMs` passes, then
 * closes with 1000 "ticker finished".
 *
 * @param {import('./route.mjs').PlaygroundLimits} limits
 * @returns {import('./route.mjs').WsRoute}
 */
export function createTickerRoute(limits) {
  return {
    server: 'plain',
    accept: (params) => {
      const rate = tickerRate(params);
      return { ok: true, connect: (ws) => runTicker(ws, rate, limits.tickerMaxMs) };
    },
  };
}

/**
 * @param {WebSocket} ws
 * @param {number} rate
 * @param {number} maxMs
 */
function runTicker(ws, rate, maxMs) {
  const start = performance.now();
  const period = 1000 / rate;
  let seq = 0;
  let price = 123.45;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;

  const tick = () => {
    if (ws.readyState !== WebSocket.OPEN) return;
    const elapsed = performance.now() - start;
    // Tick n is due at (n - 1) * period; half a millisecond of slack so a
    // timer that fires a hair early does not push a tick to the next round.
    const due = Math.floor((elapsed + 0.5) / period) + 1;
    // A client that does not read does not get an ever-growing queue: ticks
    // wait (and go out late, in order) until the backlog is written.
    while (seq < due && ws.bufferedAmount < HIGH_WATER_MARK) {
      seq += 1;
      price = Math.max(1, Math.round((price + (Math.random() - 0.5) * 0.5) * 100) / 100);
      const time = new Date().toISOString();
      ws.send(JSON.stringify({ type: 'tick', seq, time, symbol: 'SOCK', price }));
    }
    const nextAt = seq * period;
    timer = setTimeout(tick, Math.max(MIN_TIMER_MS, nextAt - (performance.now() - start)));
  };

  const finish = setTimeout(() => {
    clearTimeout(timer);
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'ticker finished');
  }, maxMs);
  ws.on('close', () => {
    clearTimeout(timer);
    clearTimeout(finish);
  });
  tick();
}
