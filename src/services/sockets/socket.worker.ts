import { SocketHost } from '../../core/socket-host';
import type { HostCommand } from '../../core/protocol';

// The dedicated Worker that owns every WebSocket: receiving here leaves the
// page's main thread to rendering and input. Its reports move their texts as
// one string (core/text-pack.ts).
const host = new SocketHost(
  (report, transfer) => {
    self.postMessage(report, { transfer });
  },
  { packTexts: true },
);

self.addEventListener('message', (e: MessageEvent<HostCommand>) => {
  host.handle(e.data);
});
