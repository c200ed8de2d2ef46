import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT } from '../../../store/defaults';
import { buildPayload, byteCount } from './payload';

describe('buildPayload', () => {
  it('sends text as typed, counting UTF-8 bytes', () => {
    expect(buildPayload({ ...EMPTY_DRAFT, text: 'héllo' }, null)).toEqual({ ok: true, data: 'héllo', size: 6 });
  });
  it('turns hex into exactly those bytes', () => {
    const r = buildPayload({ ...EMPTY_DRAFT, mode: 'binary', binaryFormat: 'hex', hex: '00 ff 10' }, null);
    expect(r.ok && r.data).toEqual(new Uint8Array([0, 255, 16]));
    expect(r.ok && r.size).toBe(3);
  });
  it('turns base64 into bytes', () => {
    const r = buildPayload({ ...EMPTY_DRAFT, mode: 'binary', binaryFormat: 'base64', base64: 'AP8Q' }, null);
    expect(r.ok && r.data).toEqual(new Uint8Array([0, 255, 16]));
  });
  it('reports invalid hex with the codec error', () => {
    const r = buildPayload({ ...EMPTY_DRAFT, mode: 'binary', binaryFormat: 'hex', hex: '0g' }, null);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/hex digit/);
  });
  it('asks for a file when none is chosen', () => {
    const r = buildPayload({ ...EMPTY_DRAFT, mode: 'binary', binaryFormat: 'file' }, null);
    expect(r).toEqual({ ok: false, error: 'Choose a file, or drop one here' });
  });
  it('sends a chosen file as is', () => {
    const file = new File([new Uint8Array([1, 2])], 'a.bin');
    expect(buildPayload({ ...EMPTY_DRAFT, mode: 'binary', binaryFormat: 'file' }, file)).toEqual({ ok: true, data: file, size: 2 });
  });
});

describe('byteCount', () => {
  it('pluralises', () => {
    expect(byteCount(1)).toBe('1 byte');
    expect(byteCount(3)).toBe('3 bytes');
    expect(byteCount(1024)).toBe('1,024 bytes');
  });
});
