import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPlayground } from './playground.mjs';
import { HELLO_FRAMES, answerFrame, lpRecord, readingRecord, splitRecords } from './routes/lp.mjs';

type Playground = Awaited<ReturnType<typeof startPlayground>>;
let playground: Playground;

beforeAll(async () => {
  playground = await startPlayground({ port: 0 });
});
afterAll(async () => {
  await playground.close();
});

const hex = (b: Buffer) => b.toString('hex');

/** Opens /lp and collects what arrives, from the first frame on. */
async function openLp() {
  const ws = new WebSocket(`${playground.url}/lp`, { perMessageDeflate: false });
  const frames: { data: Buffer; isBinary: boolean }[] = [];
  ws.on('message', (data, isBinary) => frames.push({ data: Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]), isBinary }));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waitFor = async (n: number) => {
    const deadline = Date.now() + 5000;
    while (frames.length < n) {
      if (Date.now() > deadline) throw new Error(`got ${frames.length} of ${n} frames`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return frames;
  };
  return { ws, frames, waitFor, closed };
}

describe('the record format', () => {
  it('writes the documented bytes', () => {
    expect(hex(HELLO_FRAMES[0] as Buffer)).toBe('000b01' + Buffer.from('sockpit-lp').toString('hex'));
    // 21.5 = 0x41AC0000, -3.25 = 0xC0500000 as float32
    expect(hex(HELLO_FRAMES[1] as Buffer)).toBe('000902' + '00000001' + '41ac0000' + '000902' + '00000002' + 'c0500000');
    expect(hex(HELLO_FRAMES[2] as Buffer)).toBe('000902' + '00000003' + '447d5000');
  });

  it('splits records and names the byte where framing breaks', () => {
    const two = splitRecords(Buffer.concat([readingRecord(7, 1), lpRecord(1, Buffer.from('a'))]));
    expect(two.ok && two.records.map((r) => [r.type, r.offset, r.payload.length])).toEqual([
      [2, 0, 8],
      [1, 11, 1],
    ]);
    expect(splitRecords(Buffer.alloc(0))).toEqual({ ok: false, reason: 'lp: empty frame; a frame holds at least one record' });
    expect(splitRecords(Buffer.from('0000', 'hex'))).toEqual({ ok: false, reason: 'lp: byte 0: length 0, a record holds at least its type byte' });
    expect(splitRecords(Buffer.from('000902000000', 'hex'))).toEqual({ ok: false, reason: 'lp: byte 0: length 9 runs past the end of the frame (6 bytes)' });
    expect(splitRecords(Buffer.from('00010100', 'hex'))).toEqual({ ok: false, reason: 'lp: byte 3: 1 byte left, a record starts with a 2-byte length' });
  });

  it('answers readings with acks and hellos with a welcome, all or nothing', () => {
    const ok = answerFrame(Buffer.concat([lpRecord(1, Buffer.from('me')), readingRecord(42, 2.5), readingRecord(0xffffffff, -1)]));
    expect(ok.kind === 'reply' && hex(ok.frame)).toBe(hex(Buffer.concat([lpRecord(1, Buffer.from('welcome, me')), lpRecord(3, Buffer.from('0000002a', 'hex')), lpRecord(3, Buffer.from('ffffffff', 'hex'))])));
    const short = answerFrame(Buffer.concat([readingRecord(1, 1), lpRecord(2, Buffer.from('0001', 'hex'))]));
    expect(short.kind === 'reply' && short.frame.subarray(3).toString('utf8')).toBe('record 2 (byte 11): a reading is 8 bytes (u32 id, f32 value), got 2');
    expect(short.kind === 'reply' && short.frame[2]).toBe(4);
    const ack = answerFrame(lpRecord(3, Buffer.from('00000001', 'hex')));
    expect(ack.kind === 'reply' && ack.frame.subarray(3).toString('utf8')).toBe('record 1 (byte 0): type 3 is not one a client sends (1 hello, 2 reading)');
    expect(answerFrame(Buffer.from('00ff02', 'hex'))).toEqual({ kind: 'close', code: 1007, reason: 'lp: byte 0: length 255 runs past the end of the frame (3 bytes)' });
  });
});

describe('/lp over a socket', () => {
  it('sends the hello frames on open, then acks what the client sends', async () => {
    const s = await openLp();
    const first = await s.waitFor(3);
    expect(first.map((f) => f.isBinary)).toEqual([true, true, true]);
    expect(first.map((f) => hex(f.data))).toEqual(HELLO_FRAMES.map((f) => hex(f)));
    s.ws.send(Buffer.concat([readingRecord(9, 4.5), readingRecord(10, 5.5)]));
    const [, , , reply] = await s.waitFor(4);
    expect(hex(reply?.data ?? Buffer.alloc(0))).toBe('000503' + '00000009' + '000503' + '0000000a');
    s.ws.send('text');
    const [, , , , err] = await s.waitFor(5);
    expect(err?.isBinary).toBe(true);
    expect(err?.data.subarray(3).toString('utf8')).toBe('send records as a binary frame');
    s.ws.close(1000);
    expect((await s.closed).code).toBe(1000);
  });

  it('closes with 1007 and the offset when the framing is broken', async () => {
    const s = await openLp();
    await s.waitFor(3);
    s.ws.send(Buffer.from('000503000000', 'hex'));
    expect(await s.closed).toEqual({ code: 1007, reason: 'lp: byte 0: length 5 runs past the end of the frame (6 bytes)' });
  });
});
