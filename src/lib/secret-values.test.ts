import { afterEach, describe, expect, it } from 'vitest';
import { formatHex } from './codecs';
import { addCapturedSecrets, clearCapturedSecrets, knownSecretValues, longestSecretBytes, maskSecretValues, secretByteMask, secretValuesVersion, setSecretValues } from './secret-values';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('secret bytes', () => {
  afterEach(() => setSecretValues([]));

  it('flags every byte of each occurrence of a secret value (as UTF-8), and nothing else', () => {
    setSecretValues(['tok-1', 'pässwort']);
    const bytes = new Uint8Array([1, ...utf8('tok-1'), 2, ...utf8('pässwort'), ...utf8('tok-1')]);
    const mask = secretByteMask(bytes);
    expect(mask && [...mask]).toEqual([0, 1, 1, 1, 1, 1, 0, ...Array(9).fill(1), 1, 1, 1, 1, 1]);
    expect(secretByteMask(new Uint8Array([1, ...utf8('tok-'), 2]))).toBeNull();
    expect(longestSecretBytes()).toBe(24);
  });

  it('no secrets, no mask; a changed set is read again', () => {
    expect(secretByteMask(utf8('tok-1'))).toBeNull();
    setSecretValues(['tok-1']);
    expect(secretByteMask(utf8('tok-1'))).not.toBeNull();
    setSecretValues(['other']);
    expect(secretByteMask(utf8('tok-1'))).toBeNull();
  });

  it('formatHex shows flagged bytes as ••, cut or not', () => {
    setSecretValues(['abc']);
    const bytes = new Uint8Array([0x00, ...utf8('abc'), 0xff]);
    expect(formatHex(bytes, undefined, secretByteMask(bytes))).toBe('00 •• •• •• ff');
    expect(formatHex(bytes, 2, secretByteMask(bytes))).toBe('00 •• …');
    expect(formatHex(bytes)).toBe('00 61 62 63 ff');
  });
});

describe('captured credentials', () => {
  afterEach(() => {
    clearCapturedSecrets();
    setSecretValues([]);
  });

  it('join the environments\' values, longest first, once each; short ones and repeats change nothing', () => {
    setSecretValues(['env-secret']);
    const v0 = secretValuesVersion();
    addCapturedSecrets(['pc-secret-long', 'ab', 'env-secret']);
    expect(knownSecretValues()).toEqual(['pc-secret-long', 'env-secret']);
    const v1 = secretValuesVersion();
    expect(v1).toBeGreaterThan(v0);
    addCapturedSecrets(['pc-secret-long', 'xy']);
    expect(secretValuesVersion()).toBe(v1);
    expect(maskSecretValues('a pc-secret-long, env-secret and ab')).toBe('a ••••, •••• and ab');
    // An environment change keeps what was captured: a value seen in a frame stays masked.
    setSecretValues([]);
    expect(knownSecretValues()).toEqual(['pc-secret-long', 'env-secret']);
    clearCapturedSecrets();
    expect(knownSecretValues()).toEqual([]);
  });
});
