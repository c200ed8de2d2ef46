/**
 * The headless session core (issue 11): connections, their capture and the
 * waits a flow needs, with no React, no DOM and no store. The same core runs
 * in the page (sockets in the socket Worker) and under Node (sockets from the
 * `ws` package); what differs is passed in as a `CoreEnv`.
 *
 * This file is the contract the store, the lessons, the bench harness, the
 * flow engine (src/core/flows/) and the CLI build on.
 */
import type { ConnectionId } from '../lib/ids';
import type { DecodeAs, SessionOptions } from '../lib/decode/types';
import type { BinaryType, SockEvent } from './events';
import type { EventLog } from './event-log';

/** A WebSocket constructor as the WHATWG standard defines it (the browser's, or `ws`'s). */
export type WebSocketCtor = new (url: string, protocols?: string | string[]) => WebSocket;

/** Time as the core sees it: epoch milliseconds with sub-millisecond precision, and timers. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What one connection is opened with: the same fields as a ConnectionConfig, already parsed. */
export interface OpenConfig {
  /** taken when given (the store's connection id); a new id otherwise */
  id?: ConnectionId;
  url: string;
  /** a list, checked item by item; or the subprotocol field's text ("chat, v2"), split and trimmed as the field is */
  protocols?: string | readonly string[];
  binaryType?: BinaryType;
  /** Decode as; absent = 'auto' */
  decodeAs?: DecodeAs;
  /** the lens's automatic session is left to the user */
  sessionManual?: boolean;
  sessionOptions?: SessionOptions;
  /** options per lens (a ConnectionConfig's sessionOptions): the lens in use takes its own, before `sessionOptions` */
  sessionOptionsByLens?: Readonly<Record<string, SessionOptions>>;
}

export type OpenResult = { ok: true; id: ConnectionId } | { ok: false; errors: { url?: string; protocols?: string } };

export interface WaitOptions {
  /** rejects with a WaitError of reason 'timeout' after this long */
  timeoutMs: number;
  /** look at events from this seq on (default: the log's end when waitFor was called) */
  fromSeq?: number;
  /** rejects with reason 'aborted' when this signal aborts (Stop) */
  signal?: AbortSignal;
}

/** Why a wait ended without a match. `close` carries the close event that ended the connection. */
export class WaitError extends Error {
  constructor(
    readonly reason: 'timeout' | 'closed' | 'aborted' | 'removed',
    message: string,
    readonly close?: Extract<SockEvent, { type: 'close' }>,
  ) {
    super(message);
    this.name = 'WaitError';
  }
}

export type AppendListener = (id: ConnectionId, from: number, to: number) => void;

export interface SessionCore {
  /** checks the URL and subprotocols as `new WebSocket` would, then opens; returns the id or the errors by field */
  open(config: OpenConfig): OpenResult;
  send(id: ConnectionId, data: string | Uint8Array): void;
  close(id: ConnectionId, code?: number, reason?: string): void;
  /** closes the socket and frees the capture; every per-connection table registered with onRemoved forgets it */
  remove(id: ConnectionId): void;
  log(id: ConnectionId): EventLog | undefined;
  readyState(id: ConnectionId): 'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED';
  /**
   * Events [from, to) were appended to a connection's log. Told as soon as
   * they are appended (per host report), not per animation frame, so it runs
   * in background tabs and under Node.
   */
  onAppend(listener: AppendListener): () => void;
  /** a connection was removed: free whatever is kept for it */
  onRemoved(listener: (id: ConnectionId) => void): () => void;
  /**
   * The first event at or after `fromSeq` for which `predicate` holds.
   * Rejects with WaitError: 'timeout', 'closed' (the connection closed first;
   * a close event that itself matches resolves), 'aborted', 'removed'.
   */
  waitFor(id: ConnectionId, predicate: (event: SockEvent) => boolean, options: WaitOptions): Promise<SockEvent>;
}
