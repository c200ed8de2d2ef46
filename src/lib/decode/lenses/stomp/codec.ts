/**
 * STOMP framing (https://stomp.github.io/stomp-specification-1.2.html, and
 * the 1.1 and 1.0 texts): a command line, header lines `name:value`, a
 * blank line, the body, a NUL; EOLs between frames are heart-beats. Our own
 * codec: @stomp/stompjs has a parser, but it is internal to its client,
 * streams into callbacks and never reports a malformed frame, which is what
 * a console has to show.
 */

export type StompVersion = '1.0' | '1.1' | '1.2';

export const CLIENT_COMMANDS: readonly string[] = ['CONNECT', 'STOMP', 'SEND', 'SUBSCRIBE', 'UNSUBSCRIBE', 'ACK', 'NACK', 'BEGIN', 'COMMIT', 'ABORT', 'DISCONNECT'];
export const SERVER_COMMANDS: readonly string[] = ['CONNECTED', 'MESSAGE', 'RECEIPT', 'ERROR'];

export interface StompHeader {
  name: string;
  value: string;
  /** the line as sent, before unescaping */
  raw: string;
  /** a later repeat of an earlier name: the first one counts */
  repeated?: boolean;
}

export interface StompFrame {
  command: string;
  headers: StompHeader[];
  body: Uint8Array;
  /** problems found; the frame is shown as far as it could be read */
  errors: string[];
}

export type StompPart = { kind: 'heartbeat'; eols: number } | { kind: 'frame'; frame: StompFrame };

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const MAX_HEADERS = 1000;

const utf8 = new TextDecoder('utf-8');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Headers of these frames are never escaped (1.2 §Value Encoding). */
function escapes(command: string, version: StompVersion): boolean {
  return version !== '1.0' && command !== 'CONNECT' && command !== 'CONNECTED';
}

/** Undoes 1.1/1.2 header escaping; 1.1 has no `\r`. */
export function unescapeHeader(s: string, version: StompVersion): { ok: true; value: string } | { ok: false; error: string; value: string } {
  if (!s.includes('\\')) return { ok: true, value: s };
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = s[i + 1];
    i++;
    if (e === 'n') out += '\n';
    else if (e === 'c') out += ':';
    else if (e === '\\') out += '\\';
    else if (e === 'r' && version === '1.2') out += '\r';
    else return { ok: false, error: `invalid escape "\\${e ?? ''}" (STOMP ${version} knows \\n \\c \\\\${version === '1.2' ? ' \\r' : ''})`, value: s };
  }
  return { ok: true, value: out };
}

export function escapeHeader(s: string, version: StompVersion): string {
  if (version === '1.0') return s;
  let out = '';
  for (const c of s) {
    if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === ':') out += '\\c';
    else if (c === '\r' && version === '1.2') out += '\\r';
    else out += c;
  }
  return out;
}

function lineAt(bytes: Uint8Array, from: number): { text: string; next: number } | null {
  const lf = bytes.indexOf(LF, from);
  if (lf < 0) return null;
  const end = lf > from && bytes[lf - 1] === CR ? lf - 1 : lf;
  return { text: utf8.decode(bytes.subarray(from, end)), next: lf + 1 };
}

