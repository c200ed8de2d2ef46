import type { Frame, Lens, SessionOptions } from '../../types';
import { createSocketIoState, decodeFrame, type SocketIoState } from './decode';
import { SOCKETIO_COMPOSE, encodeSocketIo } from './encode';
import { SOCKETIO_SESSION_FIELDS, createSocketIoSession } from './session';
import { resolveSocketIoUrl } from './url';

/**
 * Socket.IO v2, v3 and v4 over WebSocket (Engine.IO 3 and 4): every Engine.IO
 * packet, every Socket.IO packet inside its messages, binary attachments
 * assembled across frames; emit/connect/disconnect/ack/binary emit; a session
 * that connects the namespace and keeps the heartbeat; http://host →
 * ws://host/socket.io/?EIO=4&transport=websocket. docs/protocols/socketio.md.
 */
export const socketIoLens: Lens<SocketIoState> = {
  id: 'socketio',
  name: 'Socket.IO',
  /** The URL (EIO=) or the version option, when the host passes them, settle the version; else the traffic does. */
  createState: (init?: { url?: string; version?: string }) => createSocketIoState(init),
  // The Engine.IO version carries over; attachments in flight do not.
  fork: (s) => ({ ...createSocketIoState(), eio: s.eio, eioFrom: s.eioFrom }),
  decode: (frame: Frame, state: SocketIoState) => decodeFrame(frame, state),
  compose: SOCKETIO_COMPOSE,
  encode: encodeSocketIo,
  sessionFields: SOCKETIO_SESSION_FIELDS,
  session: createSocketIoSession,
  resolveUrl: (url: string, options: SessionOptions) => resolveSocketIoUrl(url, options),
};

export { createSocketIoState, decodeFrame } from './decode';
export { encodeSocketIo } from './encode';
export { resolveSocketIoUrl } from './url';
