import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { LESSONS, resolveRoles, roleUrl } from './lessons';
import type { ConnectionFacts, Lesson } from './lessons';
import { latestSession } from './session';

function lesson(id: string): Lesson {
  const l = LESSONS.find((x) => x.id === id);
  if (!l) throw new Error(id);
  return l;
}

function facts(id: string, url: string, fill: (log: EventLog) => void): ConnectionFacts {
  const log = new EventLog(asConnectionId(id));
  log.append(Kind.Connecting, 1, 0, { url, protocols: [] });
  fill(log);
  return { id: asConnectionId(id), name: '', url, readyState: 'OPEN', inMessages: log.counters.inMessages, session: latestSession(log) };
}

const open = (log: EventLog) => log.append(Kind.Open, 2, 0, { protocol: '', extensions: '' });

describe('LESSONS', () => {
  it('are the six the issue asks for, each with steps', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['echo', 'chat', 'binary', 'close-codes', 'drop', 'flood']);
    for (const l of LESSONS) {
      expect(l.steps.length).toBeGreaterThan(0);
      for (const s of l.steps) expect(l.roles[s.action.role]).toBeDefined();
    }
  });

  it('echo: each check passes only once its step happened', () => {
    const l = lesson('echo');
    const [connectStep, sendStep, closeStep] = l.steps;
    const none = {};
    expect(connectStep?.check(none)).toBe(false);
    const opened = facts('a', 'ws://h:1/echo', open);
    expect(connectStep?.check({ echo: opened })).toBe(true);
    expect(sendStep?.check({ echo: opened })).toBe(false);
    const echoed = facts('a', 'ws://h:1/echo', (log) => {
      open(log);
      log.append(Kind.OutText, 3, 2, 'yo');
      log.append(Kind.InText, 4, 2, 'yo');
    });
    expect(sendStep?.check({ echo: echoed })).toBe(true);
    expect(closeStep?.check({ echo: echoed })).toBe(false);
    const closed = facts('a', 'ws://h:1/echo', (log) => {
      open(log);
      log.append(Kind.Close, 5, 0, { code: 1000, reason: '', wasClean: true });
    });
    expect(closeStep?.check({ echo: closed })).toBe(true);
  });

  it('chat: Bob must receive what Alice sent', () => {
    const step = lesson('chat').steps[2];
    const alice = facts('a', 'ws://h/chat', (log) => {
      open(log);
      log.append(Kind.OutText, 3, 1, 'hey');
    });
    const bobWithout = facts('b', 'ws://h/chat', open);
    const bobWith = facts('b', 'ws://h/chat', (log) => {
      open(log);
      log.append(Kind.InText, 4, 1, 'hey');
    });
    expect(step?.check({ alice, bob: bobWithout })).toBe(false);
    expect(step?.check({ alice, bob: bobWith })).toBe(true);
  });
});

describe('resolveRoles', () => {
  const chat = lesson('chat');
  const a = facts('a', 'ws://h/chat', open);
  const b = facts('b', 'ws://h/chat', open);
  const old = facts('old', 'ws://h/chat', open);
  const echo = facts('e', 'ws://h/echo', open);

  it('prefers the connections "Do it" made', () => {
    const r = resolveRoles(chat, [a, b], { bob: asConnectionId('a') }, new Set());
    expect(r.bob?.id).toBe('a');
    expect(r.alice?.id).toBe('b');
  });

  it('otherwise takes new connections on the route, in order, one per role', () => {
    const r = resolveRoles(chat, [old, echo, a, b], {}, new Set([asConnectionId('old')]));
    expect(r.alice?.id).toBe('a');
    expect(r.bob?.id).toBe('b');
    expect(resolveRoles(chat, [old, echo], {}, new Set([asConnectionId('old')]))).toEqual({});
  });

  it('matches the route by path, whatever the query', () => {
    const drop = facts('d', 'ws://h/drop?after=50', open);
    expect(resolveRoles(lesson('drop'), [drop], {}, new Set()).drop?.id).toBe('d');
  });
});

describe('roleUrl', () => {
  it('appends the route to the playground base', () => {
    expect(roleUrl('ws://127.0.0.1:8787/', { path: '/close?code=4001', name: 'x' })).toBe('ws://127.0.0.1:8787/close?code=4001');
  });
});
