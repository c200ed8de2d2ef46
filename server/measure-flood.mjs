// @ts-check
/**
 * Measures /flood throughput to a Node `ws` client on loopback:
 *   node server/measure-flood.mjs [count] [size] [text|binary]
 * Starts its own playground on an ephemeral 127.0.0.1 port, runs three
 * floods and prints each rate and the median.
 */
import { WebSocket } from 'ws';
import { startPlayground } from './playground.mjs';

const count = Number(process.argv[2] ?? 200_000);
const size = Number(process.argv[3] ?? 64);
const type = process.argv[4] ?? 'text';
const RUNS = 3;

/**
 * @param {string} url
 * @returns {Promise<number>} messages per second
 */
function run(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}/flood?count=${count}&size=${size}&type=${type}`, { perMessageDeflate: false });
    let received = 0;
    let start = 0;
    const timeout = setTimeout(() => {
      ws.terminate();
      reject(new Error(`timed out after ${received} of ${count} messages`));
    }, 120_000);
    ws.on('open', () => (start = performance.now()));
    ws.on('message', () => {
      received += 1;
      if (received === count) {
        const seconds = (performance.now() - start) / 1000;
        clearTimeout(timeout);
        ws.close();
        resolve(count / seconds);
      }
    });
    ws.on('error', reject);
  });
}

const playground = await startPlayground({ port: 0 });
try {
  /** @type {number[]} */
  const rates = [];
  for (let i = 0; i < RUNS; i += 1) {
    const rate = await run(playground.url);
    rates.push(rate);
    console.log(`run ${i + 1}: ${Math.round(rate).toLocaleString('en-US')} msg/s`);
  }
  rates.sort((a, b) => a - b);
  const median = /** @type {number} */ (rates[Math.floor(RUNS / 2)]);
  console.log(
    `median of ${RUNS}: ${Math.round(median).toLocaleString('en-US')} msg/s ` +
      `(${count} × ${size} B ${type}, ${((median * size) / 1e6).toFixed(1)} MB/s payload)`,
  );
} finally {
  await playground.close();
}
