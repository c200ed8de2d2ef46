import { describe, expect, it } from 'vitest';
import { Kind } from './events';
import { PACK_MAX_CHARS, packTexts, unpackTexts } from './text-pack';

/** A report's kinds and data: a string is a received text, null an error, anything else its own kind. */
function batch(items: unknown[]): { kinds: Uint8Array; data: unknown[] } {
  const kinds = Uint8Array.from(items, (d) => (typeof d === 'string' ? Kind.InText : d === null ? Kind.Error : d instanceof ArrayBuffer ? Kind.InBinary : Kind.Note));
  return { kinds, data: [...items] };
}

function roundTrip(items: unknown[]): unknown[] {
  const { kinds, data } = batch(items);
  const packed = packTexts(kinds, data);
  if (packed) unpackTexts(kinds, data, packed);
  return data;
}

describe('packTexts / unpackTexts', () => {
  it('moves the texts out and back in place, around binaries, notes and an error (whose data is null)', () => {
    const buf = new ArrayBuffer(3);
    const note = { level: 'info', text: 'drained' };
    const { kinds, data } = batch(['a', buf, null, '', 'héllo 😀', note, '{"seq":1}']);
    kinds[3] = Kind.OutText;
    const packed = packTexts(kinds, data);
    expect(packed?.text).toBe('ahéllo 😀{"seq":1}');
    expect([...(packed?.ends ?? [])]).toEqual([1, 1, 9, 18]);
    expect(data).toEqual([null, buf, null, null, null, note, null]);
    if (!packed) throw new Error('nothing packed');
    unpackTexts(kinds, data, packed);
    expect(data).toEqual(['a', buf, null, '', 'héllo 😀', note, '{"seq":1}']);
    expect(data[1]).toBe(buf);
  });

  it('keeps lone surrogates and control characters as they were', () => {
    const texts = ['\ud800', 'x\udc00', '\u0000\n\r', '\ud83d', '\ude00'];
    expect(roundTrip(texts)).toEqual(texts);
  });

  it('leaves a text over the limit as a string of its own', () => {
    const big = 'b'.repeat(PACK_MAX_CHARS + 1);
    const edge = 'e'.repeat(PACK_MAX_CHARS);
    const { kinds, data } = batch(['s', big, edge]);
    const packed = packTexts(kinds, data);
    expect(data[1]).toBe(big);
    expect(packed?.ends.length).toBe(2);
    if (!packed) throw new Error('nothing packed');
    unpackTexts(kinds, data, packed);
    expect(data).toEqual(['s', big, edge]);
  });

  it('packs nothing when there is no text', () => {
    const { kinds, data } = batch([new ArrayBuffer(1), { level: 'info', text: 'n' }, null]);
    expect(packTexts(kinds, data)).toBeNull();
    expect(data[0]).toBeInstanceOf(ArrayBuffer);
  });

  it('survives a structured clone, as a report crosses to the page', () => {
    const items = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? new Uint8Array([i & 255]).buffer : i % 11 === 0 ? null : `{"seq":${i}}`));
    const { kinds, data } = batch(items);
    const packed = packTexts(kinds, data);
    if (!packed) throw new Error('nothing packed');
    const moved = structuredClone({ kinds, data, packed });
    unpackTexts(moved.kinds, moved.data, moved.packed);
    expect(moved.data.map((d) => (d instanceof ArrayBuffer ? 'binary' : d))).toEqual(items.map((d) => (d instanceof ArrayBuffer ? 'binary' : d)));
  });
});
