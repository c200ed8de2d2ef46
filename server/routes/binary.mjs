// @ts-check
import { echoMessages } from './echo.mjs';

/**
 * The four binary frames /binary sends on connect, in order. Documented in
 * docs/playground.md; tests compare against this list.
 *
 * @type {readonly Buffer[]}
 */
export const BINARY_FRAMES = Object.freeze([
  // (1) every byte value once: 00 01 02 … FE FF (256 bytes)
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  // (2) DE AD BE EF
  Buffer.from([0xde, 0xad, 0xbe, 0xef]),
  // (3) an empty binary frame
  Buffer.alloc(0),
  // (4) "Sockpit" in ASCII, then 00 FF
  Buffer.concat([Buffer.from('Sockpit', 'ascii'), Buffer.from([0x00, 0xff])]),
]);

/** @type {import('./route.mjs').WsRoute} */
export const binaryRoute = {
  server: 'plain',
  accept: () => ({
    ok: true,
    connect: (ws) => {
      for (const frame of BINARY_FRAMES) ws.send(frame, { binary: true });
      echoMessages(ws);
    },
  }),
};
