import { describe, expect, it } from 'vitest';
import { readTextFile } from './text-file';

describe('readTextFile', () => {
  it('reads UTF-8 text as it is, without a byte order mark', async () => {
    const text = 'syntax = "proto3";\nmessage Tick { string at = 2; } // héllo ✓\r\n';
    expect(await readTextFile(new File([text], 'a.proto'))).toEqual({ ok: true, text });
    expect(await readTextFile(new File([new Uint8Array([0xef, 0xbb, 0xbf]), 'x'], 'bom.proto'))).toEqual({ ok: true, text: 'x' });
    expect(await readTextFile(new File([], 'empty.proto'))).toEqual({ ok: true, text: '' });
  });

  it('refuses bytes that are not UTF-8, naming the file', async () => {
    expect(await readTextFile(new File([new Uint8Array([0x6d, 0xff, 0x0a])], 'bin.proto'))).toEqual({ ok: false, error: '"bin.proto" is not UTF-8 text' });
  });

  it('refuses a file over the limit before reading it', async () => {
    const r = await readTextFile(new File(['x'.repeat(11)], 'big.proto'), 10);
    expect(r).toEqual({ ok: false, error: '"big.proto" is 11 B; at most 10 B is loaded' });
    expect(await readTextFile(new File(['x'.repeat(10)], 'ok.proto'), 10)).toEqual({ ok: true, text: 'x'.repeat(10) });
  });
});
