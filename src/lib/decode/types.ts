/**
 * The decode layer's shapes (docs/protocols.md). A **lens** reads the frames
 * of one protocol spoken over WebSocket (Socket.IO, MQTT, STOMP, …) and turns
 * each frame into zero or more decoded messages; it can also encode a message
 * to send, and may run an automatic session (answer pings, send CONNECT on
 * open). Everything here is plain TypeScript: no React, no DOM, no store, so
 * it runs in the page, in a Worker and under Node.
 */

export type LensId =
  | 'json'
  | 'jsonrpc'
  | 'socketio'
  | 'graphql'
  | 'mqtt'
  | 'stomp'
  | 'signalr'
  | 'phoenix'
  | 'actioncable'
  | 'wamp'
  | 'msgpack'
  | 'cbor'
  | 'protobuf';

/** A custom lens: the user script of this id decodes the connection (docs/user-code.md). */
export type ScriptDecodeAs = `script:${string}`;

/** What a connection decodes as: Auto (detect), Raw (no lens), a named lens or a user script. */
export type DecodeAs = 'auto' | 'raw' | LensId | ScriptDecodeAs;

export function scriptDecodeAs(scriptId: string): ScriptDecodeAs {
  return `script:${scriptId}`;
}

/** The script id of a `script:<id>` Decode as; null for anything else. */
export function scriptIdOf(as: DecodeAs | string | undefined): string | null {
  return typeof as === 'string' && as.startsWith('script:') && as.length > 7 ? as.slice(7) : null;
}

export function isScriptDecodeAs(as: DecodeAs | string | undefined): as is ScriptDecodeAs {
  return scriptIdOf(as) !== null;
}

/** One WebSocket frame as a lens sees it. Blob frames are not decoded. */
export type Frame =
  | { direction: 'in' | 'out'; format: 'text'; text: string }
  | { direction: 'in' | 'out'; format: 'binary'; bytes: Uint8Array };

/**
 * A node of a decoded message's field tree, as the inspector shows it. Names
 * are data (a key `__proto__` is just a name); values are shown as text.
 */
export interface Field {
  name: string;
  /** a leaf's value; strings are shown quoted, bytes as hex */
  value?: string | number | boolean | null | Uint8Array;
  /** a short gloss after the value, e.g. "at most once" for QoS 0 */
  note?: string;
  children?: Field[];
}

/** How a decoded message takes part in request/reply pairing. */
export interface Correlation {
  /** equal keys pair; lenses prefix them so that kinds never collide ("ack:/chat:3") */
  key: string;
  /**
   * request: opens a pair; reply: closes it (RTT = reply − request);
   * partial: pairs with the open request but leaves it open (a GraphQL `next`
   * before its `complete`; the first one gives the RTT).
   */
  role: 'request' | 'reply' | 'partial';
}

export interface DecodedMessage {
  /** the lens's display name, e.g. "Socket.IO" */
  protocol: string;
  /** the message type's name as the protocol spells it, e.g. "EVENT", "PUBLISH", "next" */
  type: string;
  /** one line for the timeline row, e.g. `event "chat" · 2 args` */
  summary: string;
  fields: Field[];
  /**
   * decoded fields reachable by the filter's `field:value` syntax, e.g.
   * [['event', 'chat'], ['namespace', '/']]; `type` is always reachable.
   */
  keys?: ReadonlyArray<readonly [string, string]>;
  correlation?: Correlation;
  /** a keep-alive (Engine.IO ping/pong, PINGREQ, STOMP EOL, …): hidden by "Hide heartbeats" */
  heartbeat?: boolean;
  /** why the frame (or part of it) could not be read; the raw frame stays intact */
  error?: string;
  /** the teaching mode's explanation of how this frame encodes the message */
  explain?: string;
  /**
   * credentials this frame carries, as they appear in its raw text or bytes
   * (a STOMP passcode, an MQTT password): the page masks them wherever the
   * raw frame is shown (lib/decode/secrets.ts, lib/secret-values.ts)
   */
  secrets?: string[];
}

export interface DecodeResult {
  messages: DecodedMessage[];
  /**
   * true when decoding this frame used state from earlier frames (a Socket.IO
   * attachment, an MQTT packet split across frames): the index keeps its
   * result, since decoding the frame alone would give another answer.
   */
  stateful?: boolean;
}

/**
 * What detection knows about a connection. A lens's detect (in its own small
 * detect.ts, always loaded; see registry.ts) says how sure it is: 0 = no,
 * 1 = the frames look like it, 2 = the URL says so, 3 = the subprotocol says so.
 */
