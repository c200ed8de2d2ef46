/**
 * Decoding a connection's frames for `field` matchers: the connection's lens,
 * fed every frame in order (lenses carry state across frames), results kept
 * by seq. The lens is known before an expect starts waiting (named by the
 * connection's `lens`, or detected from the URL, subprotocols and the frames
 * so far under Auto), because matchers run synchronously on each event.
 */
import { detectLens, loadLens } from '../../lib/decode/registry';
import type { DecodedMessage, Frame, Lens, LensId } from '../../lib/decode/types';
import type { SockEvent } from '../events';
import type { EventLog } from '../event-log';

export type LensLoader = (id: LensId) => Promise<Lens>;

const MAX_DETECT_FRAMES = 8;

export function frameOf(e: SockEvent): Frame | null {
  if (e.type !== 'message') return null;
  if (e.format === 'text') return { direction: e.direction, format: 'text', text: e.text };
  return e.data instanceof ArrayBuffer ? { direction: e.direction, format: 'binary', bytes: new Uint8Array(e.data) } : null;
}

export class ConnectionDecoder {
  private state: unknown;
  private next: number;
  private readonly results = new Map<number, DecodedMessage[]>();

  private constructor(
    private readonly lens: Lens,
    private readonly log: () => EventLog | undefined,
    from: number,
    protocol: string,
  ) {
    this.state = lens.createState();
    lens.opened?.(this.state, protocol);
    this.next = from;
  }

  /** A decoder for the connection, or null when no lens decodes it. */
  static async create(options: {
    lens: LensId | 'auto' | 'raw' | undefined;
    url: string;
    protocols: readonly string[];
    log: () => EventLog | undefined;
    loadLens?: LensLoader;
  }): Promise<ConnectionDecoder | null> {
    const log = options.log();
    if (!log || options.lens === 'raw') return null;
    let protocol = '';
    const frames: Frame[] = [];
    for (let seq = log.start; seq < log.end && frames.length < MAX_DETECT_FRAMES; seq++) {
      const e = log.get(seq);
      if (e?.type === 'open') protocol = e.protocol;
      const f = e ? frameOf(e) : null;
      if (f) frames.push(f);
    }
    const id = options.lens === undefined || options.lens === 'auto' ? detectLens({ url: options.url, offered: options.protocols, protocol, frames })?.id : options.lens;
    if (!id) return null;
    const lens = await (options.loadLens ?? loadLens)(id);
    return new ConnectionDecoder(lens, options.log, log.start, protocol);
  }

  /** The decoded messages of event `e`, decoding every frame before it first. */
  decoded(e: SockEvent): DecodedMessage[] {
    const log = this.log();
    if (log) {
      while (this.next <= e.seq) {
        const ev = this.next === e.seq ? e : log.get(this.next);
        const f = ev ? frameOf(ev) : null;
        if (f && ev) {
          try {
            this.results.set(ev.seq, this.lens.decode(f, this.state).messages);
          } catch {
            this.results.set(ev.seq, []);
          }
        }
        this.next++;
      }
    }
    return this.results.get(e.seq) ?? [];
  }
}
