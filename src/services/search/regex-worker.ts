import { REGEX_DEADLINE_MS, Watchdog, serveRegex } from '../../lib/filter/regex-deadline';
import type { RegexReply, RegexRequest } from '../../lib/filter/regex-deadline';

/**
 * The page's side of a regex Worker (regex.worker.ts): requests one at a
 * time, a deadline on each item. When the Worker stays silent past the
 * deadline it is terminated (a regex cannot be interrupted otherwise), the
 * request is answered `stuck`, and the next request gets a fresh Worker.
 *
 * Which item was stuck: the Worker says `at` before an item when about 1 ms
 * passed since it last spoke, so the stuck item is at or after the last `at`
 * and the items between took under 1 ms together. To name it exactly, the
 * rest of the request is sent once more to a fresh Worker that says `at`
 * before every item, under a short deadline.
 */

/** The Worker-like object the client drives (a real Worker, or a fake in tests). */
export interface RegexPort {
  postMessage(message: RegexRequest): void;
  terminate(): void;
  onmessage: ((e: { data: RegexReply | { type: 'ready' } }) => void) | null;
}

export type RegexOutcome =
  | { type: 'test'; hits: Uint8Array }
  | { type: 'ranges'; ranges: Array<Array<[number, number]>> }
  | { type: 'error'; error: string }
  /** item `index` of the request ran past the deadline (exact: known to be that item; else at or after it) */
  | { type: 'stuck'; index: number; exact: boolean }
  | { type: 'cancelled' };

type Request = RegexRequest extends infer R ? (R extends RegexRequest ? Omit<R, 'id'> : never) : never;

/** The second, exact pass's deadline. */
export const LOCATE_MS = 250;

interface Pending {
  req: Request;
  resolve: (o: RegexOutcome) => void;
  owner: object | undefined;
}

/** A request cancelled after running this long takes its Worker with it (else its answer is dropped). */
const KILL_AFTER_MS = 20;

export interface RegexClientOptions {
  deadlineMs?: number;
  locateMs?: number;
  /** makes the Worker; default a module Worker from regex.worker.ts, or inline (no deadline) where there are no Workers */
  spawn?: () => RegexPort;
  now?: () => number;
}

function spawnWorker(name: string): RegexPort {
  return new Worker(new URL('./regex.worker.ts', import.meta.url), { type: 'module', name }) as unknown as RegexPort;
}

/** A Worker-less stand-in (Node, tests without Workers): matches inline, with no deadline. */
function inlinePort(): RegexPort {
  const port: RegexPort = {
    onmessage: null,
    terminate: () => undefined,
    postMessage: (req) => {
      queueMicrotask(() => serveRegex(req, (reply) => port.onmessage?.({ data: reply })));
    },
  };
  queueMicrotask(() => port.onmessage?.({ data: { type: 'ready' } }));
  return port;
}

export class RegexClient {
  private port: RegexPort | null = null;
  private ready = false;
  private queue: Pending[] = [];
  private current: { id: number; job: Pending; sentAt: number; from: number; lastAt: number; locating: boolean; watchdog: Watchdog } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private readonly spawn: () => RegexPort;
  private readonly now: () => number;
  readonly deadlineMs: number;
  private readonly locateMs: number;
  /** Workers terminated past a deadline (for tests and the bench) */
  restarts = 0;

  constructor(name: string, options: RegexClientOptions = {}) {
    this.deadlineMs = options.deadlineMs ?? REGEX_DEADLINE_MS;
    this.locateMs = options.locateMs ?? LOCATE_MS;
    this.spawn = options.spawn ?? (() => (typeof Worker === 'undefined' ? inlinePort() : spawnWorker(name)));
    this.now = options.now ?? (() => performance.now());
  }

