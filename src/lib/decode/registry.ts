import type { DetectHint, Lens, LensId } from './types';
import { detectJson } from './lenses/json/detect';
import { detectJsonRpc } from './lenses/jsonrpc/detect';
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
    id: 'jsonrpc',
    name: 'JSON-RPC 2.0',
    description: 'requests, notifications, results, errors and batches; pairs by id',
    detect: detectJsonRpc,
    load: () => import('./lenses/jsonrpc/index').then((m) => m.jsonRpcLens),
  },
  {
    id: 'json',
    name: 'JSON',
    description: 'any JSON text: a field tree, searchable by path',
    detect: detectJson,
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
