/**
 * Field-by-field checks for imported files, which are treated as hostile:
 * only own properties are read (never anything from a prototype), every
 * value's type is checked, and the first problem stops the import with one
 * error naming where it is (`connections[0].events[12].time: expected a
 * number, got a string`).
 */

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export type Obj = Record<string, unknown>;

export function fail(path: string, message: string): never {
  throw new ImportError(path ? `${path}: ${message}` : message);
}

/** How a JSON value reads in an error: "a string", "the number 5", "null", "an array". */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return v.length <= 24 ? `the string ${JSON.stringify(v)}` : 'a string';
    case 'number':
      return `the number ${v}`;
    case 'boolean':
      return String(v);
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** An own property's value; inherited ones (constructor, __proto__, toString) read as missing. */
export function field(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

export function asObj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, `expected an object, got ${describeValue(v)}`);
  return v;
}

export function obj(o: Obj, key: string, path: string): Obj {
  return asObj(field(o, key), join(path, key));
}

export function str(o: Obj, key: string, path: string): string {
  const v = field(o, key);
  if (typeof v !== 'string') fail(join(path, key), `expected a string, got ${describeValue(v)}`);
  return v;
}

export function optStr(o: Obj, key: string, path: string): string | undefined {
  return field(o, key) === undefined ? undefined : str(o, key, path);
}

export function bool(o: Obj, key: string, path: string): boolean {
  const v = field(o, key);
  if (typeof v !== 'boolean') fail(join(path, key), `expected true or false, got ${describeValue(v)}`);
  return v;
}

export function num(o: Obj, key: string, path: string): number {
  const v = field(o, key);
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(join(path, key), `expected a number, got ${describeValue(v)}`);
  return v;
}

/** A whole number from `min` up, at most 2^53 − 1. */
export function count(o: Obj, key: string, path: string, min = 0): number {
  const v = field(o, key);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    fail(join(path, key), `expected a whole number${min > 0 ? ` of at least ${min}` : ' (0 or more)'}, got ${describeValue(v)}`);
  }
  return v;
}

export function arr(o: Obj, key: string, path: string, max: number, what: string): unknown[] {
  const v = field(o, key);
  if (!Array.isArray(v)) fail(join(path, key), `expected an array, got ${describeValue(v)}`);
  if (v.length > max) fail(join(path, key), `${v.length.toLocaleString('en-US')} ${what}; at most ${max.toLocaleString('en-US')} can be imported`);
  return v;
}

export function oneOf<T extends string>(o: Obj, key: string, path: string, values: readonly T[]): T {
  const v = field(o, key);
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    fail(join(path, key), `expected ${values.map((x) => JSON.stringify(x)).join(' or ')}, got ${describeValue(v)}`);
  }
  return v as T;
}

/** Lets the page draw between slices of a long import. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
