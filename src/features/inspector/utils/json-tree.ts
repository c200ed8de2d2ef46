/**
 * JSON for the inspector: detection, a parser that builds a tree the UI can
 * show safely, a pretty printer, and the rows of a collapsible tree.
 *
 * Why not only `JSON.parse`: a console must show exactly what arrived. This
 * parser is iterative (100,000 levels of nesting cannot overflow the stack),
 * keeps numbers as their source text (a 40-digit id or 1e400 is shown as sent,
 * not as a rounded double or Infinity), keeps keys in order as plain data (a
 * key "__proto__" is one more entry in an array, never a property assignment),
 * keeps duplicate keys, and reports errors with a position, line and column.
 * Past `maxDepth` a subtree is kept as its raw text; past `maxNodes` no tree is
 * built at all (the caller shows the pretty-printed text instead).
 */

export type JsonNode =
  | { kind: 'object'; entries: JsonEntry[] }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; raw: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** a subtree deeper than the depth limit, as its source text */
  | { kind: 'deep'; raw: string };

export interface JsonEntry {
  key: string;
  value: JsonNode;
}

export type JsonParse =
  | {
      ok: true;
      /** null when the document has more than `maxNodes` values */
      root: JsonNode | null;
      nodes: number;
      /** some subtree was cut at the depth limit */
      depthLimited: boolean;
      maxDepth: number;
    }
  | { ok: false; error: string; position: number; line: number; column: number };

