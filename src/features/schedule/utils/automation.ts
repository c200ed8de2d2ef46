import type { ConnectionId } from '../../../lib/ids';
import * as sockets from '../../../services/sockets/socket-service';
import { useStore } from '../../../store/store';
import { closedByUser, reconnect } from '../../../store/actions';
import { sendTemplate } from '../../../store/automate-actions';
import type { TemplateFormat } from '../../../store/automate-slice';
import type { ReconnectPolicy } from '../../../store/types';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { MAX_REPEAT_COUNT, MIN_REPEAT_MS } from './forms';

/**
 * The timers behind scheduled sends and auto-reconnect. They live here, not
 * in React: a repeat keeps going whichever connection is on screen. The store
 * only mirrors what the UI shows (`repeats`, `reconnectWaits`).
 *
 * - A repeat sends at once, then every `everyMs` on a drift-free schedule
 *   (the n-th send is due at start + n·everyMs; a late timer never bursts to
 *   catch up). It stops after `count` sends, on Stop, when the socket closes,
 *   and when the connection is removed.
 * - Auto-reconnect hears every close of a live socket (socket-service
 *   `onSocketEvent`). Unless the user asked for the close (Close, Remove) or
 *   the connection's policy is off, it waits `backoffDelay(attempt)` and calls
 *   `reconnect`. Each step is a note in the timeline. An open resets the count.
 */

const { setState, getState } = useStore;

export type RepeatSource =
  | { kind: 'payload'; data: string | Uint8Array | Blob; label: string }
  | { kind: 'template'; format: TemplateFormat; body: string; label: string }
  /** a user script's next(i, vars) makes each message, in the sandbox (docs/user-code.md) */
  | { kind: 'script'; scriptId: string; name: string; source: string; label: string };

interface RepeatJob {
  source: RepeatSource;
  everyMs: number;
  count: number | null;
  sent: number;
  /** performance.now() of the first send, moved forward after a stall */
  startedAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  lastPublished: number;
  /** a script source: loaded into the sandbox for this repeat */
  loaded?: boolean;
}

const jobs = new Map<ConnectionId, RepeatJob>();
const PUBLISH_EVERY_MS = 100;

function publish(id: ConnectionId, job: RepeatJob): void {
  job.lastPublished = performance.now();
  setState((s) => ({ repeats: { ...s.repeats, [id]: { label: job.source.label, everyMs: job.everyMs, count: job.count, sent: job.sent } } }));
}

function unpublish(id: ConnectionId): void {
  setState((s) => {
    if (!s.repeats[id]) return {};
    const repeats = { ...s.repeats };
    delete repeats[id];
    return { repeats };
  });
}

function sendOnce(id: ConnectionId, source: Exclude<RepeatSource, { kind: 'script' }>): string | null {
  if (source.kind === 'payload') {
    sockets.send(id, source.data);
    return null;
  }
  const r = sendTemplate(id, { format: source.format, body: source.body }, false);
  return r.ok ? null : r.error;
}

/** What a script's next(i, vars) gave, sent; or why not. The script is loaded (as its own copy) on the first call. */
async function sendFromScript(id: ConnectionId, job: RepeatJob, source: Extract<RepeatSource, { kind: 'script' }>): Promise<string | null> {
  const api = (await import('../../../services/sandbox/sandbox-client')).getSandbox();
  const copy = `${source.scriptId}-next`;
  const where = (e: { message: string; line?: number; column?: number }) => `${e.message}${e.line !== undefined ? ` (line ${e.line}${e.column !== undefined ? `:${e.column}` : ''})` : ''}`;
  if (!job.loaded) {
    const l = await api.load({ id: copy, name: source.name, source: source.source, enabled: true });
    if (!l.ok) return `${source.name}: ${where(l.error)}`;
    if (!l.value.functions.includes('next')) return `${source.name} defines no next(i, vars)`;
    job.loaded = true;
  }
  const r = await api.call(copy, 'next', [job.sent, { sent: job.sent, count: job.count, everyMs: job.everyMs }]);
  if (!r.ok) return `${source.name}: next(${job.sent}) ${r.error.kind === 'timeout' ? 'ran out of time' : 'failed'}: ${where(r.error)}`;
  if (typeof r.value !== 'string' && !(r.value instanceof Uint8Array)) return `${source.name}: next(${job.sent}) must return a string or a Uint8Array`;
  if (jobs.get(id) === job && sockets.getLiveFacts(id).readyState === 'OPEN') sockets.send(id, r.value);
  return null;
}

