import { isSecretName, maskUrl, MASK } from './secrets';

/**
 * Redaction for files that leave the browser (exports). Secrets ride in a
 * WebSocket handshake in three places, because a browser cannot set an
 * Authorization header:
 *
 * - the URL query (`?token=…`, `?api_key=…`, `X-Amz-Signature=…`): the value of
 *   every credential-like parameter becomes `REDACTED` (names as in
 *   `isSecretName`, lib/secrets.ts);
 * - the URL userinfo (`wss://user:pass@host`): becomes `REDACTED@`;
 * - the requested subprotocols, a common place for a bearer token
 *   (`Sec-WebSocket-Protocol: access_token, eyJhbGci…`): a value is kept only
 *   if it reads like a protocol name (see `looksLikeProtocolName`) and does not
 *   follow a credential-like value such as `access_token` or `Authorization`.
 *
 * Whatever is redacted is also remembered, so the same secret is replaced in
 * free text that could quote it (notes such as "not connected: … <url>").
 */

export const REDACTED = 'REDACTED';

/** Secrets shorter than this are only replaced where they sit (URL, subprotocol), not searched for in free text. */
const MIN_SCRUB_LENGTH = 4;

/** The URL with its userinfo and credential-like query values replaced by REDACTED. */
export function redactUrl(url: string): string {
  // maskUrl keeps the rest of the URL byte for byte; only swap its marker.
  return maskUrl(url).split(MASK).join(REDACTED);
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The secret strings a URL carries (raw and decoded), longest first. */
export function urlSecrets(url: string): string[] {
  const found = new Set<string>();
  const noFragment = url.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  if (q >= 0) {
    for (const pair of noFragment.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const value = pair.slice(eq + 1);
      if (value === '' || !isSecretName(decode(pair.slice(0, eq)))) continue;
      found.add(value);
      found.add(decode(value));
    }
  }
  const auth = /^\s*[a-z][a-z0-9+.-]*:[/\\]{2}([^/\\?#]*)@/i.exec(noFragment);
  const userinfo = auth?.[1];
  if (userinfo) {
    found.add(userinfo);
    for (const part of userinfo.split(':')) {
      if (part === '') continue;
      found.add(part);
      found.add(decode(part));
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * Whether a subprotocol value reads like a protocol name rather than a
 * credential: at most 32 characters of letters, digits and . _ - + /, and no
 * long run of mixed letters and digits (as tokens have). `graphql-ws`,
 * `v12.stomp`, `mqtt`, `wamp.2.json` pass; `eyJhbGciOi…`, `a1b2c3d4e5f6`,
 * `base64url.bearer.authorization.k8s.io.ZXlK…` do not.
 */
export function looksLikeProtocolName(value: string): boolean {
  if (value.length === 0 || value.length > 32) return false;
  if (!/^[A-Za-z0-9._+/-]+$/.test(value)) return false;
  for (const run of value.split(/[._+/-]/)) {
    if (run.length >= 8 && /[0-9]/.test(run) && /[A-Za-z]/.test(run)) return false;
    if (/[0-9]{8,}/.test(run)) return false;
  }
  return true;
}

/** The requested subprotocols with every credential-looking value replaced by REDACTED. */
export function redactSubprotocols(protocols: readonly string[]): string[] {
  let afterSecretName = false;
  return protocols.map((p) => {
    const keep = !afterSecretName && looksLikeProtocolName(p);
    afterSecretName = isSecretName(p);
    return keep ? p : REDACTED;
  });
}

/**
 * Redacts consistently across one export. Feed it every URL and subprotocol
 * list first (`url`, `protocols`), then `text` replaces any secret seen so
 * far in free text. With `enabled` false it passes everything through.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  /** whole URLs seen, original → redacted, to replace a quoted URL at once */
  private readonly urls = new Map<string, string>();
  /** secret values of environments (lib/environments.ts): replaced wherever they appear, message texts included */
  private readonly values: string[] = [];
  private changed = false;

  constructor(readonly enabled: boolean) {}

  /** Adds the secret values of environments: from now on they are REDACTED in URLs, free text and text payloads. */
  secretValues(values: readonly string[]): void {
    for (const v of values) if (v.length >= MIN_SCRUB_LENGTH && !this.values.includes(v)) this.values.push(v);
    this.values.sort((a, b) => b.length - a.length);
  }

  /** A text message's payload: only the environments' secret values are replaced (the rest is the message as it was). */
  payload(text: string): string {
    if (!this.enabled || this.values.length === 0) return text;
    const out = this.scrubValues(text);
    if (out !== text) this.changed = true;
    return out;
  }

  private scrubValues(text: string): string {
    let out = text;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    return out;
  }

  url(url: string): string {
    if (!this.enabled) return url;
    const scrubbed = this.scrubValues(url);
    if (scrubbed !== url) this.changed = true;
    return this.urlOnly(scrubbed, url);
  }

  private urlOnly(url: string, original: string): string {
    const redacted = redactUrl(url);
    if (redacted !== original) {
      this.changed = true;
      this.urls.set(original, redacted);
      for (const s of urlSecrets(url)) if (s.length >= MIN_SCRUB_LENGTH) this.secrets.add(s);
    }
    return redacted;
  }

  protocols(protocols: readonly string[]): string[] {
    if (!this.enabled) return [...protocols];
    const out = redactSubprotocols(protocols).map((p, i) => (p === protocols[i] ? this.scrubValues(p) : p));
    out.forEach((p, i) => {
      const original = protocols[i] ?? '';
      if (p === original) return;
      this.changed = true;
      if (original.length >= MIN_SCRUB_LENGTH) this.secrets.add(original);
    });
    return out;
  }

  /** A comma-separated subprotocol list as typed, redacted value by value. */
  protocolList(typed: string): string {
    if (!this.enabled || typed.trim() === '') return typed;
    const parts = typed.split(',').map((p) => p.trim());
    return this.protocols(parts).join(', ');
  }

  /** Free text with every secret seen so far replaced. */
  text(text: string): string {
    if (!this.enabled || text === '') return text;
    let out = this.scrubValues(text);
    for (const [original, redacted] of this.urls) if (out.includes(original)) out = out.split(original).join(redacted);
    if (this.secrets.size === 0) return out;
    const ordered = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of ordered) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  /** Whether anything was redacted so far. */
  get redactedAnything(): boolean {
    return this.changed;
  }
}
