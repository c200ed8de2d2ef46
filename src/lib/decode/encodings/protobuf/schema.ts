/**
 * A small .proto parser (proto2 and proto3 basics): package, messages
 * (nested), enums, fields with labels, maps, oneofs, [packed=…]; options,
 * reserved, extensions, services and extend blocks are read past. Imports
 * are not followed. Our own rather than protobufjs's: its parse module
 * requires its reflection types, which pull in @protobufjs/codegen
 * (`Function(`), and its errors give the line but not the column.
 */

export type Scalar =
  | 'double'
  | 'float'
  | 'int32'
  | 'int64'
  | 'uint32'
  | 'uint64'
  | 'sint32'
  | 'sint64'
  | 'fixed32'
  | 'fixed64'
  | 'sfixed32'
  | 'sfixed64'
  | 'bool'
  | 'string'
  | 'bytes';

export const SCALARS: ReadonlySet<string> = new Set<Scalar>(['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes']);

export interface ProtoEnum {
  kind: 'enum';
  name: string;
  fullName: string;
  byNumber: Map<number, string>;
  byName: Map<string, number>;
}

export interface ProtoField {
  name: string;
  number: number;
  repeated: boolean;
  /** [packed=…] as written, undefined when not */
  packedOption: boolean | undefined;
  /** the type as written (a scalar, or a message or enum name) */
  typeName: string;
  scalar?: Scalar;
  resolved?: ProtoMessage | ProtoEnum;
  /** map<key, value>: repeated entries with key = 1 and value = 2 */
  map?: { key: ProtoField; value: ProtoField };
  oneof?: string;
  line: number;
  col: number;
}

export interface ProtoMessage {
  kind: 'message';
  name: string;
  fullName: string;
  fields: ProtoField[];
  byNumber: Map<number, ProtoField>;
  byName: Map<string, ProtoField>;
}

export interface ProtoSchema {
  syntax: 'proto2' | 'proto3';
  package: string;
  messages: Map<string, ProtoMessage>;
  enums: Map<string, ProtoEnum>;
}

export class ProtoSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    msg: string,
  ) {
    super(`line ${line}, column ${col}: ${msg}`);
  }
}

interface Token {
  kind: 'ident' | 'number' | 'string' | 'sym' | 'eof';
  text: string;
  line: number;
  col: number;
}

