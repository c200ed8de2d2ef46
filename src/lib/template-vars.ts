/**
 * Variables in saved messages, expanded when the message is sent:
 *
 * | variable        | becomes                                                        |
 * |-----------------|----------------------------------------------------------------|
 * | `{{counter}}`   | the connection's send counter: 1, 2, 3… (one step per message) |
 * | `{{timestamp}}` | epoch milliseconds, e.g. 1732430587125                         |
 * | `{{isoTime}}`   | ISO 8601 UTC time, e.g. 2026-11-24T06:43:07.125Z               |
 * | `{{uuid}}`      | a random UUID v4 (a new one for each occurrence)               |
 * | `{{random}}`    | a random integer 0–4294967295 (a new one for each occurrence)  |
 *
 * Spaces inside the braces are allowed (`{{ uuid }}`). Anything else between
 * double braces is left exactly as typed and reported as unknown, so a message
 * that merely contains braces goes out unchanged. Expansion is a plain
 * search-and-replace over this fixed list: nothing in a template is ever
 * evaluated as code.
 *
 * Variables expand in text messages only; hex and base64 bodies are bytes and
 * are sent as written.
 *
 * Shared by the templates panel and scheduled sends; no React, no store.
 */
import { parseBase64, parseHex, utf8ByteLength } from './codecs';

export const TEMPLATE_VARIABLES = ['counter', 'timestamp', 'isoTime', 'uuid', 'random'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const VARIABLE_HELP: Record<TemplateVariable, string> = {
  counter: '1, 2, 3… one step per template message sent on this connection',
  timestamp: 'epoch milliseconds',
  isoTime: 'ISO 8601 UTC time',
  uuid: 'random UUID v4',
  random: 'random integer 0–4294967295',
};

/** Where the values come from: injectable so tests are deterministic. */
export interface ExpandContext {
  counter: number;
  /** epoch ms; one value for the whole message */
  now: number;
  uuid: () => string;
  /** a random unsigned 32-bit integer */
  random: () => number;
}

export interface Expansion {
  text: string;
  /** the known variables the template used, each once, in order of first use */
  used: TemplateVariable[];
  /** names between double braces that are not variables (left as typed), each once */
  unknown: string[];
}

const PATTERN = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function isVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

function valueOf(name: TemplateVariable, ctx: ExpandContext): string {
  switch (name) {
    case 'counter':
      return String(ctx.counter);
    case 'timestamp':
      return String(Math.floor(ctx.now));
    case 'isoTime':
      return new Date(ctx.now).toISOString();
    case 'uuid':
      return ctx.uuid();
    case 'random':
      return String(ctx.random() >>> 0);
  }
}

/** The text with every known variable replaced; unknown ones are kept as typed. */
export function expandTemplate(body: string, ctx: ExpandContext): Expansion {
  const used: TemplateVariable[] = [];
  const unknown: string[] = [];
  const text = body.replace(PATTERN, (whole: string, name: string) => {
    if (!isVariable(name)) {
      if (!unknown.includes(name)) unknown.push(name);
      return whole;
    }
    if (!used.includes(name)) used.push(name);
    return valueOf(name, ctx);
  });
  return { text, used, unknown };
}

/** Whether the body holds at least one known variable. */
export function usesVariables(body: string): boolean {
  for (const m of body.matchAll(PATTERN)) if (isVariable(m[1] ?? '')) return true;
  return false;
}

function randomUint32(): number {
  const one = new Uint32Array(1);
  crypto.getRandomValues(one);
  return one[0] ?? 0;
}

/** The real sources: the clock, crypto.randomUUID and crypto.getRandomValues. */
export function liveContext(counter: number, now: number = Date.now()): ExpandContext {
  return { counter, now, uuid: () => crypto.randomUUID(), random: randomUint32 };
}

export type PayloadFormat = 'text' | 'hex' | 'base64';

export type TemplatePayload =
  | {
      ok: true;
      /** what goes on the wire: the expanded text, or the bytes */
      data: string | Uint8Array;
      size: number;
      /** the expanded text, or the hex/base64 as written */
      text: string;
      used: TemplateVariable[];
      unknown: string[];
    }
  | { ok: false; error: string };

/** The exact frame a saved message stands for, variables expanded with `ctx`. */
export function buildTemplatePayload(format: PayloadFormat, body: string, ctx: ExpandContext): TemplatePayload {
  if (format === 'text') {
    const e = expandTemplate(body, ctx);
    return { ok: true, data: e.text, size: utf8ByteLength(e.text), text: e.text, used: e.used, unknown: e.unknown };
  }
  const r = format === 'hex' ? parseHex(body) : parseBase64(body);
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, data: r.bytes, size: r.bytes.length, text: body, used: [], unknown: [] };
}
