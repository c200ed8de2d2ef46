// @ts-check
import { WebSocket } from 'ws';
import { intParam } from '../params.mjs';

/**
 * @typedef {object} PauseOptions
 * @property {number} before messages before the silence
 * @property {number} pause length of the silence, ms
 * @property {number} after messages after it
 * @property {number} every ms between two messages of a run
 */

/**
 * Validates `before`, `pause`, `after` and `every` of /pause.
 *
 * @param {URLSearchParams} params
 * @returns {import('../params.mjs').Parsed<PauseOptions>}
 */
export function parsePauseParams(params) {
  const before = intParam(params, 'before', { min: 1, max: 1000, fallback: 5 });
  if (!before.ok) return before;
  const pause = intParam(params, 'pause', { min: 0, max: 60_000, fallback: 3000 });
  if (!pause.ok) return pause;
  const after = intParam(params, 'after', { min: 1, max: 1000, fallback: 5 });
  if (!after.ok) return after;
  const every = intParam(params, 'every', { min: 1, max: 10_000, fallback: 100 });
  if (!every.ok) return every;
  return { ok: true, value: { before: before.value, pause: pause.value, after: after.value, every: every.value } };
}

/**
 * A known silence, for the charts' inter-arrival gaps: `before` text messages
 * `{"phase":"before","seq":n}` `every` ms apart, then nothing for `pause` ms,
 * then `after` messages `{"phase":"after","seq":n}`, then it echoes whatever
 * it receives until the client closes.
 *
 * @type {import('./route.mjs').WsRoute}
 */
export const pauseRoute = {
  server: 'plain',
  accept: (params) => {
    const parsed = parsePauseParams(params);
    if (!parsed.ok) return parsed;
    return { ok: true, connect: (ws) => runPause(ws, parsed.value) };
  },
};

/**
 * @param {WebSocket} ws
 * @param {PauseOptions} o
 */
function runPause(ws, o) {
  /** @type {NodeJS.Timeout[]} */
  const timers = [];
  const at = (/** @type {number} */ ms, /** @type {() => void} */ fn) => timers.push(setTimeout(fn, ms));
  const send = (/** @type {string} */ phase, /** @type {number} */ seq) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ phase, seq }));
  };
  for (let i = 0; i < o.before; i += 1) at(i * o.every, () => send('before', i + 1));
  const resume = (o.before - 1) * o.every + o.pause;
  for (let i = 0; i < o.after; i += 1) at(resume + i * o.every, () => send('after', i + 1));
  ws.on('message', (data, isBinary) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary: isBinary });
  });
  ws.on('close', () => timers.forEach(clearTimeout));
}