export interface DetectHint {
  /** the URL as connected */
  url: string;
  /** the subprotocols offered */
  offered: readonly string[];
  /** the subprotocol the server chose ('' before open or when none) */
  protocol: string;
  /** the first few frames, oldest first */
  frames: readonly Frame[];
}

/** One field of a compose form, rendered by the composer. */
export interface ComposeField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'json' | 'number' | 'select' | 'checkbox';
  /** default value; checkboxes use 'true' / '' */
  initial?: string;
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  /** shown under the field */
  help?: string;
  optional?: boolean;
  /** a secret (a STOMP passcode): the composer masks what is typed, like a password input */
  secret?: boolean;
  /** the field's text may also be loaded from a file (protobuf's .proto): the file picker's label and what it accepts */
  load?: { label: string; accept: string };
}

/** A kind of message the composer can build for a lens (e.g. "emit", "PUBLISH"). */
export interface ComposeKind {
  id: string;
  label: string;
  fields: readonly ComposeField[];
}

export type ComposeValues = Readonly<Record<string, string>>;

/**
 * The exact frame(s) to send: most messages are one frame, a Socket.IO
 * binary event is its placeholder packet then one frame per attachment.
 */
/** How `encode` is asked: a preview reads the next automatic id (packet id, subscribe id) without taking it. */
export interface EncodeOptions {
  preview?: boolean;
}

export type EncodeResult = { ok: true; frames: Array<string | Uint8Array> } | { ok: false; error: string; field?: string };

/** What a lens session may do: send frames, keep timers, write notes. */
export interface SessionHost {
  send(data: string | Uint8Array): void;
  /** one-shot timer; returns its cancel */
  setTimer(ms: number, fn: () => void): () => void;
  now(): number;
  note(level: 'info' | 'warn' | 'error', text: string): void;
  /** the URL the socket connected to (STOMP takes its default `host` header from it) */
  url?: string;
}

/** An automatic session: lives beside the socket (in the socket Worker). */
export interface LensSession {
  /** the socket opened with this subprotocol */
  open(protocol: string): void;
  /** a frame arrived */
  receive(frame: Frame): void;
  /** the user (or the session) sent a frame */
  sent?(frame: Frame): void;
  /** the socket closed; cancel timers */
  close(): void;
}

/** Options of a lens's session (e.g. MQTT client id and keepalive), as strings like compose values. */
export type SessionOptions = ComposeValues;

export interface Lens<S = unknown> {
  id: LensId;
  /** display name, e.g. "Socket.IO" */
  name: string;
  createState(): S;
  /**
   * A copy of the session-level facts in `state` (the protocol version from
   * CONNECT, the Engine.IO version) without anything in flight (partial
   * packets, waiting attachments). The index decodes a frame again on its own
   * with a fork of the state of its time, when it shows a row it did not keep.
   * Absent: a fresh createState() is used.
   */
  fork?(state: S): S;
  /**
   * The socket opened with this subprotocol ('' for none): lets decode tell
   * variants of a protocol apart before any frame says (GraphQL
   * `graphql-transport-ws` vs legacy `graphql-ws`, STOMP v10/v11/v12).
   */
  opened?(state: S, protocol: string): void;
  decode(frame: Frame, state: S): DecodeResult;
  /**
   * Each frame decodes on its own and nothing is a heartbeat (JSON,
   * JSON-RPC): the index decodes only the frames something reads (rows in
   * view, a `field:value` search) instead of every frame as it arrives.
   */
  lazy?: boolean;
  compose?: readonly ComposeKind[];
  encode?(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult;
  /** the session's options form (shown in the connection's options when the lens is chosen) */
  sessionFields?: readonly ComposeField[];
  /** the automatic session; absent when the protocol has none */
  session?(host: SessionHost, options: SessionOptions): LensSession;
  /** rewrites the URL typed to the one to connect to (Socket.IO: http://host → ws://host/socket.io/?EIO=4&transport=websocket) */
  resolveUrl?(url: string, options: SessionOptions): { ok: true; url: string } | { ok: false; error: string };
  /** subprotocols to offer when none were typed (MQTT: "mqtt") */
  defaultProtocols?: readonly string[];
  /**
   * Options that change how frames decode and encode (protobuf: the .proto
   * text and the message type), shown in the connection's options when the
   * lens is chosen; the values go to `configure`.
   */
  optionsFields?: readonly ComposeField[];
  /**
   * This lens bound to its options: decode and encode of the returned lens
   * use them. An error names the option's field (e.g. "proto") and says
   * where (a .proto syntax error gives line and column).
   */
  configure?(options: SessionOptions): { ok: true; lens: Lens<S> } | { ok: false; error: string; field?: string };
}
