import { formatBytes } from './codecs';

/** The largest text file a field loads (a .proto): beyond it, an error rather than a frozen page. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export type TextFileResult = { ok: true; text: string } | { ok: false; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file the user chose, as UTF-8 text for a field (the protobuf lens's
 * .proto): refused when larger than `max` bytes or not UTF-8, with a
 * sentence that names the file. A leading byte order mark is dropped.
 */
export async function readTextFile(file: Blob & { name?: string }, max = MAX_TEXT_FILE_BYTES): Promise<TextFileResult> {
  const name = file.name ? `"${file.name}"` : 'the file';
  if (file.size > max) return { ok: false, error: `${name} is ${formatBytes(file.size)}; at most ${formatBytes(max)} is loaded` };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    return { ok: false, error: `${name} could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    // TextDecoder drops a UTF-8 byte order mark itself.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, error: `${name} is not UTF-8 text` };
  }
}
