// @ts-check
/**
 * Binding an HTTP server to a port, with an error a person can act on.
 * Shared by the playground server and the static server in scripts/.
 */

/**
 * Starts listening and resolves with the port actually bound (useful with port 0).
 * Rejects with an Error whose `code` is kept ('EADDRINUSE', 'EACCES', ...) and
 * whose message names the host and port.
 *
 * @param {import('node:http').Server} server
 * @param {string} host
 * @param {number} port
 * @returns {Promise<number>}
 */
export function listen(server, host, port) {
  return new Promise((resolve, reject) => {
    /** @param {NodeJS.ErrnoException} error */
    const onError = (error) => {
      server.off('listening', onListening);
      const message =
        error.code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is already in use`
          : error.code === 'EACCES'
            ? `Permission denied to listen on ${host}:${port}`
            : `Cannot listen on ${host}:${port}: ${error.message}`;
      /** @type {NodeJS.ErrnoException} */
      const wrapped = new Error(message, { cause: error });
      if (error.code !== undefined) wrapped.code = error.code;
      reject(wrapped);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Host as it appears in a URL (IPv6 literals get brackets).
 *
 * @param {string} host
 */
export function urlHost(host) {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
