/**
 * The small JSON path flows use (docs/flows.md): `$` (the whole message),
 * `$.id`, `id`, `result.id`, `params[0].ref`, `$["odd key"]`. Reading one
 * follows own properties only, so `__proto__` or `constructor` in a path
 * reads data, never the prototype. The same syntax as the pairing rules'
 * paths (features/pairing/utils/json-path.ts), plus `$` alone.
 */

export type PathSegment = string | number;
export type PathParse = { ok: true; segments: PathSegment[] } | { ok: false; error: string };

export function parseJsonPath(input: string): PathParse {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter a JSON path, such as $.id or result.id' };
  const segments: PathSegment[] = [];
  let i = 0;
  if (text.startsWith('$')) {
    i = 1;
    if (i === text.length) return { ok: true, segments };
  }
  let expectName = i === 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (expectName || c === '.') {
      if (c === '.') i++;
      const m = /^[^.[\]]+/.exec(text.slice(i));
      if (!m) return { ok: false, error: `Expected a field name at position ${i + 1}` };
      segments.push(m[0]);
      i += m[0].length;
      expectName = false;
      continue;
    }
    if (c === '[') {
      const rest = text.slice(i);
      const index = /^\[(\d+)\]/.exec(rest);
      if (index) {
        segments.push(Number(index[1]));
        i += index[0].length;
        continue;
      }
      const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
      if (quoted?.[1]) {
        try {
          segments.push(JSON.parse(quoted[1]) as string);
        } catch {
          return { ok: false, error: `Bad quoted name at position ${i + 1}` };
        }
        i += quoted[0].length;
        continue;
      }
      return { ok: false, error: `Expected [number] or ["name"] at position ${i + 1}` };
    }
    return { ok: false, error: `Unexpected "${c}" at position ${i + 1}` };
  }
  return { ok: true, segments };
}

/** The value at `segments` in a parsed JSON value, or undefined when it is not there. */
export function readJsonPath(value: unknown, segments: readonly PathSegment[]): unknown {
  let v = value;
  for (const s of segments) {
    if (typeof s === 'number') {
      if (!Array.isArray(v) || s >= v.length) return undefined;
      v = v[s];
    } else {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, s)) return undefined;
      v = (v as Record<string, unknown>)[s];
    }
  }
  return v;
}

/** A path as text, `$.a[0]["b c"]`, for messages. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
