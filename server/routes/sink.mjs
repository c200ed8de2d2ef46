// @ts-check

/**
 * `/sink`: reads every message and keeps nothing but counts. After each
 * message it answers one text message,
 * `{"received":B,"total":T,"messages":N}`: that message's size in bytes, the
 * bytes received on this connection so far and how many messages. For large
 * sends: the answer arrives only once the server has read every byte. Messages
 * are limited to 100 MiB like every route (a larger one closes with 1009).
 *
 * @type {import('./route.mjs').WsRoute}
 */
export const sinkRoute = {
  server: 'plain',
  accept: () => ({
    ok: true,
    connect: (ws) => {
      let total = 0;
      let messages = 0;
      ws.on('message', (data) => {
        const received = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
        total += received;
        messages++;
        ws.send(JSON.stringify({ received, total, messages }));
      });
    },
  }),
};
