import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../core/testing/fakes';
import { setHostMode } from '../../services/sockets/socket-service';
import { useLearnUi } from './learn-ui';
import { endLesson, lessonById, runLessonAction, setPlayground, startLesson } from './actions';
import { lessonFacts } from './lesson-runner';
import { resolveRoles } from './utils/lessons';
import type { Lesson } from './utils/lessons';
import { useStore } from '../../store/store';
import { openConnection } from '../../store/actions';

// The lesson's checks run on the session core as the host reports, with no
// React and no animation frame: requestAnimationFrame never fires here, as
// in a background tab.

beforeEach(() => {
  // Timers only: performance stays real, so the host's report pacing never waits on another test's clock.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('requestAnimationFrame', () => 0);
  FakeSocket.reset();
  setHostMode('main');
  setPlayground('ws://127.0.0.1:1');
});

afterEach(() => {
  endLesson();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function lesson(id: string): Lesson {
  const l = lessonById(id);
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
}

function doIt(l: Lesson, step: number): void {
  const run = useLearnUi.getState().run;
  const action = l.steps[step]?.action;
  if (!run || !action) throw new Error('no run');
  runLessonAction(l, action, resolveRoles(l, lessonFacts(useStore.getState().connections), run.roles, new Set(run.existedBefore)));
}

/** The host's report, then the microtask the runner checks in. */
async function report(): Promise<void> {
  vi.advanceTimersByTime(20);
  await Promise.resolve();
}

const done = () => useLearnUi.getState().run?.done ?? [];

describe('the lesson runner', () => {
  it('marks the echo lesson’s steps done from the core’s appends, without frames', async () => {
    const echo = lesson('echo');
    startLesson('echo');
    doIt(echo, 0);
    const roleId = useLearnUi.getState().run?.roles.echo;
    expect(roleId).toBe(useStore.getState().connections.at(-1)?.id); // the id createConnection returned
    const ws = FakeSocket.instances.at(-1);
    if (!ws) throw new Error('no socket');
    expect(ws.url).toBe('ws://127.0.0.1:1/echo');
    await report();
    expect(done()).toEqual([]);
    ws.open();
    await report();
    expect(done()).toEqual([0]);

    doIt(echo, 1);
    expect(ws.sent).toEqual(['Hello, WebSocket!']);
    await report();
    expect(done()).toEqual([0]); // sent, not yet echoed
    ws.receive('Hello, WebSocket!');
    await report();
    expect(done()).toEqual([0, 1]);

    doIt(echo, 2);
    expect(ws.closedWith).toEqual([1000, 'lesson done']);
    ws.serverClose(1000, 'lesson done', true);
    await report();
    expect(done()).toEqual([0, 1, 2]);
  });

  it('checks a step done by hand on a connection it did not open', async () => {
    startLesson('echo');
    const created = openConnection({ url: 'ws://127.0.0.1:1/echo' });
    expect(created.ok).toBe(true);
    FakeSocket.instances.at(-1)?.open();
    await report();
    expect(done()).toEqual([0]);
  });
});
