import { isSecretName } from '../secrets';
import type { DecodedMessage, Field } from './types';

/**
 * The credentials in a frame as its lens decoded it, so the page can mask
 * them wherever the raw frame is shown (lib/secret-values.ts): what the lens
 * names itself (`DecodedMessage.secrets`: a STOMP passcode, an MQTT
 * password), and, in frames the user sent, the string values of fields whose
 * names mean a credential (`token`, `authorization`, `password`, `apiKey`, …:
 * lib/secrets.ts), such as a Socket.IO CONNECT's auth or a GraphQL
 * connection_init payload. Received frames are read only for what the lens
 * names: walking every field of a flood would cost, and what a server sends
 * back of ours is masked anyway once we sent it.
 */

const MAX_DEPTH = 8;
const MAX_NODES = 500;
/** An `Authorization` value's scheme and token: the token alone is masked too (it may be echoed without the scheme). */
const SCHEME = /^(?:bearer|basic|token|digest)\s+(\S+)$/i;

function walk(fields: readonly Field[], depth: number, out: string[], budget: { left: number }): void {
  for (const f of fields) {
    if (budget.left-- <= 0) return;
    if (typeof f.value === 'string' && f.value !== '' && !f.value.startsWith('•') && isSecretName(f.name)) {
      out.push(f.value);
      const scheme = SCHEME.exec(f.value);
      if (scheme?.[1]) out.push(scheme[1]);
    }
    if (f.children && depth < MAX_DEPTH) walk(f.children, depth + 1, out, budget);
  }
}

export function credentialsOf(messages: readonly DecodedMessage[], direction: 'in' | 'out'): string[] {
  const out: string[] = [];
  for (const m of messages) {
    if (m.secrets) out.push(...m.secrets);
    if (direction === 'out') walk(m.fields, 0, out, { left: MAX_NODES });
  }
  return out;
}
