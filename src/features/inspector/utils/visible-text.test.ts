import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text';

describe('visibleText', () => {
  it('leaves ordinary text, line feeds and tabs alone', () => {
    expect(visibleText('hello\n\tworld ✓ 🧦')).toEqual({ segments: [{ kind: 'text', text: 'hello\n\tworld ✓ 🧦' }], specials: 0 });
  });

  it('marks NUL, zero-width characters and the right-to-left override', () => {
    const v = visibleText('a\u0000b\u200bc\u202ed');
    expect(v.specials).toBe(3);
    expect(v.segments).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'special', code: 0, mark: 'NUL', name: 'NULL' },
      { kind: 'text', text: 'b' },
      { kind: 'special', code: 0x200b, mark: 'U+200B', name: 'ZERO WIDTH SPACE' },
      { kind: 'text', text: 'c' },
      { kind: 'special', code: 0x202e, mark: 'U+202E', name: 'RIGHT-TO-LEFT OVERRIDE' },
      { kind: 'text', text: 'd' },
    ]);
  });

  it('marks a carriage return, a BOM and lone surrogates, but not surrogate pairs', () => {
    const v = visibleText('\ufeffx\r\n\ud800y\udc00🧦');
    expect(v.segments.filter((s) => s.kind === 'special').map((s) => (s.kind === 'special' ? s.mark : ''))).toEqual(['U+FEFF', 'CR', 'U+D800', 'U+DC00']);
    expect(v.segments.at(-1)).toEqual({ kind: 'text', text: '🧦' });
  });

  it('past the segment limit writes marks inline instead of making more segments', () => {
    const v = visibleText('\u0000'.repeat(10) + 'end', 4);
    expect(v.segments).toHaveLength(5);
    expect(v.segments[4]).toEqual({ kind: 'text', text: '⟨NUL⟩⟨NUL⟩⟨NUL⟩⟨NUL⟩⟨NUL⟩⟨NUL⟩end' });
    expect(v.specials).toBe(10);
  });
});
