/**
 * A JSON checker that says exactly where the text stops being JSON, and the
 * tokens of the text when it is JSON (each a slice of the source, so numbers,
 * escapes and duplicate keys are kept as written). Written here rather than
 * read from JSON.parse, whose messages and positions differ per engine.
 * Iterative: any nesting depth, no recursion.
 */

export type JsonTokenType = 'punct' | 'string' | 'number' | 'literal';

export interface JsonToken {
  type: JsonTokenType;
  /** UTF-16 offsets into the text, end exclusive */
  start: number;
  end: number;
}

export interface JsonError {
  /** UTF-16 offset of the first character that is wrong, or text.length when the text ends too soon */
  offset: number;
  /** "expected , or }" */
  message: string;
}

export type JsonScan = { ok: true; tokens: JsonToken[] } | { ok: false; error: JsonError };

type State = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'after';
const OBJECT = 0;
const ARRAY = 1;

const EXPECTED: Record<Exclude<State, 'after'>, string> = {
  value: 'expected a value',
  valueOrEnd: 'expected a value or ]',
  key: 'expected a string key',
  keyOrEnd: 'expected a string key or }',
  colon: 'expected :',
};

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const hex4 = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');

class Fail {
  constructor(readonly error: JsonError) {}
}

function fail(offset: number, message: string): never {
  throw new Fail({ offset, message });
}

/** The end of the string token that starts with the quote at `i`. */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    if (j >= text.length) fail(j, 'unterminated string: expected "');
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c === 92) {
      const e = text.charCodeAt(j + 1);
      if (e === 117) {
        for (let k = j + 2; k < j + 6; k++) if (!isHex(text.charCodeAt(k))) fail(k, 'expected 4 hex digits after \\u');
        j += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(text[j + 1] ?? '')) fail(j, j + 1 >= text.length ? 'unterminated string: expected "' : `invalid escape \\${text[j + 1] ?? ''}`);
      j += 2;
      continue;
    }
    if (c < 0x20) fail(j, c === 10 || c === 13 ? 'unterminated string: a line break inside a string must be written \\n' : `control character U+${hex4(c)} in a string: escape it`);
    j++;
  }
}

function digitsEnd(text: string, j: number, what: string): number {
  if (!isDigit(text.charCodeAt(j))) fail(j, what);
  while (isDigit(text.charCodeAt(j))) j++;
  return j;
}

/** The end of the number token that starts at `i` (a "-" or a digit). */
function numberEnd(text: string, i: number): number {
  let j = i;
  if (text.charCodeAt(j) === 45) j++;
  if (text.charCodeAt(j) === 48) {
    j++;
    if (isDigit(text.charCodeAt(j))) fail(j, 'a number cannot have leading zeros');
  } else j = digitsEnd(text, j, 'expected a digit');
  if (text.charCodeAt(j) === 46) j = digitsEnd(text, j + 1, 'expected a digit after .');
  const e = text.charCodeAt(j);
  if (e === 101 || e === 69) {
    j++;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    j = digitsEnd(text, j, 'expected a digit in the exponent');
  }
  return j;
}

/** Checks `text` as one JSON value; `collect` also gathers its tokens. */
export function scanJson(text: string, collect = true): JsonScan {
  const tokens: JsonToken[] = [];
  const stack: number[] = [];
  const push = (type: JsonTokenType, start: number, end: number) => {
    if (collect) tokens.push({ type, start, end });
  };
  let state: State = 'value';
  let i = 0;
  try {
    for (;;) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      const top = stack[stack.length - 1];
      if (i >= text.length) {
        if (state === 'after' && top === undefined) return { ok: true, tokens };
        fail(i, state !== 'after' ? EXPECTED[state] : top === OBJECT ? 'expected , or }' : 'expected , or ]');
      }
      const c = text.charCodeAt(i);
      if (state === 'after') {
        if (top === undefined) fail(i, 'expected the end of the text after the JSON value');
        if (c === 44) state = top === OBJECT ? 'key' : 'value';
        else if (c === (top === OBJECT ? 125 : 93)) {
          stack.pop();
        } else fail(i, top === OBJECT ? 'expected , or }' : 'expected , or ]');
        push('punct', i, ++i);
      } else if (state === 'colon') {
        if (c !== 58) fail(i, EXPECTED.colon);
        push('punct', i, ++i);
        state = 'value';
      } else if (state === 'key' || state === 'keyOrEnd') {
        if (state === 'keyOrEnd' && c === 125) {
          stack.pop();
          push('punct', i, ++i);
          state = 'after';
        } else if (c === 34) {
          const end = stringEnd(text, i);
          push('string', i, end);
          i = end;
          state = 'colon';
        } else fail(i, EXPECTED[state]);
      } else {
        if (state === 'valueOrEnd' && c === 93) {
          stack.pop();
          push('punct', i, ++i);
          state = 'after';
          continue;
        }
        let end: number;
        let type: JsonTokenType = 'literal';
        if (c === 123 || c === 91) {
          stack.push(c === 123 ? OBJECT : ARRAY);
          push('punct', i, ++i);
          state = c === 123 ? 'keyOrEnd' : 'valueOrEnd';
          continue;
        } else if (c === 34) {
          end = stringEnd(text, i);
          type = 'string';
        } else if (c === 45 || isDigit(c)) {
          end = numberEnd(text, i);
          type = 'number';
        } else {
          const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (!word) fail(i, EXPECTED[state]);
          end = i + word.length;
        }
        push(type, i, end);
        i = end;
        state = 'after';
      }
    }
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}

