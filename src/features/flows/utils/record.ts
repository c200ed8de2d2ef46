import type { SockEvent } from '../../../services/sockets/events';
import type { FlowDocument, FlowStep, JsonValue, Matcher } from '../../../lib/flows/types';
import { FLOW_VERSION } from '../../../lib/flows/types';
import { formatHex } from '../../../lib/codecs';
import { templateSecrets } from '../../../lib/environments';
import type { SecretVariable } from '../../../lib/environments';

/**
 * Record: timeline rows become a flow. Sent messages become `send` steps,
 * received ones `expect` steps whose matchers the user picks from the
 * message's JSON keys (or, for text that is not a JSON object, "contains" or
 * "equals" the text); a close becomes `expectClose`. The connection's URL
 * becomes the flow's connection.
 *
 * Secrets: a secret variable's value found in a text becomes `{{name}}`, so
 * the flow keeps the variable and never the value; bytes that hold a
 * secret's value are not recorded at all (a hex payload cannot name a
 * variable), and the dialog says so.
 */

/** One key of a received JSON object that an expect can match on. */
export interface KeyChoice {
  /** the JSON path, "$.type" */
  path: string;
  value: JsonValue;
  picked: boolean;
}

export type Proposal =
  | { kind: 'json'; keys: KeyChoice[] }
  | { kind: 'text'; mode: 'contains' | 'equals' }
  | { kind: 'other' };

/** Keys whose values change from run to run: not proposed by default. */
const VOLATILE = /^(time|ts|timestamp|date|now|at|sent_?at|created_?at|updated_?at|uuid|nonce)$/i;

const isPlainKey = (k: string) => /^[A-Za-z_$][\w$]*$/.test(k);

/** The JSON path of a top-level key: $.name, or $["odd key"]. */
export function keyPath(key: string): string {
  return isPlainKey(key) ? `$.${key}` : `$[${JSON.stringify(key)}]`;
}

/** What Record proposes for a message: the keys of a JSON object (scalars picked, except time-like ones), else the text. */
export function propose(event: SockEvent): Proposal {
  if (event.type !== 'message') return { kind: 'other' };
  if (event.format !== 'text') return { kind: 'other' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.text);
  } catch {
    return { kind: 'text', mode: 'equals' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'text', mode: 'equals' };
  const keys = Object.entries(parsed as Record<string, JsonValue>).map(([key, value]) => ({
    path: keyPath(key),
    value,
    picked: (value === null || typeof value !== 'object') && !VOLATILE.test(key),
  }));
  return keys.length === 0 ? { kind: 'text', mode: 'equals' } : { kind: 'json', keys };
}

/** The matchers a proposal stands for: a picked scalar key must equal its value, a picked object or list must exist. */
export function matchersOf(event: SockEvent, proposal: Proposal, secrets: readonly SecretVariable[] = []): Matcher[] {
  if (event.type !== 'message' || event.format !== 'text') return [];
  switch (proposal.kind) {
    case 'json':
      return proposal.keys
        .filter((k) => k.picked)
        .map((k) => (k.value !== null && typeof k.value === 'object' ? { path: k.path, exists: true } : { path: k.path, equals: typeof k.value === 'string' ? templateSecrets(k.value, secrets) : k.value }));
    case 'text': {
      const t = templateSecrets(event.text, secrets);
      return proposal.mode === 'contains' ? [{ contains: t }] : [{ equals: t }];
    }
    case 'other':
      return [];
  }
}

export interface RecordItem {
  event: SockEvent;
  proposal: Proposal;
}

/** Whether Record can turn this event into a step. */
export function recordable(event: SockEvent): boolean {
  if (event.type === 'close') return true;
  if (event.type !== 'message') return false;
  return event.format === 'text' || event.data instanceof ArrayBuffer;
}

/** The secret variable whose value (as UTF-8) these sent bytes hold, if any: such a row is not recorded. */
export function secretInBytes(event: SockEvent, secrets: readonly SecretVariable[]): SecretVariable | undefined {
  if (event.type !== 'message' || event.format !== 'binary' || !(event.data instanceof ArrayBuffer) || secrets.length === 0) return undefined;
  const bytes = new Uint8Array(event.data);
  const enc = new TextEncoder();
  return secrets.find((s) => indexOfBytes(bytes, enc.encode(s.value)) >= 0);
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0 || needle.length > hay.length) return -1;
  outer: for (let i = 0; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The step an event becomes, or null when it becomes none. */
export function stepOf(item: RecordItem, secrets: readonly SecretVariable[] = []): FlowStep | null {
  const { event, proposal } = item;
  if (event.type === 'close') return { type: 'expectClose', code: event.code, timeoutMs: 5000 };
  if (event.type !== 'message') return null;
  if (event.direction === 'out') {
    if (event.format === 'text') return { type: 'send', payload: { text: templateSecrets(event.text, secrets) } };
    if (secretInBytes(event, secrets)) return null;
    return event.data instanceof ArrayBuffer ? { type: 'send', payload: { hex: formatHex(new Uint8Array(event.data)) } } : null;
  }
  if (event.format === 'binary') {
    // Bytes are matched as the hex the timeline shows; a text matcher cannot see them, so expect any message next.
    return { type: 'expect', match: [{ regex: '[\\s\\S]*' }], next: true, timeoutMs: 5000 };
  }
  const match = matchersOf(event, proposal, secrets);
  return { type: 'expect', match: match.length > 0 ? match : [{ regex: '[\\s\\S]*' }], timeoutMs: 5000 };
}

/** The flow recorded from `items` (in timeline order) on a connection to `url`. */
export function recordFlow(name: string, url: string, items: readonly RecordItem[], secrets: readonly SecretVariable[] = []): FlowDocument {
  const steps: FlowStep[] = [{ type: 'connect' }];
  for (const item of items) {
    const step = stepOf(item, secrets);
    if (step) steps.push(step);
  }
  if (!items.some((i) => i.event.type === 'close')) steps.push({ type: 'close', code: 1000 });
  return { version: FLOW_VERSION, name, connections: [{ name: 'main', url }], steps };
}
