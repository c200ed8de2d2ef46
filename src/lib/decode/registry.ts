import type { DetectHint, Lens, LensId } from './types';
import { detectActionCable } from './lenses/actioncable/detect';
import { detectJson } from './lenses/json/detect';
import { detectJsonRpc } from './lenses/jsonrpc/detect';
import { detectGraphql } from './lenses/graphql/detect';
import { detectStomp } from './lenses/stomp/detect';
import { detectMqtt } from './lenses/mqtt/detect';
import { detectPhoenix } from './lenses/phoenix/detect';
import { detectSignalR } from './lenses/signalr/detect';
import { detectWamp } from './lenses/wamp/detect';
import { detectMsgpack } from './lenses/msgpack/detect';
import { detectCbor } from './lenses/cbor/detect';
import { detectProtobuf } from './lenses/protobuf/detect';
import { detectSocketIo } from './lenses/socketio/detect';

/**
 * Every lens, by id: its name, its detection (small, always loaded) and a
 * loader for the rest (decode, encode, session), which is split into its own
 * chunk so that the first screen does not pay for protocols it may never see.
 */
export interface LensInfo {
  id: LensId;
  name: string;
  /** one line for the Decode as menu */
  description: string;
  detect(hint: DetectHint): number;
  load(): Promise<Lens>;
  /** the lens is `lazy` (JSON, JSON-RPC): known before its code loads */
  lazy?: boolean;
}

export const LENSES: readonly LensInfo[] = [
  {
    id: 'socketio',
    name: 'Socket.IO',
    description: 'Engine.IO 3/4 and Socket.IO v2–v4: events, acks, namespaces, binary attachments; pings answered',
    detect: detectSocketIo,
    load: () => import('./lenses/socketio/index').then((m) => m.socketIoLens),
  },
  {
    id: 'graphql',
    name: 'GraphQL',
    description: 'GraphQL over WebSocket (graphql-transport-ws and legacy graphql-ws): operations, results, errors; pairs by id',
    detect: detectGraphql,
    load: () => import('./lenses/graphql/index').then((m) => m.graphqlLens),
  },
  {
    id: 'stomp',
    name: 'STOMP',
    description: 'STOMP 1.0–1.2 frames: commands, headers, bodies, heart-beats; pairs receipts and subscriptions',
    detect: detectStomp,
    load: () => import('./lenses/stomp/index').then((m) => m.stompLens),
  },
  {
    id: 'mqtt',
    name: 'MQTT',
    description: 'MQTT 3.1.1 and 5.0: every packet, v5 properties and reason codes; CONNECT, keepalive and QoS acks',
    detect: detectMqtt,
    load: () => import('./lenses/mqtt/index').then((m) => m.mqttLens),
  },
  {
    id: 'signalr',
    name: 'SignalR',
    description: 'ASP.NET Core SignalR JSON hub protocol: handshake, invocations, streams, completions, pings; pairs by invocation id',
    detect: detectSignalR,
    load: () => import('./lenses/signalr/index').then((m) => m.signalRLens),
  },
  {
    id: 'phoenix',
    name: 'Phoenix Channels',
    description: 'Phoenix Channels (serializers 1.0.0 and 2.0.0): joins, replies, pushes, heartbeats; pairs by ref',
    detect: detectPhoenix,
    load: () => import('./lenses/phoenix/index').then((m) => m.phoenixLens),
  },
  {
    id: 'actioncable',
    name: 'Action Cable',
    description: 'Rails Action Cable: welcome, pings, subscriptions, broadcasts; identifiers and data decoded from their JSON strings',
    detect: detectActionCable,
    load: () => import('./lenses/actioncable/index').then((m) => m.actionCableLens),
  },
  {
    id: 'wamp',
    name: 'WAMP',
    description: 'WAMP v2 JSON (wamp.2.json): sessions, pub/sub, RPC; pairs requests with their replies and errors by request id',
    detect: detectWamp,
    load: () => import('./lenses/wamp/index').then((m) => m.wampLens),
  },
  {
    id: 'msgpack',
    name: 'MessagePack',
    description: 'binary frames as MessagePack values: maps, arrays, extensions, timestamps',
    detect: detectMsgpack,
    load: () => import('./lenses/msgpack/index').then((m) => m.msgpackLens),
  },
  {
    id: 'cbor',
    name: 'CBOR',
    description: 'binary frames as CBOR data items: tags, bignums, indefinite lengths',
    detect: detectCbor,
    load: () => import('./lenses/cbor/index').then((m) => m.cborLens),
  },
  {
    id: 'protobuf',
    name: 'Protocol Buffers',
    description: 'binary frames as protobuf messages, with a .proto you paste (or raw field numbers without one)',
    detect: detectProtobuf,
    load: () => import('./lenses/protobuf/index').then((m) => m.protobufLens),
  },
  {
    id: 'jsonrpc',
    name: 'JSON-RPC 2.0',
    description: 'requests, notifications, results, errors and batches; pairs by id',
    detect: detectJsonRpc,
    lazy: true,
    load: () => import('./lenses/jsonrpc/index').then((m) => m.jsonRpcLens),
  },
  {
    id: 'json',
    name: 'JSON',
    description: 'any JSON text: a field tree, searchable by path',
    detect: detectJson,
    lazy: true,
    load: () => import('./lenses/json/index').then((m) => m.jsonLens),
  },
];

const byId = new Map<LensId, LensInfo>(LENSES.map((l) => [l.id, l]));
const loaded = new Map<LensId, Lens>();
const loading = new Map<LensId, Promise<Lens>>();

export function lensInfo(id: LensId): LensInfo | undefined {
  return byId.get(id);
}

export function isLensId(v: unknown): v is LensId {
  return typeof v === 'string' && byId.has(v as LensId);
}

/** The lens if its code is loaded already (synchronous readers: the timeline, the filter). */
export function loadedLens(id: LensId): Lens | undefined {
  return loaded.get(id);
}

/** Loads a lens's code once; later calls share the promise. */
export function loadLens(id: LensId): Promise<Lens> {
  const have = loaded.get(id);
  if (have) return Promise.resolve(have);
  let p = loading.get(id);
  if (!p) {
    const info = byId.get(id);
    if (!info) return Promise.reject(new Error(`no lens "${id}"`));
    p = info.load().then((lens) => {
      loaded.set(id, lens);
      loading.delete(id);
      return lens;
    });
    loading.set(id, p);
  }
  return p;
}

/** Registers an already imported lens (tests, Node). */
export function registerLens(lens: Lens): void {
  loaded.set(lens.id, lens);
}

export interface Detection {
  id: LensId;
  score: number;
}

/**
 * The lens that is surest of the connection, or null. Ties go to the lens
 * listed first, so more specific protocols (JSON-RPC) win over general ones
 * (JSON) when both are equally sure.
 */
export function detectLens(hint: DetectHint): Detection | null {
  let best: Detection | null = null;
  for (const info of LENSES) {
    let score = 0;
    try {
      score = info.detect(hint);
    } catch {
      score = 0;
    }
    if (score > 0 && (!best || score > best.score)) best = { id: info.id, score };
  }
  return best;
}
