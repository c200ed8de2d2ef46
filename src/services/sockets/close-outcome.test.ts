import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../lib/ids';
import { closeFailed } from '../../lib/close-codes';
import { EventLog } from '../../core/event-log';
import { Kind } from '../../core/events';
import { latestClose } from './close-outcome';

const id = asConnectionId('c1');
const connecting = { url: 'ws://x/', protocols: [] };
const open = { protocol: '', extensions: '' };

describe('latestClose', () => {
  it('is undefined before any close and while a new attempt is under way', () => {
    const log = new EventLog(id);
    expect(latestClose(log)).toBeUndefined();
    log.append(Kind.Connecting, 1, 0, connecting);
    log.append(Kind.Open, 2, 0, open);
    expect(latestClose(log)).toBeUndefined();
    log.append(Kind.Close, 3, 0, { code: 1000, reason: '', wasClean: true });
    log.append(Kind.Connecting, 4, 0, connecting);
    expect(latestClose(log)).toBeUndefined();
  });

  it('finds a clean close behind notes, without an error', () => {
    const log = new EventLog(id);
    log.append(Kind.Connecting, 1, 0, connecting);
    log.append(Kind.Open, 2, 0, open);
    log.append(Kind.InText, 3, 2, 'hi');
    log.append(Kind.Close, 4, 0, { code: 1000, reason: 'done', wasClean: true });
    log.append(Kind.Note, 5, 0, { level: 'info', text: 'repeat stopped' });
    expect(latestClose(log)).toEqual({ seq: 3, code: 1000, reason: 'done', wasClean: true, errored: false });
  });

  it('marks a failed handshake (error then 1006) as errored, not an error of an earlier attempt', () => {
    const log = new EventLog(id);
    log.append(Kind.Connecting, 1, 0, connecting);
    log.append(Kind.Error, 2, 0, null);
    log.append(Kind.Close, 3, 0, { code: 1006, reason: '', wasClean: false });
    expect(latestClose(log)).toMatchObject({ code: 1006, errored: true });
    log.append(Kind.Connecting, 4, 0, connecting);
    log.append(Kind.Open, 5, 0, open);
    log.append(Kind.Close, 6, 0, { code: 1000, reason: '', wasClean: true });
    expect(latestClose(log)).toMatchObject({ code: 1000, errored: false });
  });
});

describe('closeFailed', () => {
  it('fails on errors, unclean closes, 1006 and 1015; a clean 1000 or 4001 is no failure', () => {
    expect(closeFailed(1000, true, false)).toBe(false);
    expect(closeFailed(4001, true, false)).toBe(false);
    expect(closeFailed(1006, false, false)).toBe(true);
    expect(closeFailed(1015, true, false)).toBe(true);
    expect(closeFailed(1000, false, false)).toBe(true);
    expect(closeFailed(1000, true, true)).toBe(true);
  });
});
