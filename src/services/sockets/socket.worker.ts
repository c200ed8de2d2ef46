import { SocketHost } from '../../core/socket-host';
import type { HostCommand } from '../../core/protocol';

// The dedicated Worker that owns every WebSocket: receiving here leaves the
// page's main thread to rendering and input.
const host = new SocketHost((report, transfer) => {
  self.postMessage(report, { transfer });
});

self.addEventListener('message', (e: MessageEvent<HostCommand>) => {
  host.handle(e.data);
});
