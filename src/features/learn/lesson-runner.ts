import type { ConnectionId } from '../../lib/ids';
import { pageCore } from '../../services/sockets/socket-service';
import { useStore } from '../../store/store';
import { useLearnUi } from './learn-ui';
import { sessionOf } from './trackers';
import { LESSONS, resolveRoles } from './utils/lessons';
import type { ConnectionFacts, Lesson } from './utils/lessons';

/**
 * Runs the checks of the lesson under way on the session core: each time
 * events are appended to any connection (core.onAppend, per socket report,
 * so also in a background tab and with the panel closed), a connection is
 * removed, or the store's connection list changes, the steps not yet done
 * are checked against what happened and those that pass are marked done.
 */

/** What lessons can see of every connection, from the core and the trackers (incremental). */
export function lessonFacts(connections: readonly { id: ConnectionId; name: string; url: string }[]): ConnectionFacts[] {
  const core = pageCore();
  return connections.map((c) => ({
    id: c.id,
    name: c.name,
    url: c.url,
    readyState: core.readyState(c.id),
    inMessages: core.log(c.id)?.counters.inMessages ?? 0,
    session: sessionOf(c.id),
  }));
}

/** The steps of `lesson` that pass now and are not marked done yet. */
export function passingSteps(lesson: Lesson): number[] {
  const run = useLearnUi.getState().run;
  if (!run || run.lessonId !== lesson.id) return [];
  const resolved = resolveRoles(lesson, lessonFacts(useStore.getState().connections), run.roles, new Set(run.existedBefore));
  const done = new Set(run.done);
  return lesson.steps.flatMap((step, i) => (!done.has(i) && step.check(resolved) ? [i] : []));
}

function check(): void {
  const run = useLearnUi.getState().run;
  const lesson = run ? LESSONS.find((l) => l.id === run.lessonId) : undefined;
  if (!run || !lesson) return;
  const passing = passingSteps(lesson);
  if (passing.length === 0) return;
  useLearnUi.setState((s) => (s.run ? { run: { ...s.run, done: [...new Set([...s.run.done, ...passing])].sort((a, b) => a - b) } } : s));
}

let stopWatching: (() => void) | null = null;
let queued = false;

/** Checks once after the current task's reports are all appended (several connections may report at once). */
function schedule(): void {
  if (queued) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    check();
  });
}

/** Starts checking the lesson under way (startLesson); a second call replaces the first. */
export function watchLesson(): void {
  unwatchLesson();
  const core = pageCore();
  const offAppend = core.onAppend(schedule);
  const offRemoved = core.onRemoved(schedule);
  const offStore = useStore.subscribe((s, prev) => {
    if (s.connections !== prev.connections) schedule();
  });
  const offRun = useLearnUi.subscribe((s, prev) => {
    if (s.run?.roles !== prev.run?.roles) schedule();
    if (!s.run) unwatchLesson();
  });
  stopWatching = () => {
    offAppend();
    offRemoved();
    offStore();
    offRun();
  };
  schedule();
}

export function unwatchLesson(): void {
  stopWatching?.();
  stopWatching = null;
}
