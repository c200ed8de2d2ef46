/**
 * A small YAML writer for plain data (objects, arrays, strings, numbers,
 * booleans, null): block style, every string double-quoted as JSON writes
 * it (a JSON string is a valid YAML double-quoted scalar), so nothing a
 * server or a user typed can turn into YAML syntax. No dependency, so the
 * page can export without loading a YAML library.
 */

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$.-]*$/;
const key = (k: string) => (PLAIN_KEY.test(k) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(k) ? k : JSON.stringify(k));

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

function lines(v: unknown, indent: string): string[] {
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      if ((isObj(item) || Array.isArray(item)) && !isEmpty(item)) {
        const inner = lines(item, `${indent}  `);
        out.push(`${indent}- ${(inner[0] ?? '').trimStart()}`, ...inner.slice(1));
      } else out.push(`${indent}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
    }
  } else if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if ((isObj(x) || Array.isArray(x)) && !isEmpty(x)) out.push(`${indent}${key(k)}:`, ...lines(x, `${indent}  `));
      else out.push(`${indent}${key(k)}: ${isEmpty(x) ? (Array.isArray(x) ? '[]' : '{}') : scalar(x)}`);
    }
  } else out.push(`${indent}${scalar(v)}`);
  return out;
}

export function toYaml(value: unknown, header = ''): string {
  return `${header}${lines(value, '').join('\n')}\n`;
}