export interface JsonLimits {
  maxDepth: number;
  maxNodes: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 256, maxNodes: 200_000 };

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function describeAt(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the text';
  const cp = text.codePointAt(pos) ?? 0;
  const ch = String.fromCodePoint(cp);
  if (cp > 0x20 && cp < 0x7f) return `"${ch}"`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** 1-based line and column of a 0-based position (UTF-16 code units). */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

class JsonError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

interface Frame {
  kind: 'object' | 'array';
  /** null while skipping (past a limit) */
  node: Extract<JsonNode, { kind: 'object' | 'array' }> | null;
  start: number;
  /** the outermost skipped container: it becomes a 'deep' node */
  skipRoot: boolean;
  key: string;
}

type State = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text into a tree; never throws, never recurses. */
export function parseJson(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonParse {
  try {
    return parse(text, limits);
  } catch (e) {
    if (e instanceof JsonError) {
      const { line, column } = lineColumn(text, e.position);
      return { ok: false, error: e.message, position: e.position, line, column };
    }
    throw e;
  }
}

function parse(text: string, limits: JsonLimits): JsonParse {
  const n = text.length;
  const stack: Frame[] = [];
  let pos = 0;
  let state: State = 'value';
  let root: JsonNode | null = null;
  let nodes = 0;
  let depthLimited = false;
  let overBudget = false;

  const skipWs = () => {
    while (pos < n && isWs(text.charCodeAt(pos))) pos++;
  };
  const building = (): boolean => !overBudget && (stack.length === 0 || stack[stack.length - 1]?.node != null);

  /** Hands a finished value to its container (or makes it the root); returns the next state. */
  const deliver = (node: JsonNode | null): State => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = node;
      return 'end';
    }
    if (top.node && node) {
      if (top.node.kind === 'object') top.node.entries.push({ key: top.key, value: node });
      else top.node.items.push(node);
    }
    return 'after';
  };

  const count = () => {
    nodes++;
    if (nodes > limits.maxNodes) overBudget = true;
  };

  for (;;) {
    skipWs();
    if (state === 'end') {
      if (pos < n) throw new JsonError(`Unexpected ${describeAt(text, pos)} after the JSON value at position ${pos}`, pos);
      break;
    }
    if (pos >= n) throw new JsonError(`Unexpected end of the text at position ${pos}: ${expected(state, stack)}`, pos);
    const c = text.charCodeAt(pos);

    if (state === 'key-or-close' || state === 'value-or-close') {
      const closer: number = state === 'key-or-close' ? 0x7d : 0x5d;
      if (c === closer) {
        state = close();
        continue;
      }
      state = state === 'key-or-close' ? 'key' : 'value';
    }

    if (state === 'key') {
      if (c !== 0x22) throw new JsonError(`Expected a property name in double quotes at position ${pos}, found ${describeAt(text, pos)}`, pos);
      const top = stack[stack.length - 1];
      const key = readString();
      if (top) top.key = key;
      state = 'colon';
      continue;
    }
    if (state === 'colon') {
      if (c !== 0x3a) throw new JsonError(`Expected ":" after the property name at position ${pos}, found ${describeAt(text, pos)}`, pos);
      pos++;
      state = 'value';
      continue;
    }
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (!top) throw new JsonError(`Internal state error at ${pos}`, pos);
      const closer: number = top.kind === 'object' ? 0x7d : 0x5d;
      if (c === 0x2c) {
        pos++;
        state = top.kind === 'object' ? 'key' : 'value';
        continue;
      }
      if (c === closer) {
        state = close();
        continue;
      }
      throw new JsonError(
        `Expected "," or "${top.kind === 'object' ? '}' : ']'}" at position ${pos}, found ${describeAt(text, pos)}`,
        pos,
      );
    }

    // state === 'value'
    if (c === 0x7b || c === 0x5b) {
      const kind: Frame['kind'] = c === 0x7b ? 'object' : 'array';
      const parentBuilds = building();
      const build = parentBuilds && stack.length < limits.maxDepth;
      if (parentBuilds && !build && !overBudget) depthLimited = true;
      if (build) count();
      const node: Frame['node'] = build && !overBudget ? (kind === 'object' ? { kind, entries: [] } : { kind, items: [] }) : null;
      stack.push({ kind, node, start: pos, skipRoot: parentBuilds && !build && !overBudget, key: '' });
      pos++;
      state = kind === 'object' ? 'key-or-close' : 'value-or-close';
      continue;
    }
    const b = building();
    if (c === 0x22) {
      const value = readString();
      if (b) count();
      state = deliver(b && !overBudget ? { kind: 'string', value } : null);
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = pos;
      const m = NUMBER.exec(text);
      if (!m || m[0] === '-') throw new JsonError(`Malformed number at position ${pos}`, pos);
      const after = pos + m[0].length;
      const next = after < n ? text.charCodeAt(after) : -1;
      if ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45) {
        throw new JsonError(`Malformed number at position ${pos}: "${text.slice(pos, after + 1)}"`, after);
      }
      pos = after;
      if (b) count();
      state = deliver(b && !overBudget ? { kind: 'number', raw: m[0] } : null);
      continue;
    }
    const word = literal(c);
    if (word) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        if (b) count();
        state = deliver(b && !overBudget ? (word === 'null' ? { kind: 'null' } : { kind: 'boolean', value: word === 'true' }) : null);
        continue;
      }
    }
    throw new JsonError(`Unexpected ${describeAt(text, pos)} at position ${pos}: ${expected(state, stack)}`, pos);
  }

  return { ok: true, root: overBudget ? null : root, nodes, depthLimited, maxDepth: limits.maxDepth };

  function close(): State {
    const frame = stack.pop();
    if (!frame) throw new JsonError(`Internal state error at ${pos}`, pos);
    pos++;
    if (frame.node) return deliver(frame.node);
    if (frame.skipRoot) return deliver({ kind: 'deep', raw: text.slice(frame.start, pos) });
    return deliver(null);
  }

  function readString(): string {
    const start = pos + 1;
    let i = start;
    // Fast path: no escapes.
    for (; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        pos = i + 1;
        return text.slice(start, i);
      }
      if (ch === 0x5c) break;
      if (ch < 0x20) throw new JsonError(`Unescaped control character ${describeAt(text, i)} in a string at position ${i}`, i);
    }
    let out = text.slice(start, i);
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        pos = i + 1;
        return out;
      }
      if (ch < 0x20) throw new JsonError(`Unescaped control character ${describeAt(text, i)} in a string at position ${i}`, i);
      if (ch !== 0x5c) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 0x22 || d === 0x5c || d < 0x20) break;
          j++;
        }
        out += text.slice(i, j);
        i = j;
        continue;
      }
      const e = text.charCodeAt(i + 1);
      switch (e) {
        case 0x22:
          out += '"';
          break;
        case 0x5c:
          out += '\\';
          break;
        case 0x2f:
          out += '/';
          break;
        case 0x62:
          out += '\b';
          break;
        case 0x66:
          out += '\f';
          break;
        case 0x6e:
          out += '\n';
          break;
        case 0x72:
          out += '\r';
          break;
        case 0x74:
          out += '\t';
          break;
        case 0x75: {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonError(`Bad \\u escape at position ${i}: expected 4 hex digits`, i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        default:
          if (i + 1 >= n) throw new JsonError(`Unterminated string starting at position ${start - 1}`, n);
          throw new JsonError(`Bad escape "\\${text.charAt(i + 1)}" in a string at position ${i}`, i);
      }
      i += 2;
    }
    throw new JsonError(`Unterminated string starting at position ${start - 1}`, n);
  }
}

function literal(c: number): string | null {
  if (c === 0x74) return 'true';
  if (c === 0x66) return 'false';
  if (c === 0x6e) return 'null';
  return null;
}

function expected(state: State, stack: Frame[]): string {
  switch (state) {
    case 'value':
    case 'value-or-close':
      return 'expected a value';
    case 'key':
    case 'key-or-close':
      return 'expected a property name';
    case 'colon':
      return 'expected ":"';
    case 'after':
      return stack[stack.length - 1]?.kind === 'object' ? 'expected "," or "}"' : 'expected "," or "]"';
    case 'end':
      return 'expected nothing more';
  }
}

// ---------------------------------------------------------------------------
// Pretty printing

export interface Pretty {
  text: string;
  /** output stopped at maxChars */
  truncated: boolean;
}

