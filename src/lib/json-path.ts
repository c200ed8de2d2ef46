/**
 * JSON paths, one syntax for everyone: the inspector names a value with
 * `childPath` (`$.a.b`, `$.list[0]`, `$["odd key"]`), a pairing rule or a
 * flow's matcher and capture name one (`id`, `$.id`, `result.id`,
 * `params[0].ref`, `["odd key"]`) and `parsePath` + `readPath` resolve it.
 * Reading only follows own properties, so `__proto__` or `constructor` in a
 * path reads data, never the prototype.
 */

export type PathSegment = string | number;
export type PathParse = { ok: true; segments: PathSegment[] } | { ok: false; error: string };

export function parsePath(input: string): PathParse {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter a path, such as id or result.id' };
  const segments: PathSegment[] = [];
  let i = 0;
  if (text.startsWith('$')) {
    i = 1;
    if (i === text.length) return { ok: false, error: '"$" alone is the whole message: name a field, such as $.id' };
  }
  let expectName = i === 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (expectName || c === '.') {
      if (c === '.') i++;
      const m = /^[^.[\]]+/.exec(text.slice(i));
      if (!m) return { ok: false, error: `Expected a field name at position ${i}` };
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
          return { ok: false, error: `Bad quoted name at position ${i}` };
        }
        i += quoted[0].length;
        continue;
      }
      return { ok: false, error: `Expected [number] or ["name"] at position ${i}` };
    }
    return { ok: false, error: `Unexpected "${c}" at position ${i}` };
  }
  return { ok: true, segments };
}

/** The value at `segments` in a parsed JSON value, or undefined. */
export function readPath(value: unknown, segments: readonly PathSegment[]): unknown {
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

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `$.a.b`, `$.list[0]`, `$["odd key"]`: how the inspector names a value (parsePath reads it back). */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENT.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** The path of `segments` from the root, as the inspector writes it. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((path, s) => childPath(path, s), '$');
}
