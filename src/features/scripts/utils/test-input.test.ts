import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { eventFrame, sampleFrame } from './test-input';

const base = { id: 1, connectionId: asConnectionId('c'), time: 0 };

describe('sampleFrame', () => {
  it('takes text as typed and hex as bytes', () => {
    expect(sampleFrame('text', ' a\n')).toEqual({ ok: true, frame: { direction: 'in', format: 'text', text: ' a\n' } });
    expect(sampleFrame('hex', '00 09 ff')).toEqual({ ok: true, frame: { direction: 'in', format: 'binary', bytes: new Uint8Array([0, 9, 255]) } });
  });

  it('says what is wrong with bad hex', () => {
    const r = sampleFrame('hex', '00 0g');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/g/);
  });
});

describe('eventFrame', () => {
  it('copies a binary message, reads a Blob, refuses what is not a message', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const r = await eventFrame({ ...base, seq: 0, type: 'message', direction: 'out', format: 'binary', size: 3, data: bytes.buffer } as never);
    expect(r).toEqual({ ok: true, frame: { direction: 'out', format: 'binary', bytes } });
    if (r.ok && r.frame.format === 'binary') expect(r.frame.bytes.buffer).not.toBe(bytes.buffer);
    const blob = await eventFrame({ ...base, seq: 1, type: 'message', direction: 'in', format: 'binary', size: 2, data: new Blob([new Uint8Array([7, 8])]) } as never);
    expect(blob).toEqual({ ok: true, frame: { direction: 'in', format: 'binary', bytes: new Uint8Array([7, 8]) } });
    expect(await eventFrame({ ...base, seq: 2, type: 'open', protocol: '', extensions: '' } as never)).toEqual({ ok: false, error: 'The selected row is an open event, not a message: select a message row' });
    expect(await eventFrame(undefined)).toEqual({ ok: false, error: 'The selected row is no longer in the capture' });
  });
});