/**
 * Re-indents valid JSON text token by token (no tree, no recursion), so any
 * depth works. Indentation stops growing past `maxIndentDepth` levels, and
 * output stops at `maxChars`. Strings and numbers are copied as written.
 */
export function prettyJson(text: string, indent = 2, maxChars = 2_000_000, maxIndentDepth = 64): Pretty {
  const parts: string[] = [];
  let size = 0;
  let depth = 0;
  const n = text.length;
  const pad = (d: number) => `\n${' '.repeat(Math.min(d, maxIndentDepth) * indent)}`;
  const push = (s: string): boolean => {
    parts.push(s);
    size += s.length;
    return size < maxChars;
  };
  let i = 0;
  let ok = true;
  while (i < n && ok) {
    const c = text.charCodeAt(i);
    if (isWs(c)) {
      i++;
      continue;
    }
    if (c === 0x22) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) j += 2;
        else if (d === 0x22) break;
        else j++;
      }
      ok = push(text.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      // Empty container stays on one line.
      let k = i + 1;
      while (k < n && isWs(text.charCodeAt(k))) k++;
      const closer = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(k) === closer) {
        ok = push(c === 0x7b ? '{}' : '[]');
        i = k + 1;
        continue;
      }
      depth++;
      ok = push(text.charAt(i) + pad(depth));
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      depth--;
      ok = push(pad(depth) + text.charAt(i));
      i++;
      continue;
    }
    if (c === 0x2c) {
      ok = push(`,${pad(depth)}`);
      i++;
      continue;
    }
    if (c === 0x3a) {
      ok = push(': ');
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isWs(d) || d === 0x2c || d === 0x7d || d === 0x5d || d === 0x3a) break;
      j++;
    }
    ok = push(text.slice(i, j));
    i = j;
  }
  const joined = parts.join('');
  return ok ? { text: joined, truncated: false } : { text: joined.slice(0, maxChars), truncated: true };
}

// ---------------------------------------------------------------------------
// Paths and tree rows

import { childPath } from '../../../lib/json-path';

export interface TreeRow {
  path: string;
  depth: number;
  /** object key, array index, or null for the root */
  key: string | number | null;
  node: JsonNode;
  expanded: boolean;
}

/** Containers shallower than this start expanded. */
export const DEFAULT_OPEN_DEPTH = 3;

/** Whether the container at `path` is open: the default by depth, flipped if the user toggled it. */
export function isExpanded(path: string, depth: number, toggled: ReadonlySet<string>): boolean {
  return (depth < DEFAULT_OPEN_DEPTH) !== toggled.has(path);
}

/** The rows of the tree as shown: a depth-first walk of the open containers (iterative). */
export function treeRows(root: JsonNode, toggled: ReadonlySet<string>, maxRows = 2_000_000): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: Array<{ path: string; depth: number; key: string | number | null; node: JsonNode }> = [{ path: '$', depth: 0, key: null, node: root }];
  while (stack.length > 0 && rows.length < maxRows) {
    const item = stack.pop();
    if (!item) break;
    const container = item.node.kind === 'object' || item.node.kind === 'array';
    const expanded = container && isExpanded(item.path, item.depth, toggled);
    rows.push({ ...item, expanded });
    if (!expanded) continue;
    if (item.node.kind === 'object') {
      const entries = item.node.entries;
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i];
        if (e) stack.push({ path: childPath(item.path, e.key), depth: item.depth + 1, key: e.key, node: e.value });
      }
    } else if (item.node.kind === 'array') {
      const items = item.node.items;
      for (let i = items.length - 1; i >= 0; i--) {
        const v = items[i];
        if (v) stack.push({ path: childPath(item.path, i), depth: item.depth + 1, key: i, node: v });
      }
    }
  }
  return rows;
}

/** A one-line summary of a value for a tree row. */
export function nodeSummary(node: JsonNode, maxChars = 200): string {
  switch (node.kind) {
    case 'object':
      return `{…} ${node.entries.length} ${node.entries.length === 1 ? 'key' : 'keys'}`;
    case 'array':
      return `[…] ${node.items.length} ${node.items.length === 1 ? 'item' : 'items'}`;
    case 'string': {
      const s = JSON.stringify(node.value.length > maxChars ? node.value.slice(0, maxChars) : node.value);
      return node.value.length > maxChars ? `${s.slice(0, -1)}…"` : s;
    }
    case 'number':
      return node.raw.length > maxChars ? `${node.raw.slice(0, maxChars)}…` : node.raw;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'deep':
      return node.raw.length > maxChars ? `${node.raw.slice(0, maxChars)}…` : node.raw;
  }
}

/** A number JavaScript cannot hold exactly (the tree still shows the digits as sent). */
export function isUnsafeNumber(raw: string): boolean {
  const v = Number(raw);
  if (!Number.isFinite(v)) return true;
  if (/[.eE]/.test(raw)) return false;
  return !Number.isSafeInteger(v);
}
