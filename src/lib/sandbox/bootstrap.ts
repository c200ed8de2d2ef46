import { MAX_NOTES, MAX_NOTE_LENGTH, MAX_OUTPUT_DEPTH, MAX_OUTPUT_NODES, MAX_OUTPUT_STRING, MAX_OUTPUT_TOTAL } from './types';

/**
 * The JavaScript that runs inside each script's QuickJS context before the
 * script (engine.ts evaluates it; it is data for the wasm interpreter, never
 * for the page's own JavaScript engine). It captures the built-ins it needs
 * before user code can replace them, installs the two helpers a script sees
 * (`utf8`, `console`), and returns a private API object that is not reachable
 * from the script's global:
 *
 * - `bind(found)`: records the script's functions (read after its setup);
 * - `run(name, argsJson, bytes)`: calls one function with copies of its
 *   arguments (JSON; byte arrays as {"\u0000bytes":[offset,length]} into
 *   `bytes`) and returns [outputJson, byteBuffers];
 * - `decodeBatch(key, framesJson, bytes, from)`: decode(frame, state) for
 *   each frame from `from` on, the state of `key` carried across calls;
 * - `partial()`: what the last decodeBatch gave before it was interrupted;
 * - `reset(key)`: forgets a state.
 *
 * Outputs are walked here, under the time limit: plain objects, arrays,
 * strings, finite numbers, booleans, null and Uint8Array only; a cycle, a
 * function, a Promise, a Map, too deep or too much output is an `output`
 * error naming the path. Strings longer than MAX_OUTPUT_STRING are cut with
 * a note. The host's `tick(i)` starts the time limit of each call.
 */