function tick(id: ConnectionId): void {
  const job = jobs.get(id);
  if (!job) return;
  job.timer = null;
  const state = sockets.getLiveFacts(id).readyState;
  if (state !== 'OPEN') {
    stopRepeat(id, `repeat stopped: the connection is ${state}`);
    return;
  }
  const source = job.source;
  if (source.kind === 'script') {
    void sendFromScript(id, job, source).then((error) => {
      if (jobs.get(id) === job) afterSend(id, job, error);
    });
    return;
  }
  afterSend(id, job, sendOnce(id, source));
}

function afterSend(id: ConnectionId, job: RepeatJob, error: string | null): void {
  if (error) {
    stopRepeat(id, `repeat stopped: ${error}`, 'error');
    return;
  }
  job.sent++;
  if (job.count !== null && job.sent >= job.count) {
    jobs.delete(id);
    unpublish(id);
    sockets.appendNote(id, 'info', `repeat done: ${job.sent} sent`);
    return;
  }
  const now = performance.now();
  let due = job.startedAt + job.sent * job.everyMs;
  if (now - due > job.everyMs) {
    // Stalled (a background tab, a busy thread): carry on from now rather than burst.
    job.startedAt = now - job.sent * job.everyMs;
    due = now;
  }
  job.timer = setTimeout(() => tick(id), Math.max(0, due - now));
  if (now - job.lastPublished >= PUBLISH_EVERY_MS || job.everyMs >= PUBLISH_EVERY_MS) publish(id, job);
}

/** Starts repeating on an OPEN connection (replacing a repeat already running there). Returns an error to show, or null. */
export function startRepeat(id: ConnectionId, source: RepeatSource, everyMs: number, count: number | null): string | null {
  const state = sockets.getLiveFacts(id).readyState;
  if (state !== 'OPEN') return `Not started: the connection is ${state}; connect first`;
  if (!Number.isFinite(everyMs) || everyMs < MIN_REPEAT_MS) return `Not started: the interval must be at least ${MIN_REPEAT_MS} ms`;
  if (count !== null && (!Number.isSafeInteger(count) || count < 1 || count > MAX_REPEAT_COUNT)) return 'Not started: the count must be a whole number from 1';
  if (jobs.has(id)) stopRepeat(id, null);
  const job: RepeatJob = { source, everyMs, count, sent: 0, startedAt: performance.now(), timer: null, lastPublished: 0 };
  jobs.set(id, job);
  sockets.appendNote(id, 'info', `repeat: ${source.label} every ${everyMs} ms, ${count === null ? 'until stopped' : `${count} times`}`);
  publish(id, job);
  tick(id);
  return null;
}

/** Stops the repeat on a connection; `reason` null stops silently. */
export function stopRepeat(id: ConnectionId, reason: string | null = 'repeat stopped by the user', level: 'info' | 'warn' | 'error' = 'info'): void {
  const job = jobs.get(id);
  if (!job) return;
  if (job.timer !== null) clearTimeout(job.timer);
  jobs.delete(id);
  unpublish(id);
  if (reason) sockets.appendNote(id, level, `${reason} (${job.sent}${job.count === null ? '' : ` of ${job.count}`} sent)`);
}

// ---------------------------------------------------------------------------
// Auto-reconnect

const attempts = new Map<ConnectionId, number>();
const waits = new Map<ConnectionId, ReturnType<typeof setTimeout>>();

function policyOf(id: ConnectionId): ReconnectPolicy | undefined {
  const c = getState().connections.find((x) => x.id === id);
  return c && c.source !== 'import' && c.autoReconnect?.enabled ? c.autoReconnect : undefined;
}

