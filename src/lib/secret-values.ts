import { maskValues } from './environments';

/**
 * The secret values of the environments in this page (src/store keeps it up
 * to date), so every place that shows captured text (timeline rows, the
 * inspector, Copy selected) masks them the same way without each one
 * reading the store. A module table, like the socket registry: one page,
 * one set of secrets.
 */
let envValues: readonly string[] = [];
/** Credentials the protocol lenses found in captured frames (a STOMP passcode, an MQTT password, an auth token sent on connect). */
let captured: string[] = [];
/** Both sets, longest first (a longer value is masked before a shorter one inside it). */
let values: readonly string[] = [];
let version = 0;

/** Values shorter than this are not masked in raw text: masking "ab" everywhere would hide ordinary words (lib/environments.ts uses the same floor). */
export const MIN_MASKED_LENGTH = 3;
/** At most this many captured credentials are kept (the oldest go first). */
const MAX_CAPTURED = 256;

function rebuild(): void {
  const all = new Set<string>([...envValues, ...captured]);
  values = [...all].sort((a, b) => b.length - a.length);
  version++;
}

export function setSecretValues(next: readonly string[]): void {
  if (next.length === envValues.length && next.every((v, i) => v === envValues[i])) return;
  envValues = [...next];
  rebuild();
}

/**
 * Adds credentials a lens found in a frame (lib/decode/secrets.ts), so every
 * place that masks environment secrets (timeline rows, the inspector's text
 * and hex, Copy selected, exports) masks these too, in that frame and in any
 * other that repeats them (an echo). Kept for the page's life.
 */
export function addCapturedSecrets(found: readonly string[]): void {
  let added = false;
  for (const v of found) {
    if (v.length < MIN_MASKED_LENGTH || captured.includes(v)) continue;
    captured.push(v);
    added = true;
  }
  if (!added) return;
  if (captured.length > MAX_CAPTURED) captured = captured.slice(captured.length - MAX_CAPTURED);
  rebuild();
}

/** Forgets the captured credentials (tests). */
export function clearCapturedSecrets(): void {
  if (captured.length === 0) return;
  captured = [];
  rebuild();
}

/** Bumps when the set changes (memoized rows take it as a prop to redraw). */
export function secretValuesVersion(): number {
  return version;
}

/** The text with every known secret value as `••••`. */
export function maskSecretValues(text: string): string {
  return values.length === 0 ? text : maskValues(text, values);
}

/** The known secret values (environments' and captured credentials), longest first (exports scrub them). */
export function knownSecretValues(): readonly string[] {
  return values;
}

let encoded: { version: number; values: Uint8Array[] } = { version: -1, values: [] };

/**
 * Which bytes of `bytes` belong to a known secret value (as UTF-8), as a
 * flag per byte, or null when none do: hex dumps and previews show those
 * bytes as `••`, so a secret sent in a binary frame is masked like one in
 * text.
 */
export function secretByteMask(bytes: Uint8Array): Uint8Array | null {
  if (values.length === 0 || bytes.length === 0) return null;
  if (encoded.version !== version) {
    const enc = new TextEncoder();
    encoded = { version, values: values.map((v) => enc.encode(v)) };
  }
  let mask: Uint8Array | null = null;
  for (const needle of encoded.values) {
    const first = needle[0];
    if (first === undefined || needle.length > bytes.length) continue;
    for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
      let j = 1;
      while (j < needle.length && bytes[i + j] === needle[j]) j++;
      if (j < needle.length) continue;
      mask ??= new Uint8Array(bytes.length);
      mask.fill(1, i, i + needle.length);
    }
  }
  return mask;
}

/** The longest known secret value, in UTF-8 bytes at most (a preview of n bytes looks n + this far for a secret that starts inside it). */
export function longestSecretBytes(): number {
  return values.reduce((n, v) => Math.max(n, v.length * 3), 0);
}
