import { describe, expect, it } from 'vitest';
import { jsonStateOf, surrogateWarningOf } from './message-check';

describe('jsonStateOf', () => {
  it('tells JSON, broken JSON and plain text apart', () => {
    expect(jsonStateOf('{"a":1}')).toEqual({ kind: 'json' });
    expect(jsonStateOf('42')).toEqual({ kind: 'json' });
    expect(jsonStateOf('hello')).toEqual({ kind: 'text' });
    expect(jsonStateOf('')).toEqual({ kind: 'text' });
    expect(jsonStateOf('{"a": 1,\n "b": 2\n "c": 3}')).toEqual({ kind: 'invalid', offset: 18, message: 'JSON error at line 3, column 2: expected , or }' });
  });
});

describe('surrogateWarningOf', () => {
  it('names the position and the bytes', () => {
    expect(surrogateWarningOf('abc\uD800d')).toEqual({ offset: 3, message: 'Lone surrogate U+D800 at line 1, column 4 is sent as EF BF BD (U+FFFD): 61 62 63 [EF BF BD] 64' });
    expect(surrogateWarningOf('fine')).toBeNull();
  });
});