function clearWait(id: ConnectionId): void {
  const timer = waits.get(id);
  if (timer !== undefined) clearTimeout(timer);
  waits.delete(id);
  setState((s) => {
    if (!s.reconnectWaits[id]) return {};
    const reconnectWaits = { ...s.reconnectWaits };
    delete reconnectWaits[id];
    return { reconnectWaits };
  });
}

/** Cancels a pending auto-reconnect (the countdown's Cancel button). */
export function cancelReconnect(id: ConnectionId): void {
  if (!waits.has(id)) return;
  clearWait(id);
  attempts.delete(id);
  sockets.appendNote(id, 'info', 'auto-reconnect cancelled');
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function scheduleReconnect(id: ConnectionId, policy: ReconnectPolicy): void {
  const attempt = (attempts.get(id) ?? 0) + 1;
  if (policy.maxAttempts > 0 && attempt > policy.maxAttempts) {
    attempts.delete(id);
    sockets.appendNote(id, 'warn', `auto-reconnect gave up after ${policy.maxAttempts} attempt${policy.maxAttempts === 1 ? '' : 's'}`);
    return;
  }
  attempts.set(id, attempt);
  const delayMs = backoffDelay(attempt, { ...DEFAULT_BACKOFF, baseMs: policy.baseMs, maxMs: policy.maxMs });
  const of = policy.maxAttempts > 0 ? ` of ${policy.maxAttempts}` : '';
  sockets.appendNote(id, 'info', `auto-reconnect: attempt ${attempt}${of} in ${formatSeconds(delayMs)}`);
  clearWait(id);
  setState((s) => ({ reconnectWaits: { ...s.reconnectWaits, [id]: { attempt, at: Date.now() + delayMs, delayMs } } }));
  waits.set(
    id,
    setTimeout(() => {
      clearWait(id);
      // The user may have reconnected, closed for good or switched it off meanwhile.
      if (sockets.getLiveFacts(id).readyState !== 'CLOSED' || !policyOf(id)) return;
      sockets.appendNote(id, 'info', `auto-reconnect: attempt ${attempt}${of} now`);
      reconnect(id);
    }, delayMs),
  );
}

function onSocketEvent(id: ConnectionId, event: 'open' | 'close'): void {
  if (event === 'open') {
    attempts.delete(id);
    if (waits.has(id)) clearWait(id);
    return;
  }
  if (jobs.has(id)) stopRepeat(id, 'repeat stopped: the connection closed');
  const policy = policyOf(id);
  if (!policy || closedByUser(id)) {
    attempts.delete(id);
    return;
  }
  scheduleReconnect(id, policy);
}

/** A removed connection's repeat, reconnect countdown and attempt count go with it (the core's connection-removed hook). */
function forgetAutomation(id: ConnectionId): void {
  const job = jobs.get(id);
  if (job?.timer != null) clearTimeout(job.timer);
  jobs.delete(id);
  const timer = waits.get(id);
  if (timer !== undefined) clearTimeout(timer);
  waits.delete(id);
  attempts.delete(id);
}

sockets.onConnectionRemoved(forgetAutomation);

/** Whether a repeat, a reconnect countdown or an attempt count is kept for this connection. */
export function hasAutomation(id: ConnectionId): boolean {
  return jobs.has(id) || waits.has(id) || attempts.has(id);
}

/** Drops timers of connections that are gone and waits whose policy was switched off. */
function sweep(): void {
  const { connections } = getState();
  const live = new Set(connections.map((c) => c.id));
  for (const id of [...jobs.keys()]) if (!live.has(id)) stopRepeat(id, null);
  for (const id of [...waits.keys()]) {
    if (!live.has(id)) {
      const timer = waits.get(id);
      if (timer !== undefined) clearTimeout(timer);
      waits.delete(id);
    } else if (!policyOf(id)) {
      cancelReconnect(id);
    }
  }
  for (const id of [...attempts.keys()]) if (!live.has(id)) attempts.delete(id);
}

let started = false;

/** Wires the timers to the socket service and the store; call once at boot. */
export function startAutomation(): void {
  if (started) return;
  started = true;
  sockets.onSocketEvent(onSocketEvent);
  useStore.subscribe((s, prev) => {
    if (s.connections !== prev.connections) sweep();
  });
}
