// @ts-check
import { intParam } from '../params.mjs';

/**
 * `/drop?after=MS`: MS milliseconds after open (default 100, 0..10000) the
 * TCP socket is destroyed without a close frame, so the client sees an
 * abnormal closure (1006, wasClean false).
 *
 * @type {import('./route.mjs').WsRoute}
 */
export const dropRoute = {
  server: 'plain',
  accept: (params) => {
    const after = intParam(params, 'after', { min: 0, max: 10_000, fallback: 100 });
    if (!after.ok) return after;
    return {
      ok: true,
      connect: (ws) => {
        const timer = setTimeout(() => ws.terminate(), after.value);
        ws.on('close', () => clearTimeout(timer));
      },
    };
  },
};