  /** Queues a request; `owner` lets cancelOwner() take back its requests. */
  run(req: Request, owner?: object): Promise<RegexOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ req, resolve, owner });
      this.pump();
    });
  }

  /** Answers `owner`'s requests `cancelled`; one running for a while is stopped with its Worker. */
  cancelOwner(owner: object): void {
    this.queue = this.queue.filter((q) => {
      if (q.owner !== owner) return true;
      q.resolve({ type: 'cancelled' });
      return false;
    });
    const cur = this.current;
    if (!cur || cur.job.owner !== owner) return;
    cur.job.resolve({ type: 'cancelled' });
    if (this.now() - cur.sentAt > KILL_AFTER_MS) {
      this.kill();
      this.current = null;
      this.onReady = null;
      this.pump();
    } else {
      // Let it finish; its answer goes nowhere.
      cur.job = { ...cur.job, resolve: () => undefined };
    }
  }

  /** Answers every queued request `cancelled` (the one running finishes or hits its deadline). */
  cancelQueued(): void {
    const queued = this.queue;
    this.queue = [];
    for (const q of queued) q.resolve({ type: 'cancelled' });
  }

  dispose(): void {
    this.cancelQueued();
    this.kill();
    if (this.current) this.current.job.resolve({ type: 'cancelled' });
    this.current = null;
  }

  private ensurePort(): RegexPort {
    if (this.port) return this.port;
    const port = this.spawn();
    this.ready = false;
    port.onmessage = (e) => {
      if (port !== this.port) return;
      this.receive(e.data);
    };
    this.port = port;
    return port;
  }

  private kill(): void {
    this.port?.terminate();
    this.port = null;
    this.ready = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.current) return;
    const port = this.ensurePort();
    if (!this.ready) return;
    const job = this.queue.shift();
    if (!job) return;
    this.send(port, job, job.req, false, this.deadlineMs);
  }

  private send(port: RegexPort, job: Pending, req: Request, locating: boolean, deadlineMs: number): void {
    const id = this.nextId++;
    const watchdog = new Watchdog(deadlineMs);
    this.current = { id, job, sentAt: this.now(), from: req.from, lastAt: req.from, locating, watchdog };
    watchdog.sent(this.now());
    port.postMessage({ ...req, id } as RegexRequest);
    this.arm();
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    const cur = this.current;
    if (!cur) return;
    this.timer = setTimeout(() => this.check(), Math.max(1, cur.watchdog.remaining(this.now())));
  }

  private check(): void {
    this.timer = null;
    const cur = this.current;
    if (!cur) return;
    if (!cur.watchdog.overdue(this.now())) {
      this.arm();
      return;
    }
    this.restarts++;
    this.kill();
    this.current = null;
    const { job, lastAt } = cur;
    if (cur.locating || cur.job.req.exact) {
      job.resolve({ type: 'stuck', index: lastAt, exact: true });
      this.pump();
      return;
    }
    // Narrow it down: the rest of the request again, `at` before every item, a short deadline.
    const port = this.ensurePort();
    const locate = { ...job.req, from: lastAt, exact: true } as Request;
    const start = () => this.send(port, job, locate, true, this.locateMs);
    if (this.ready) start();
    else this.onReady = start;
  }

  private onReady: (() => void) | null = null;

  private receive(msg: RegexReply | { type: 'ready' }): void {
    if (msg.type === 'ready') {
      this.ready = true;
      const go = this.onReady;
      this.onReady = null;
      if (go) go();
      else this.pump();
      return;
    }
    const cur = this.current;
    if (!cur || msg.id !== cur.id) return;
    cur.watchdog.heard(this.now());
    if (msg.type === 'at') {
      cur.lastAt = msg.index;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    if (cur.locating) {
      // It finished this time (the machine was busy, not the regex): say where it was, not exactly.
      cur.job.resolve({ type: 'stuck', index: cur.from, exact: false });
    } else if (msg.type === 'test') cur.job.resolve({ type: 'test', hits: msg.hits });
    else if (msg.type === 'ranges') cur.job.resolve({ type: 'ranges', ranges: msg.ranges });
    else cur.job.resolve({ type: 'error', error: msg.error });
    this.pump();
  }
}
