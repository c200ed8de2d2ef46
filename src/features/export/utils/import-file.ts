import { formatBytes } from '../../../lib/codecs';
import { describeValue, field, ImportError, isObj } from './check';
import { importHar } from './import-har';
import { importSockpit } from './import-sockpit';
import type { ImportedData, ImportOptions } from './import-types';
import { MAX_IMPORT_BYTES, SOCKPIT_FORMAT } from './schema';

export type ImportResult = { ok: true; data: ImportedData } | { ok: false; error: string };

/** What import reads from a file: a File, or anything with a name, a size and its text. */
export interface ImportSource {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** One sentence for a JSON.parse failure, keeping the engine's position ("at position 1234 (line 5 column 9)"). */
function jsonError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/unexpected end of json input|unterminated/i.test(message)) return `the file ends in the middle of its JSON (was it cut short?): ${message}`;
  if (err instanceof RangeError) return 'the JSON is nested too deeply to read';
  return `not valid JSON: ${message}`;
}

/**
 * Parses and checks an export (Sockpit JSON or HAR). Nothing is added to the
 * app here: the result holds logs built off to the side, shown only once the
 * whole file checked out. Any problem is one error naming the file and where.
 */
export async function parseImportText(text: string, opts: ImportOptions): Promise<ImportResult> {
  const prefix = `Cannot import ${opts.fileName}`;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `${prefix}: ${jsonError(err)}` };
  }
  try {
    if (!isObj(root)) return { ok: false, error: `${prefix}: expected a JSON object at the top, got ${describeValue(root)}` };
    if (field(root, 'format') === SOCKPIT_FORMAT) return { ok: true, data: await importSockpit(root, opts) };
    if (isObj(field(root, 'log'))) return { ok: true, data: await importHar(root, opts) };
    if (field(root, 'format') !== undefined) {
      return { ok: false, error: `${prefix}: "format" is ${describeValue(field(root, 'format'))}; a Sockpit export has "format": "sockpit"` };
    }
    return { ok: false, error: `${prefix}: not a Sockpit export or a HAR file (expected {"format": "sockpit", …} or {"log": {"entries": […]}})` };
  } catch (err) {
    if (err instanceof ImportError) return { ok: false, error: `${prefix}: ${err.message}` };
    if (err instanceof RangeError) return { ok: false, error: `${prefix}: too large to import in this browser tab (${err.message})` };
    throw err;
  }
}

/** Reads a chosen file: refused before reading when over the size limit or empty. */
export async function importFile(file: ImportSource, opts: Omit<ImportOptions, 'fileName'>): Promise<ImportResult> {
  const fileName = file.name || 'the file';
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      error: `Cannot import ${fileName}: it is ${formatBytes(file.size)}; files up to ${formatBytes(MAX_IMPORT_BYTES)} can be imported. Export fewer connections or events and try again.`,
    };
  }
  if (file.size === 0) return { ok: false, error: `Cannot import ${fileName}: the file is empty` };
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    return { ok: false, error: `Cannot import ${fileName}: the browser could not read it (${err instanceof Error ? err.message : String(err)})` };
  }
  return parseImportText(text, { ...opts, fileName });
}