export const BOOTSTRAP = `(function (tick) {
'use strict';
const G = globalThis;
const U8 = Uint8Array, U8P = Uint8Array.prototype, ABP = ArrayBuffer.prototype;
const OP = Object.prototype, PP = Promise.prototype, EP = Error.prototype;
const apply = Reflect.apply, getProto = Object.getPrototypeOf, keys = Object.keys, hasOwn = Object.prototype.hasOwnProperty;
const isArray = Array.isArray, parse = JSON.parse, quote = JSON.stringify, freeze = Object.freeze;
const toTag = Object.prototype.toString, abSlice = ArrayBuffer.prototype.slice, u8Slice = Uint8Array.prototype.slice;
const taBuffer = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'buffer').get;
const strSlice = String.prototype.slice, charCodeAt = String.prototype.charCodeAt, fromCharCode = String.fromCharCode;
const push = Array.prototype.push, join = Array.prototype.join;
const mapGet = Map.prototype.get, mapSet = Map.prototype.set, mapDelete = Map.prototype.delete;
const MAX_STR = ${MAX_OUTPUT_STRING}, MAX_TOTAL = ${MAX_OUTPUT_TOTAL}, MAX_DEPTH = ${MAX_OUTPUT_DEPTH}, MAX_NODES = ${MAX_OUTPUT_NODES};
const MAX_NOTES = ${MAX_NOTES}, MAX_NOTE = ${MAX_NOTE_LENGTH};
const BYTES = '\\u0000bytes';
const OUT = freeze([]);
let notes = [];
let total = 0, nodes = 0, stack = [], paths = [], bytesOut = [];
const fns = { __proto__: null };
const states = new Map();
let outs = [];

function utf8Encode(s) {
  if (typeof s !== 'string') throw new TypeError('utf8.encode expects a string, got ' + (s === null ? 'null' : typeof s));
  const out = [];
  for (let i = 0; i < s.length; i++) {
    let c = apply(charCodeAt, s, [i]);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = apply(charCodeAt, s, [i + 1]);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) apply(push, out, [c]);
    else if (c < 0x800) apply(push, out, [0xc0 | (c >> 6), 0x80 | (c & 63)]);
    else if (c < 0x10000) apply(push, out, [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)]);
    else apply(push, out, [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)]);
  }
  return new U8(out);
}
function utf8Decode(b, start, end) {
  if (getProto(b) !== U8P) throw new TypeError('utf8.decode expects a Uint8Array');
  const n = end === undefined ? b.length : Math.min(b.length, end);
  let i = start === undefined ? 0 : Math.max(0, start);
  const units = [];
  let s = '';
  while (i < n) {
    const a = b[i++];
    let c = 0xfffd;
    if (a < 0x80) c = a;
    else if (a >= 0xc2 && a < 0xe0 && i < n && (b[i] & 0xc0) === 0x80) c = ((a & 31) << 6) | (b[i++] & 63);
    else if (a >= 0xe0 && a < 0xf0 && i + 1 < n && (b[i] & 0xc0) === 0x80 && (b[i + 1] & 0xc0) === 0x80) {
      const x = ((a & 15) << 12) | ((b[i] & 63) << 6) | (b[i + 1] & 63);
      if (x >= 0x800 && (x < 0xd800 || x > 0xdfff)) { c = x; i += 2; }
    } else if (a >= 0xf0 && a < 0xf5 && i + 2 < n && (b[i] & 0xc0) === 0x80 && (b[i + 1] & 0xc0) === 0x80 && (b[i + 2] & 0xc0) === 0x80) {
      const x = ((a & 7) << 18) | ((b[i] & 63) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63);
      if (x >= 0x10000 && x <= 0x10ffff) { c = x; i += 3; }
    }
    if (c >= 0x10000) { c -= 0x10000; apply(push, units, [0xd800 + (c >> 10), 0xdc00 + (c & 1023)]); }
    else apply(push, units, [c]);
    if (units.length >= 4096) { s += apply(fromCharCode, null, units); units.length = 0; }
  }
  return s + apply(fromCharCode, null, units);
}
function show(x) {
  if (typeof x === 'string') return x;
  try { const j = quote(x); if (typeof j === 'string') return j; } catch (e) {}
  try { return '' + x; } catch (e) { return '[' + typeof x + ']'; }
}
function note() {
  if (notes.length >= MAX_NOTES) return;
  const parts = [];
  for (let i = 0; i < arguments.length; i++) apply(push, parts, [show(arguments[i])]);
  let line = apply(join, parts, [' ']);
  if (line.length > MAX_NOTE) line = apply(strSlice, line, [0, MAX_NOTE]) + '…';
  apply(push, notes, [line]);
}
G.utf8 = freeze({ encode: utf8Encode, decode: utf8Decode });
G.console = freeze({ log: note, info: note, warn: note, error: note, debug: note });

function strings(list) {
  const parts = [];
  for (let i = 0; i < list.length; i++) apply(push, parts, [quote('' + list[i])]);
  return '[' + apply(join, parts, [',']) + ']';
}
function errorJson(k, m, st) {
  return '{"e":{"k":' + quote(k) + ',"m":' + quote('' + m) + (st ? ',"s":' + quote('' + st) : '') + '}}';
}
function fail(message) { throw [OUT, message]; }
function ser(v, path, depth) {
  if (++nodes > MAX_NODES) fail('the result has more than ' + MAX_NODES + ' values');
  switch (typeof v) {
    case 'string': {
      let s = v;
      if (s.length > MAX_STR) {
        s = apply(strSlice, v, [0, MAX_STR]);
        if (notes.length < MAX_NOTES + 5) apply(push, notes, [path + ' was cut at ' + MAX_STR + ' characters (it had ' + v.length + ')']);
      }
      total += s.length;
      if (total > MAX_TOTAL) fail('the result is larger than ' + MAX_TOTAL + ' characters in all');
      return quote(s);
    }
    case 'number':
      if (v !== v || v === Infinity || v === -Infinity) fail(path + ' is ' + v + ', not a finite number');
      return '' + v;
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return undefined;
    case 'bigint': fail(path + ' is a BigInt: return a number or a string');
    case 'symbol': fail(path + ' is a Symbol, which is not data');
    case 'function': fail(path + ' is a function, which is not data');
  }
  if (v === null) return 'null';
  if (depth > MAX_DEPTH) fail(path + ' is nested deeper than ' + MAX_DEPTH + ' levels');
  for (let i = 0; i < stack.length; i++) if (stack[i] === v) fail(path + ' refers back to ' + paths[i] + ': a cyclic object is not data');
  const proto = getProto(v);
  if (proto === U8P) {
    const copy = apply(u8Slice, v, []);
    total += copy.length;
    if (total > MAX_TOTAL) fail('the result is larger than ' + MAX_TOTAL + ' bytes in all');
    apply(push, bytesOut, [apply(taBuffer, copy, [])]);
    return '{"\\\\u0000bytes":' + (bytesOut.length - 1) + '}';
  }
  if (proto === PP) fail(path + ' is a Promise: return the value itself (the sandbox has no timers or I/O, so a Promise would never settle)');
  const arr = isArray(v);
  if (!arr && proto !== OP && proto !== null) fail(path + ' is ' + apply(toTag, v, []) + ', not a plain object, array, string, number, boolean, null or Uint8Array');
  if (!arr && typeof v.then === 'function') fail(path + ' is a thenable (it has a then method): return the value itself');
  apply(push, stack, [v]);
  apply(push, paths, [path]);
  const parts = [];
  if (arr) {
    const n = v.length;
    for (let i = 0; i < n; i++) {
      const x = ser(v[i], path + '[' + i + ']', depth + 1);
      if (x === undefined) fail(path + '[' + i + '] is undefined: use null');
      apply(push, parts, [x]);
    }
  } else {
    const ks = keys(v);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      if (k === BYTES) fail(path + ' has a key reserved by the sandbox');
      const x = ser(v[k], path + '.' + k, depth + 1);
      if (x !== undefined) apply(push, parts, [quote(k) + ':' + x]);
    }
  }
  stack.length--;
  paths.length--;
  return arr ? '[' + apply(join, parts, [',']) + ']' : '{' + apply(join, parts, [',']) + '}';
}
function describe(e) {
  if (e !== null && typeof e === 'object') {
    let p = getProto(e), isError = false;
    for (let hops = 0; p !== null && hops < 50; hops++, p = getProto(p)) if (p === EP) { isError = true; break; }
    if (isError) {
      let name = 'Error', message = '', st = '';
      try { name = '' + e.name; } catch (x) {}
      try { message = '' + e.message; } catch (x) {}
      try { st = '' + e.stack; } catch (x) {}
      return errorJson('runtime', name + ': ' + message, st);
    }
  }
  let what;
  try { what = typeof e === 'string' ? quote(e) : show(e); } catch (x) { what = typeof e; }
  if (what.length > 200) what = apply(strSlice, what, [0, 200]) + '…';
  return errorJson('runtime', 'threw a non-Error value: ' + what + ' (throw new Error(...) to give a message and a line)', '');
}
function result(v, name) {
  total = 0; nodes = 0; stack = []; paths = [];
  try {
    const s = ser(v, name, 0);
    return s === undefined ? '{"u":1,"n":' + strings(notes) + '}' : '{"v":' + s + ',"n":' + strings(notes) + '}';
  } catch (e) {
    if (isArray(e) && e[0] === OUT) return errorJson('output', e[1], '');
    throw e;
  }
}
function readArgs(json, bytes) {
  if (bytes.byteLength === 0) return parse(json);
  return parse(json, function (k, v) {
    if (v !== null && typeof v === 'object' && !isArray(v) && apply(hasOwn, v, [BYTES])) {
      const at = v[BYTES];
      return new U8(apply(abSlice, bytes, [at[0], at[0] + at[1]]));
    }
    return v;
  });
}
function call1(fn, name, args, i) {
  notes = [];
  tick(i);
  let v;
  try { v = apply(fn, undefined, args); }
  catch (e) { return describe(e); }
  return result(v, name + '()');
}
return freeze({
  bind(found) {
    const names = [];
    const ks = keys(found);
    for (let i = 0; i < ks.length; i++) if (typeof found[ks[i]] === 'function') { fns[ks[i]] = found[ks[i]]; apply(push, names, [ks[i]]); }
    return strings(names);
  },
  run(name, json, bytes) {
    const fn = fns[name];
    const args = readArgs(json, bytes);
    bytesOut = [];
    const out = call1(fn, name, args, 0);
    return [out, bytesOut];
  },
  decodeBatch(key, json, bytes, from) {
    const fn = fns.decode;
    let state = apply(mapGet, states, [key]);
    if (state === undefined) { state = {}; apply(mapSet, states, [key, state]); }
    const frames = readArgs(json, bytes);
    bytesOut = [];
    outs = [];
    for (let i = from; i < frames.length; i++) apply(push, outs, [call1(fn, 'decode', [frames[i], state], i)]);
    return ['[' + apply(join, outs, [',']) + ']', bytesOut];
  },
  partial() { return ['[' + apply(join, outs, [',']) + ']', bytesOut]; },
  reset(key) { apply(mapDelete, states, [key]); },
});
})`;

/** Reads the script's functions after its setup: top-level declarations, `const`/`let` bindings or globalThis properties. */
export function lookupSource(names: readonly string[]): string {
  return `({ ${names.map((n) => `${n}: typeof ${n} === 'function' ? ${n} : undefined`).join(', ')} })`;
}

/**
 * `export function decode` (and export const/let/class) in a pasted module
 * becomes a plain declaration: the keyword is replaced by spaces so lines
 * and columns stay where the user wrote them.
 */
export function stripExports(source: string): string {
  return source.replace(/^([ \t]*)export([ \t]+)(?=(?:async[ \t]+)?function\b|const\b|let\b|var\b|class\b)/gm, (_m, indent: string, gap: string) => `${indent}      ${gap}`);
}
