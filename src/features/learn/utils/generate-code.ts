import type { BinaryType } from '../../../core/events';
import { assertNever } from '../../../lib/assert-never';

/**
 * The plain JavaScript equivalent of what the user did on one socket:
 * `new WebSocket(url, protocols)`, `binaryType`, the four handlers, each
 * `send(...)` with the exact data and `close(code, reason)`. The text is meant
 * to be copied and run as is in a browser console; Sockpit itself never runs
 * it.
 */

/** A sent frame as code can write it. */
export type CodeData =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'blob'; bytes: Uint8Array; type: string }
  /** a Blob whose bytes are still being read */
  | { kind: 'pending-blob'; size: number }
  /** too large to write out: a stand-in of the same size */
  | { kind: 'omitted'; format: 'text' | 'binary'; size: number };

export interface CodeSend {
  /** ms after the open event */
  at: number;
  data: CodeData;
}

export interface CodeClose {
  /** ms after open, or null when close() was called before the socket opened */
  at: number | null;
  code: number | undefined;
  reason: string | undefined;
}

export interface CodeInput {
  url: string;
  protocols: readonly string[];
  binaryType: BinaryType;
  sends: readonly CodeSend[];
  close: CodeClose | null;
  /** replay at the original times (setTimeout), or one after the other at once */
  timing: boolean;
  /** extra comment lines for the top */
  notes?: readonly string[];
}

/** Payloads larger than this are replaced by a stand-in of the same size. */
export const MAX_LITERAL_BYTES = 1024 * 1024;
/** Up to this many bytes are written as an array literal; more as a hex string. */
const ARRAY_LITERAL_BYTES = 64;

const hex2 = (b: number): string => b.toString(16).padStart(2, '0');

/** A JavaScript expression that evaluates to a Uint8Array with exactly these bytes. */
export function bytesExpression(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'new Uint8Array(0)';
  if (bytes.length <= ARRAY_LITERAL_BYTES) return `new Uint8Array([${Array.from(bytes, (b) => `0x${hex2(b)}`).join(', ')}])`;
  let hex = '';
  for (const b of bytes) hex += hex2(b);
  return `Uint8Array.from(${JSON.stringify(hex)}.match(/../g), (h) => parseInt(h, 16))`;
}

/** A JavaScript string literal (JSON's syntax is valid JavaScript for strings). */
export function stringLiteral(s: string): string {
  return JSON.stringify(s);
}

/** The argument of `ws.send(...)` for one frame, and an end-of-line comment if any. */
export function sendArgument(data: CodeData): { expr: string; comment?: string } {
  switch (data.kind) {
    case 'text':
      return { expr: stringLiteral(data.text) };
    case 'bytes':
      return { expr: bytesExpression(data.bytes) };
    case 'blob': {
      const options = data.type === '' ? '' : `, { type: ${stringLiteral(data.type)} }`;
      return { expr: `new Blob([${bytesExpression(data.bytes)}]${options})` };
    }
    case 'pending-blob':
      return { expr: `new Blob([new Uint8Array(${data.size})])`, comment: 'reading the file’s bytes…' };
    case 'omitted':
      return data.format === 'text'
        ? { expr: `"x".repeat(${data.size})`, comment: `${data.size} characters were sent; too long to write out, so x's stand in` }
        : { expr: `new Uint8Array(${data.size})`, comment: `${data.size} bytes were sent; too many to write out, so zeros stand in` };
    default:
      return assertNever(data, 'code data');
  }
}

export function closeCall(close: Pick<CodeClose, 'code' | 'reason'>): string {
  if (close.code === undefined) return 'ws.close()';
  if (close.reason === undefined || close.reason === '') return `ws.close(${close.code})`;
  return `ws.close(${close.code}, ${stringLiteral(close.reason)})`;
}

function comment(text: string): string {
  return `// ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}

function statement(call: string, at: number, timing: boolean, note?: string): string {
  const tail = note ? ` ${comment(note)}` : '';
  if (!timing) return `  ${call};${tail}`;
  return `  setTimeout(() => ${call}, ${Math.max(0, Math.round(at))});${tail}`;
}

/** The whole program, ready to paste. */
export function generateCode(input: CodeInput): string {
  const lines: string[] = [];
  lines.push(comment('Sockpit: this socket in plain JavaScript.'));
  lines.push(comment('Paste it into a browser console to run it.'));
  for (const note of input.notes ?? []) lines.push(comment(note));
  const protocols = input.protocols.length === 0 ? '' : `, [${input.protocols.map(stringLiteral).join(', ')}]`;
  lines.push(`const ws = new WebSocket(${stringLiteral(input.url)}${protocols});`);
  lines.push(
    `ws.binaryType = ${stringLiteral(input.binaryType)};${input.binaryType === 'arraybuffer' ? ' ' + comment('not Blob, the default') : ''}`,
  );
  lines.push('');
  lines.push('ws.onopen = () => {');
  lines.push('  console.log("open", ws.protocol, ws.extensions);');
  const closeAfterOpen = input.close !== null && input.close.at !== null ? input.close : null;
  if (input.sends.length > 0 || closeAfterOpen) {
    lines.push(input.timing ? '  ' + comment('what you did, ms after open:') : '  ' + comment('what you did, in order:'));
  }
  for (const send of input.sends) {
    const { expr, comment: note } = sendArgument(send.data);
    lines.push(statement(`ws.send(${expr})`, send.at, input.timing, note));
  }
  if (closeAfterOpen) {
    const note = input.timing ? undefined : 'later replies are not delivered';
    lines.push(statement(closeCall(closeAfterOpen), closeAfterOpen.at ?? 0, input.timing, note));
  }
  lines.push('};');
  lines.push('ws.onmessage = (event) => {');
  lines.push('  console.log("received", event.data);');
  lines.push('};');
  lines.push('ws.onerror = () => {');
  lines.push('  ' + comment('no detail, by design: see the close event'));
  lines.push('  console.log("error");');
  lines.push('};');
  lines.push('ws.onclose = (event) => {');
  lines.push('  console.log("close", event.code, event.reason, event.wasClean);');
  lines.push('};');
  if (input.close !== null && input.close.at === null) {
    lines.push('');
    lines.push(`${closeCall(input.close)}; ${comment('called before the socket opened')}`);
  }
  return `${lines.join('\n')}\n`;
}