/** Longer .proto texts are refused. */
export const MAX_PROTO_CHARS = 1 << 20;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] as string;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (src.startsWith('//', i)) {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new ProtoSyntaxError(line, col, 'unterminated comment');
      for (let k = i; k < end; k++) {
        if (src[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      i = end + 2;
      continue;
    }
    const rest = src.slice(i, i + 256);
    const id = /^\.?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
    if (id && !(c === '.' && /^\.\d/.test(rest))) {
      out.push({ kind: 'ident', text: id[0], line, col });
      i += id[0].length;
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?)/.exec(rest);
    if (num) {
      out.push({ kind: 'number', text: num[0], line, col });
      i += num[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let k = i + 1;
      let text = '';
      while (k < n && src[k] !== c) {
        if (src[k] === '\n') throw new ProtoSyntaxError(line, col, 'unterminated string');
        if (src[k] === '\\' && k + 1 < n) {
          text += src[k + 1];
          k += 2;
        } else text += src[k++];
      }
      if (k >= n) throw new ProtoSyntaxError(line, col, 'unterminated string');
      out.push({ kind: 'string', text, line, col });
      i = k + 1;
      continue;
    }
    if ('{}[]()<>;,=-+:/'.includes(c)) {
      out.push({ kind: 'sym', text: c, line, col });
      i++;
      continue;
    }
    throw new ProtoSyntaxError(line, col, `unexpected character ${JSON.stringify(c)}`);
  }
  out.push({ kind: 'eof', text: '', line, col: i - lineStart + 1 });
  return out;
}

const MAX_FIELD_NUMBER = 536_870_911;

/** Parses a .proto text; throws ProtoSyntaxError (line and column) on bad input. */
export function parseProto(src: string): ProtoSchema {
  if (src.length > MAX_PROTO_CHARS) throw new ProtoSyntaxError(1, 1, `the .proto is longer than ${MAX_PROTO_CHARS} characters`);
  const toks = tokenize(src);
  let p = 0;
  const peek = (k = 0): Token => toks[Math.min(p + k, toks.length - 1)] as Token;
  const next = (): Token => {
    const t = peek();
    if (p < toks.length - 1) p++;
    return t;
  };
  const show = (t: Token) => (t.kind === 'eof' ? 'the end of the file' : t.kind === 'string' ? JSON.stringify(t.text) : `"${t.text}"`);
  const fail = (t: Token, msg: string): never => {
    throw new ProtoSyntaxError(t.line, t.col, msg);
  };
  const expect = (text: string): Token => {
    const t = next();
    if (t.text !== text || t.kind === 'string') fail(t, `expected "${text}", found ${show(t)}`);
    return t;
  };
  const ident = (what: string): Token => {
    const t = next();
    if (t.kind !== 'ident') fail(t, `expected ${what}, found ${show(t)}`);
    return t;
  };
  const name = (what: string): Token => {
    const t = ident(what);
    if (t.text.includes('.')) fail(t, `${what} cannot contain "."`);
    return t;
  };
  const integer = (what: string): { value: number; tok: Token } => {
    let neg = false;
    const first = peek();
    if (first.text === '-' && first.kind === 'sym') {
      next();
      neg = true;
    }
    const t = next();
    if (t.kind !== 'number' || !/^(0[xX][0-9a-fA-F]+|\d+)$/.test(t.text)) fail(t, `expected ${what} (an integer), found ${show(t)}`);
    const v = Number(t.text.startsWith('0x') || t.text.startsWith('0X') ? parseInt(t.text, 16) : /^0\d/.test(t.text) ? parseInt(t.text, 8) : t.text);
    return { value: neg ? -v : v, tok: first };
  };
  /** reads past a statement to its ";" or a balanced {…} block */
  const skipStatement = () => {
    let depth = 0;
    for (;;) {
      const t = next();
      if (t.kind === 'eof') fail(t, 'unexpected end of the file');
      if (t.kind !== 'sym') continue;
      if (t.text === '{') depth++;
      else if (t.text === '}') {
        depth--;
        if (depth === 0) return;
        if (depth < 0) fail(t, 'unbalanced "}"');
      } else if (t.text === ';' && depth === 0) return;
    }
  };
  /** [a = b, (c).d = e]: returns packed if given */
  const fieldOptions = (): boolean | undefined => {
    let packed: boolean | undefined;
    if (peek().text !== '[' || peek().kind !== 'sym') return undefined;
    next();
    for (;;) {
      let key = '';
      if (peek().text === '(') {
        next();
        key = `(${ident('an option name').text})`;
        expect(')');
        if (peek().kind === 'ident' && peek().text.startsWith('.')) key += next().text;
      } else key = ident('an option name').text;
      expect('=');
      const v = next();
      if (v.kind === 'sym' && v.text === '-') next();
      else if (v.kind === 'sym' && v.text === '{') {
        p--;
        skipBlock();
      } else if (v.kind === 'eof' || v.kind === 'sym') fail(v, `expected an option value, found ${show(v)}`);
      if (key === 'packed') {
        if (v.text !== 'true' && v.text !== 'false') fail(v, 'packed must be true or false');
        packed = v.text === 'true';
      }
      const t = next();
      if (t.text === ']') return packed;
      if (t.text !== ',') fail(t, `expected "," or "]", found ${show(t)}`);
    }
  };
  const skipBlock = () => {
    const open = expect('{');
    let depth = 1;
    while (depth > 0) {
      const t = next();
      if (t.kind === 'eof') fail(open, 'this "{" is never closed');
      if (t.kind === 'sym' && t.text === '{') depth++;
      if (t.kind === 'sym' && t.text === '}') depth--;
    }
  };

  let sawSyntax = false;
  const schema: ProtoSchema = { syntax: 'proto2', package: '', messages: new Map(), enums: new Map() };
  const pending: Array<{ field: ProtoField; scope: string }> = [];
  const declared = (full: string, t: Token) => {
    if (schema.messages.has(full) || schema.enums.has(full)) fail(t, `"${full}" is already defined`);
  };

  const parseEnum = (scope: string) => {
    const nameTok = name('an enum name');
    const fullName = scope ? `${scope}.${nameTok.text}` : nameTok.text;
    declared(fullName, nameTok);
    const e: ProtoEnum = { kind: 'enum', name: nameTok.text, fullName, byNumber: new Map(), byName: new Map() };
    schema.enums.set(fullName, e);
    expect('{');
    for (;;) {
      const t = peek();
      if (t.text === '}' && t.kind === 'sym') {
        next();
        break;
      }
      if (t.kind === 'eof') fail(t, `enum ${nameTok.text} is never closed with "}"`);
      if (t.text === ';') {
        next();
        continue;
      }
      if (t.text === 'option' || t.text === 'reserved') {
        skipStatement();
        continue;
      }
      const v = name('an enum value name');
      expect('=');
      const { value } = integer('an enum value number');
      fieldOptions();
      expect(';');
      if (e.byName.has(v.text)) fail(v, `enum value "${v.text}" is already defined`);
      e.byName.set(v.text, value);
      if (!e.byNumber.has(value)) e.byNumber.set(value, v.text);
    }
  };

  const addField = (m: ProtoMessage, f: ProtoField, t: Token) => {
    if (f.number < 1 || f.number > MAX_FIELD_NUMBER) fail(t, `field number ${f.number} is out of range 1..${MAX_FIELD_NUMBER}`);
    if (m.byNumber.has(f.number)) fail(t, `field number ${f.number} is used twice in ${m.name}`);
    if (m.byName.has(f.name)) fail(t, `field "${f.name}" is defined twice in ${m.name}`);
    m.fields.push(f);
    m.byNumber.set(f.number, f);
    m.byName.set(f.name, f);
  };

  const typeRef = (t: Token, scope: string, f: ProtoField) => {
    if (SCALARS.has(t.text)) f.scalar = t.text as Scalar;
    else pending.push({ field: f, scope });
  };

  const parseField = (m: ProtoMessage, label: string, oneof?: string) => {
    const typeTok = ident('a field type');
    if (typeTok.text === 'group') fail(typeTok, 'groups are not supported');
    const nameTok = name('a field name');
    expect('=');
    const { value: number } = integer('a field number');
    const packedOption = fieldOptions();
    expect(';');
    const f: ProtoField = { name: nameTok.text, number, repeated: label === 'repeated', packedOption, typeName: typeTok.text, line: nameTok.line, col: nameTok.col, ...(oneof ? { oneof } : {}) };
    typeRef(typeTok, m.fullName, f);
    addField(m, f, nameTok);
  };

  const parseMap = (m: ProtoMessage) => {
    const mapTok = next(); // map
    expect('<');
    const k = ident('a map key type');
    if (!SCALARS.has(k.text) || k.text === 'double' || k.text === 'float' || k.text === 'bytes') fail(k, `a map key is an integer, bool or string type, not "${k.text}"`);
    expect(',');
    const v = ident('a map value type');
    expect('>');
    const nameTok = name('a field name');
    expect('=');
    const { value: number } = integer('a field number');
    fieldOptions();
    expect(';');
    const key: ProtoField = { name: 'key', number: 1, repeated: false, packedOption: undefined, typeName: k.text, scalar: k.text as Scalar, line: k.line, col: k.col };
    const value: ProtoField = { name: 'value', number: 2, repeated: false, packedOption: undefined, typeName: v.text, line: v.line, col: v.col };
    typeRef(v, m.fullName, value);
    const f: ProtoField = { name: nameTok.text, number, repeated: true, packedOption: undefined, typeName: `map<${k.text}, ${v.text}>`, map: { key, value }, line: mapTok.line, col: mapTok.col };
    addField(m, f, nameTok);
  };

  const parseMessage = (scope: string, depth: number) => {
    const nameTok = name('a message name');
    if (depth > 64) fail(nameTok, 'messages nested deeper than 64');
    const fullName = scope ? `${scope}.${nameTok.text}` : nameTok.text;
    declared(fullName, nameTok);
    const m: ProtoMessage = { kind: 'message', name: nameTok.text, fullName, fields: [], byNumber: new Map(), byName: new Map() };
    schema.messages.set(fullName, m);
    expect('{');
    for (;;) {
      const t = peek();
      if (t.kind === 'eof') fail(t, `message ${nameTok.text} is never closed with "}"`);
      if (t.kind === 'sym' && t.text === '}') {
        next();
        return;
      }
      if (t.kind === 'sym' && t.text === ';') {
        next();
        continue;
      }
      if (t.kind !== 'ident') fail(t, `expected a field, found ${show(t)}`);
      switch (t.text) {
        case 'message':
          next();
          parseMessage(fullName, depth + 1);
          break;
        case 'enum':
          next();
          parseEnum(fullName);
          break;
        case 'option':
        case 'reserved':
        case 'extensions':
          skipStatement();
          break;
        case 'extend':
          next();
          ident('a message name');
          skipBlock();
          break;
        case 'oneof': {
          next();
          const o = name('a oneof name');
          expect('{');
          for (;;) {
            const u = peek();
            if (u.kind === 'sym' && u.text === '}') {
              next();
              break;
            }
            if (u.kind === 'eof') fail(u, `oneof ${o.text} is never closed with "}"`);
            if (u.text === 'option') skipStatement();
            else if (u.text === 'repeated' || u.text === 'optional' || u.text === 'required') fail(u, `a oneof field has no label ("${u.text}")`);
            else if (u.text === 'map' && peek(1).text === '<') fail(u, 'a oneof cannot hold a map');
            else parseField(m, '', o.text);
          }
          break;
        }
        case 'map':
          if (peek(1).text === '<') {
            parseMap(m);
            break;
          }
          parseField(m, '');
          break;
        case 'optional':
        case 'required':
        case 'repeated': {
          next();
          if (peek().text === 'group') fail(peek(), 'groups are not supported');
          parseField(m, t.text);
          break;
        }
        default:
          if (schema.syntax === 'proto2' && peek(1).kind === 'ident' && t.text !== 'group') fail(t, `a proto2 field needs a label (optional, required or repeated) before "${t.text}"${sawSyntax ? '' : '; with no syntax line, proto2 is assumed'}`);
          parseField(m, '');
      }
    }
  };

  for (;;) {
    const t = peek();
    if (t.kind === 'eof') break;
    if (t.kind === 'sym' && t.text === ';') {
      next();
      continue;
    }
    if (t.kind !== 'ident') fail(t, `expected a declaration, found ${show(t)}`);
    switch (t.text) {
      case 'syntax': {
        next();
        expect('=');
        const s = next();
        if (s.kind !== 'string' || (s.text !== 'proto2' && s.text !== 'proto3')) fail(s, `syntax is "proto2" or "proto3", found ${show(s)}`);
        schema.syntax = s.text as 'proto2' | 'proto3';
        sawSyntax = true;
        expect(';');
        break;
      }
      case 'edition':
        fail(t, 'editions are not supported (use syntax = "proto3" or "proto2")');
        break;
      case 'package': {
        next();
        schema.package = ident('a package name').text;
        expect(';');
        break;
      }
      case 'import':
      case 'option':
        skipStatement();
        break;
      case 'message':
        next();
        parseMessage(schema.package, 0);
        break;
      case 'enum':
        next();
        parseEnum(schema.package);
        break;
      case 'service':
      case 'extend':
        next();
        ident('a name');
        skipBlock();
        break;
      default:
        fail(t, `expected message, enum, syntax, package, import, option or service, found ${show(t)}`);
    }
  }

  // resolve type names: innermost scope first, like protoc
  for (const { field, scope } of pending) {
    const found = resolve(schema, field.typeName, scope);
    if (!found) {
      const hint = field.typeName.startsWith('google.protobuf.') ? ' (imports are not read: paste the imported definitions into this .proto)' : '';
      throw new ProtoSyntaxError(field.line, field.col, `unknown type "${field.typeName}"${hint}`);
    }
    field.resolved = found;
  }
  return schema;
}

function resolve(schema: ProtoSchema, typeName: string, scope: string): ProtoMessage | ProtoEnum | undefined {
  const lookup = (full: string) => schema.messages.get(full) ?? schema.enums.get(full);
  if (typeName.startsWith('.')) return lookup(typeName.slice(1));
  let s = scope;
  for (;;) {
    const found = lookup(s ? `${s}.${typeName}` : typeName);
    if (found) return found;
    if (!s) return undefined;
    const dot = s.lastIndexOf('.');
    s = dot < 0 ? '' : s.slice(0, dot);
  }
}

/** The message type named (full name, with or without a leading dot, or a short name that is unique). */
export function findMessage(schema: ProtoSchema, name: string): ProtoMessage | undefined {
  const n = name.trim().replace(/^\./, '');
  const exact = schema.messages.get(n);
  if (exact) return exact;
  const matches = [...schema.messages.values()].filter((m) => m.fullName.endsWith(`.${n}`) || m.name === n);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Whether a repeated field of this kind may be packed. */
export function packable(f: ProtoField): boolean {
  if (f.map) return false;
  if (f.resolved) return f.resolved.kind === 'enum';
  return f.scalar !== undefined && f.scalar !== 'string' && f.scalar !== 'bytes';
}

/** Whether the encoder packs this field (proto3 packs repeated scalars unless [packed=false]). */
export function isPacked(schema: ProtoSchema, f: ProtoField): boolean {
  return f.repeated && packable(f) && (f.packedOption ?? schema.syntax === 'proto3');
}