/** Splits one WebSocket message into heart-beats and frames. Never throws. */
export function parseStomp(bytes: Uint8Array, version: StompVersion): StompPart[] {
  const parts: StompPart[] = [];
  const n = bytes.length;
  let p = 0;
  while (p < n) {
    let eols = 0;
    while (p < n && (bytes[p] === LF || (bytes[p] === CR && bytes[p + 1] === LF))) {
      p += bytes[p] === CR ? 2 : 1;
      eols++;
    }
    if (eols > 0) {
      parts.push({ kind: 'heartbeat', eols });
      continue;
    }
    const frame: StompFrame = { command: '', headers: [], body: new Uint8Array(0), errors: [] };
    parts.push({ kind: 'frame', frame });
    const cmd = lineAt(bytes, p);
    if (!cmd) {
      frame.command = utf8.decode(bytes.subarray(p, Math.min(n, p + 64))).replace(/\0.*$/s, '');
      frame.errors.push('the command line has no end of line');
      return parts;
    }
    frame.command = cmd.text;
    if (!CLIENT_COMMANDS.includes(cmd.text) && !SERVER_COMMANDS.includes(cmd.text)) frame.errors.push(`unknown command "${cmd.text.slice(0, 40)}"`);
    p = cmd.next;
    const esc = escapes(frame.command, version);
    const seen = new Set<string>();
    let headersEnded = false;
    while (p < n) {
      if (bytes[p] === LF) {
        p++;
        headersEnded = true;
        break;
      }
      if (bytes[p] === CR && bytes[p + 1] === LF) {
        p += 2;
        headersEnded = true;
        break;
      }
      const line = lineAt(bytes, p);
      if (!line) {
        // the rest has no end of line: the frame is cut off (a NUL may still be in it)
        const nul = bytes.indexOf(NUL, p);
        const rest = utf8.decode(bytes.subarray(p, nul < 0 ? n : nul));
        frame.errors.push(`the frame ends inside its headers: "${rest.slice(0, 40)}"`);
        return parts;
      }
      p = line.next;
      if (frame.headers.length >= MAX_HEADERS) {
        frame.errors.push(`more than ${MAX_HEADERS} headers; the rest are not shown`);
        continue;
      }
      const colon = line.text.indexOf(':');
      if (colon < 0) {
        frame.errors.push(`header line without a colon: "${line.text.slice(0, 60)}"`);
        continue;
      }
      const rawName = line.text.slice(0, colon);
      const rawValue = line.text.slice(colon + 1);
      let name = rawName;
      let value = rawValue;
      if (esc) {
        const un = unescapeHeader(rawName, version);
        const uv = unescapeHeader(rawValue, version);
        if (!un.ok) frame.errors.push(`header "${rawName.slice(0, 40)}": ${un.error}`);
        if (!uv.ok) frame.errors.push(`header "${rawName.slice(0, 40)}": ${uv.error}`);
        name = un.value;
        value = uv.value;
      }
      const h: StompHeader = { name, value, raw: line.text };
      if (seen.has(name)) h.repeated = true;
      seen.add(name);
      frame.headers.push(h);
    }
    if (!headersEnded) {
      frame.errors.push('the frame ends before the blank line that ends its headers (and has no NUL)');
      return parts;
    }
    const cl = header(frame, 'content-length');
    if (cl !== undefined) {
      if (!/^\d{1,10}$/.test(cl)) {
        frame.errors.push(`content-length "${cl.slice(0, 20)}" is not a number of bytes`);
      } else {
        const len = Number(cl);
        if (p + len > n) {
          frame.body = bytes.slice(p, n);
          frame.errors.push(`content-length ${len} is longer than the body (${n - p} B left)`);
          return parts;
        }
        frame.body = bytes.slice(p, p + len);
        p += len;
        if (bytes[p] !== NUL) {
          frame.errors.push(`no NUL after the ${len} B of content-length`);
          const nul = bytes.indexOf(NUL, p);
          if (nul < 0) return parts;
          p = nul;
        }
        p++;
        p = skipTrailingEols(bytes, p);
        continue;
      }
    }
    const nul = bytes.indexOf(NUL, p);
    if (nul < 0) {
      frame.body = bytes.slice(p, n);
      frame.errors.push('the frame does not end with a NUL');
      return parts;
    }
    frame.body = bytes.slice(p, nul);
    p = skipTrailingEols(bytes, nul + 1);
  }
  return parts;
}

/** EOLs right after a frame's NUL belong to that frame (1.2: frame = … NULL *(EOL)). */
function skipTrailingEols(bytes: Uint8Array, p: number): number {
  let i = p;
  while (i < bytes.length && (bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] === LF))) i += bytes[i] === CR ? 2 : 1;
  return i;
}

/** The first value of a header (a repeated header: the first one wins). */
export function header(frame: Pick<StompFrame, 'headers'>, name: string): string | undefined {
  for (const h of frame.headers) if (h.name === name) return h.value;
  return undefined;
}

/** The body as text when it is valid UTF-8, else null. */
export function bodyText(body: Uint8Array): string | null {
  try {
    return utf8Strict.decode(body);
  } catch {
    return null;
  }
}

/**
 * Serializes a frame. Headers are escaped per version (never for CONNECT,
 * CONNECTED or 1.0, where a value with a line break is an error).
 */
export function serializeStomp(
  command: string,
  headers: ReadonlyArray<readonly [string, string]>,
  body: string | Uint8Array,
  version: StompVersion = '1.2',
): { ok: true; text: string } | { ok: false; error: string } {
  const esc = escapes(command, version);
  let head = `${command}\n`;
  for (const [name, value] of headers) {
    if (!esc) {
      if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) return { ok: false, error: `header "${name}": a line break cannot be sent in ${command === 'CONNECT' || command === 'CONNECTED' ? command : 'STOMP 1.0'} headers` };
      if (name.includes(':')) return { ok: false, error: `header name "${name}" cannot hold a colon here` };
      head += `${name}:${value}\n`;
    } else head += `${escapeHeader(name, version)}:${escapeHeader(value, version)}\n`;
  }
  const b = typeof body === 'string' ? body : utf8.decode(body);
  return { ok: true, text: `${head}\n${b}\0` };
}

export function utf8Length(s: string): number {
  return encoder.encode(s).byteLength;
}

export function toBytes(s: string): Uint8Array {
  return encoder.encode(s);
}
