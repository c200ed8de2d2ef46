import type { ConnectionId } from '../../lib/ids';
import { useStore } from '../../store/store';
import { closeConnection, createConnection, selectConnection, sendData, updateDraft, updateForm } from '../../store/actions';
import { selectEvent } from '../../store/view-actions';
import { parseHex } from '../../lib/codecs';
import { assertNever } from '../../lib/assert-never';
import { useLearnUi } from './learn-ui';
import { unwatchLesson, watchLesson } from './lesson-runner';
import { LESSONS, roleUrl } from './utils/lessons';
import type { Lesson, LessonAction, Resolved } from './utils/lessons';

export { setLearn, setLearnTab } from './toggle';

/** Shows a timeline event: selects it (the timeline and inspector follow) and opens its explanation. */
export function explainEvent(connectionId: ConnectionId, seq: number): void {
  selectConnection(connectionId);
  selectEvent({ connectionId, seq });
  useLearnUi.setState({ tab: 'explain' });
}

/** Points a timeline event out without leaving the current tab. */
export function revealEvent(connectionId: ConnectionId, seq: number): void {
  selectEvent({ connectionId, seq });
}

/** Starts a lesson; its steps are checked on the session core as events arrive (lesson-runner.ts). */
export function startLesson(lessonId: string): void {
  useLearnUi.setState({
    run: { lessonId, roles: {}, existedBefore: useStore.getState().connections.map((c) => c.id), done: [] },
    tab: 'lessons',
  });
  watchLesson();
}

export function endLesson(): void {
  unwatchLesson();
  useLearnUi.setState({ run: null });
}

export function setPlayground(playground: string, found = false): void {
  useLearnUi.setState({ playground, playgroundFound: found });
}

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

let playgroundAsked = false;

/** Reads the playground's address from ./playground.json (served by npm start) once. */
export async function findPlayground(): Promise<void> {
  if (playgroundAsked) return;
  playgroundAsked = true;
  try {
    const res = await fetch('./playground.json', { cache: 'no-store' });
    if (!res.ok) return;
    const body: unknown = await res.json();
    const url = typeof body === 'object' && body !== null && 'url' in body ? body.url : undefined;
    if (typeof url === 'string' && !useLearnUi.getState().playgroundFound) setPlayground(url, true);
  } catch {
    // A hosted page has no playground next to it: the user types its address.
  }
}

/**
 * Does a lesson step the way a user would: connecting fills the
 * new-connection form and presses Connect (the role takes the id
 * createConnection returns); sending fills the composer and presses Send;
 * closing uses the close panel's code and reason.
 */
export function runLessonAction(lesson: Lesson, action: LessonAction, resolved: Resolved): void {
  const role = lesson.roles[action.role];
  if (!role) return;
  if (action.type === 'connect') {
    const { playground } = useLearnUi.getState();
    updateForm({ url: roleUrl(playground, role), protocols: '', name: role.name, binaryType: role.binaryType ?? 'arraybuffer' });
    const created = createConnection();
    if (!created.ok) return;
    const { id } = created;
    useLearnUi.setState((s) => (s.run ? { run: { ...s.run, roles: { ...s.run.roles, [action.role]: id } } } : s));
    return;
  }
  const target = resolved[action.role];
  if (!target) return;
  selectConnection(target.id);
  switch (action.type) {
    case 'send-text':
      updateDraft(target.id, { mode: 'text', text: action.text });
      sendData(target.id, action.text);
      return;
    case 'send-hex': {
      const bytes = parseHex(action.hex);
      if (!bytes.ok) return;
      updateDraft(target.id, { mode: 'binary', binaryFormat: 'hex', hex: action.hex });
      sendData(target.id, bytes.bytes);
      return;
    }
    case 'close':
      updateDraft(target.id, { closeCode: String(action.code), closeReason: action.reason });
      closeConnection(target.id, action.code, action.reason);
      return;
    default:
      assertNever(action, 'lesson action');
  }
}
