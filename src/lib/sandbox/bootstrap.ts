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
 *   each frame from `from` on, the state of `key` carried across calls: one
 *   call into the context per batch, the results out as one JSON text;
 * - `clock`: a Float64Array whose [0] is the index of the frame decodeBatch
 *   is running; the host's interrupt handler reads it, and a new index
 *   starts that frame's time limit (so the limit is per frame, with no call
 *   out to the host per frame);
 * - `partial()`: what the last decodeBatch gave before it was interrupted;
 * - `reset(key)`: forgets a state.
 *
 * Outputs are walked here, under the time limit: plain objects, arrays,
 * strings, finite numbers, booleans, null and Uint8Array only; a cycle, a
 * function, a Promise, a Map, too deep or too much output is an `output`
 * error naming the path. Strings longer than MAX_OUTPUT_STRING are cut with
 * a note. Paths are built only for a message that needs one.
 */
export const BOOTSTRAP = `(function () {
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
const mapGet = Map.prototype.get, mapSet = Map.prototype.set, mapDelete = Map.prototype.delete, mapClear = Map.prototype.clear;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
const MAX_STR = ${MAX_OUTPUT_STRING}, MAX_TOTAL = ${MAX_OUTPUT_TOTAL}, MAX_DEPTH = ${MAX_OUTPUT_DEPTH}, MAX_NODES = ${MAX_OUTPUT_NODES};
const MAX_NOTES = ${MAX_NOTES}, MAX_NOTE = ${MAX_NOTE_LENGTH};
const BYTES = '\\u0000bytes';
const OUT = freeze([]);
let notes = [];
let total = 0, nodes = 0, stack = [], paths = [], bytesOut = [];
const fns = { __proto__: null };
const states = new Map();
let outs = '';
/** clock[0]: the index of the frame decodeBatch is running (read by the host's interrupt handler) */
const clock = new Float64Array(1);

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
// The containers being walked (SV[d]: the object or array at depth d) and the
// key each sits under in its parent (SK[d]): the cycle check and the paths of
// error messages, built only when a message needs one. Every slot is an own
// property from here on, so writing one never reaches a setter a script may
// put on Array.prototype.
const SV = [], SK = [];
for (let i = 0; i <= MAX_DEPTH + 1; i++) { SV[i] = null; SK[i] = null; }
let root = '';
/** keys as JSON text: the same few keys come back in every message */
const quoted = new Map();
function seg(k) { return typeof k === 'number' ? '[' + k + ']' : '.' + k; }
/** The path of the value under \`key\` in the container at depth - 1 (depth 0: the result itself). */
function pathAt(depth, key) {
  if (depth === 0) return root;
  let s = root;
  for (let i = 1; i < depth; i++) s += seg(SK[i]);
  return s + seg(key);
}
function ser(v, depth, key) {
  if (++nodes > MAX_NODES) fail('the result has more than ' + MAX_NODES + ' values');
  switch (typeof v) {
    case 'string': {
      let s = v;
      if (s.length > MAX_STR) {
        s = apply(strSlice, v, [0, MAX_STR]);
        if (notes.length < MAX_NOTES + 5) apply(push, notes, [pathAt(depth, key) + ' was cut at ' + MAX_STR + ' characters (it had ' + v.length + ')']);
      }
      total += s.length;
      if (total > MAX_TOTAL) fail('the result is larger than ' + MAX_TOTAL + ' characters in all');
      return quote(s);
    }
    case 'number':
      if (v !== v || v === Infinity || v === -Infinity) fail(pathAt(depth, key) + ' is ' + v + ', not a finite number');
      return '' + v;
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return undefined;
    case 'bigint': fail(pathAt(depth, key) + ' is a BigInt: return a number or a string');
    case 'symbol': fail(pathAt(depth, key) + ' is a Symbol, which is not data');
    case 'function': fail(pathAt(depth, key) + ' is a function, which is not data');
  }
  if (v === null) return 'null';
  if (depth > MAX_DEPTH) fail(pathAt(depth, key) + ' is nested deeper than ' + MAX_DEPTH + ' levels');
  for (let i = 0; i < depth; i++) if (SV[i] === v) fail(pathAt(depth, key) + ' refers back to ' + pathAt(i, SK[i]) + ': a cyclic object is not data');
  const proto = getProto(v);
  if (proto === U8P) {
    const copy = apply(u8Slice, v, []);
    total += copy.length;
    if (total > MAX_TOTAL) fail('the result is larger than ' + MAX_TOTAL + ' bytes in all');
    apply(push, bytesOut, [apply(taBuffer, copy, [])]);
    return '{"\\\\u0000bytes":' + (bytesOut.length - 1) + '}';
  }
  if (proto === PP) fail(pathAt(depth, key) + ' is a Promise: return the value itself (the sandbox has no timers or I/O, so a Promise would never settle)');
  const arr = isArray(v);
  if (!arr && proto !== OP && proto !== null) fail(pathAt(depth, key) + ' is ' + apply(toTag, v, []) + ', not a plain object, array, string, number, boolean, null or Uint8Array');
  if (!arr && typeof v.then === 'function') fail(pathAt(depth, key) + ' is a thenable (it has a then method): return the value itself');
  SV[depth] = v;
  SK[depth] = key;
  let out;
  if (arr) {
    const n = v.length;
    out = '[';
    for (let i = 0; i < n; i++) {
      const x = ser(v[i], depth + 1, i);
      if (x === undefined) fail(pathAt(depth + 1, i) + ' is undefined: use null');
      out += i === 0 ? x : ',' + x;
    }
    out += ']';
  } else {
    const ks = keys(v);
    out = '{';
    let first = true;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      if (k === BYTES) fail(pathAt(depth, key) + ' has a key reserved by the sandbox');
      const x = ser(v[k], depth + 1, k);
      if (x === undefined) continue;
      let q = apply(mapGet, quoted, [k]);
      if (q === undefined) {
        q = quote(k);
        if (apply(mapSize, quoted, []) >= 4096) apply(mapClear, quoted, []);
        apply(mapSet, quoted, [k, q]);
      }
      out += (first ? '' : ',') + q + ':' + x;
      first = false;
    }
    out += '}';
  }
  SV[depth] = null;
  return out;
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
  total = 0; nodes = 0; root = name;
  try {
    const s = ser(v, 0, undefined);
    const n = notes.length === 0 ? '' : ',"n":' + strings(notes);
    return s === undefined ? '{"u":1' + n + '}' : '{"v":' + s + n + '}';
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
function call1(fn, name, args) {
  if (notes.length !== 0) notes = [];
  let v;
  try { v = apply(fn, undefined, args); }
  catch (e) { return describe(e); }
  return result(v, name + '()');
}
return freeze({
  clock,
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
    const out = call1(fn, name, args);
    return [out, bytesOut];
  },
  decodeBatch(key, json, bytes, from) {
    const fn = fns.decode;
    clock[0] = from;
    let state = apply(mapGet, states, [key]);
    if (state === undefined) { state = {}; apply(mapSet, states, [key, state]); }
    const frames = readArgs(json, bytes);
    bytesOut = [];
    outs = '';
    for (let i = from; i < frames.length; i++) {
      // The host's interrupt handler reads clock[0]: a new index starts that frame's time limit.
      clock[0] = i;
      if (notes.length !== 0) notes = [];
      let r;
      try { r = result(fn(frames[i], state), 'decode()'); }
      catch (e) { r = describe(e); }
      outs += i === from ? r : ',' + r;
    }
    return ['[' + outs + ']', bytesOut];
  },
  partial() { return ['[' + outs + ']', bytesOut]; },
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
