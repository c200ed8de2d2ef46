import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { latestSession, SessionTracker } from './session';

const id = asConnectionId('t');

describe('SessionTracker', () => {
  it('reads only what was appended since the last update, and agrees with a fresh read', () => {
    const log = new EventLog(id);
    const tracker = new SessionTracker();
    log.append(Kind.Connecting, 100, 0, { url: 'ws://h/chat', protocols: [] });
    expect(tracker.update(log)).toMatchObject({ connectingSeq: 0, url: 'ws://h/chat', openSeq: null });
    log.append(Kind.Open, 110, 0, { protocol: '', extensions: '' });
    log.append(Kind.OutText, 150, 2, 'hi');
    for (let i = 0; i < 100; i++) log.append(Kind.InText, 200 + i, 3, `m${i}`);
    log.append(Kind.InBinary, 400, 4, new ArrayBuffer(4));
    const s = tracker.update(log);
    expect(s).toMatchObject({ openSeq: 1, received: { text: 100, binary: 1 }, recentBinarySizes: [4] });
    expect(s.sends).toEqual([{ seq: 2, at: 40, payload: { kind: 'text', text: 'hi' } }]);
    expect(s.recentTexts).toHaveLength(20);
    expect(s.recentTexts.at(-1)).toBe('m99');
    expect(latestSession(log)).toEqual(s);
    // Nothing new: the same object, so React can skip work.
    expect(tracker.update(log)).toBe(s);
  });

  it('starts a new session at each connecting event and counts the earlier ones', () => {
    const log = new EventLog(id);
    const tracker = new SessionTracker();
    log.append(Kind.Connecting, 1, 0, { url: 'ws://h/a', protocols: [] });
    log.append(Kind.Error, 2, 0, null);
    log.append(Kind.Close, 3, 0, { code: 1006, reason: '', wasClean: false });
    expect(tracker.update(log)).toMatchObject({ errorSeq: 1, closeSeq: 2, close: { code: 1006 }, earlierSessions: 0 });
    log.append(Kind.Connecting, 4, 0, { url: 'ws://h/b', protocols: ['p'] });
    log.append(Kind.Open, 5, 0, { protocol: 'p', extensions: '' });
    expect(tracker.update(log)).toMatchObject({ connectingSeq: 3, url: 'ws://h/b', protocols: ['p'], openSeq: 4, errorSeq: null, close: null, earlierSessions: 1 });
  });

  it('says so when events were evicted before it read them', () => {
    const log = new EventLog(id, { maxEvents: 3, maxBytes: 1e9 });
    const tracker = new SessionTracker();
    log.append(Kind.Connecting, 1, 0, { url: 'ws://h/', protocols: [] });
    log.append(Kind.Open, 2, 0, { protocol: '', extensions: '' });
    for (let i = 0; i < 10; i++) log.append(Kind.InText, 3 + i, 1, 'x');
    expect(tracker.update(log)).toMatchObject({ evicted: true, connectingSeq: null, received: { text: 3 } });
  });

  it('keeps large payloads by size only', () => {
    const log = new EventLog(id);
    log.append(Kind.Connecting, 1, 0, { url: 'ws://h/', protocols: [] });
    log.append(Kind.Open, 2, 0, { protocol: '', extensions: '' });
    log.append(Kind.OutBinary, 3, 2_000_000, new ArrayBuffer(2_000_000));
    expect(latestSession(log).sends[0]?.payload).toEqual({ kind: 'too-large', format: 'binary', size: 2_000_000 });
  });
});
