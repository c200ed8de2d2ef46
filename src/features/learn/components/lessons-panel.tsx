import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../../store/store';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { cn } from '../../../components/ui/cn';
import { useLearnUi } from '../learn-ui';
import { endLesson, findPlayground, lessonById, runLessonAction, setPlayground, startLesson } from '../actions';
import { lessonFacts } from '../lesson-runner';
import { LESSONS, resolveRoles } from '../utils/lessons';
import type { ConnectionFacts, Lesson } from '../utils/lessons';

/** What lessons can see of every connection (the core and the trackers), for "Do it"; redrawn when a connection's state or count moves. */
function useFacts(): ConnectionFacts[] {
  const connections = useStore((s) => s.connections);
  // What lessons read of the runtime, shallow-compared: not the whole map, which changes every frame.
  useStore(useShallow((s) => s.connections.map((c) => s.runtime[c.id]?.readyState ?? 'CLOSED')));
  useStore(useShallow((s) => s.connections.map((c) => s.runtime[c.id]?.counters.inMessages ?? 0)));
  return lessonFacts(connections);
}

function PlaygroundField() {
  const playground = useLearnUi((s) => s.playground);
  const found = useLearnUi((s) => s.playgroundFound);
  return (
    <Field
      id="learn-playground"
      label="Playground server"
      hint={found ? 'Found next to this page (npm start).' : 'Lessons talk to the playground server: run npm start (or npm run server) and give its address.'}
    >
      <input
        id="learn-playground"
        className={inputClass}
        value={playground}
        onChange={(e) => setPlayground(e.target.value)}
        aria-describedby={fieldDescribedBy('learn-playground')}
        spellCheck={false}
        autoComplete="off"
      />
    </Field>
  );
}

type ActiveLessonProps = { lesson: Lesson };

function ActiveLesson({ lesson }: ActiveLessonProps) {
  const run = useLearnUi((s) => s.run);
  const facts = useFacts();
  const headingId = useId();
  const roles = run?.roles ?? {};
  const resolved = resolveRoles(lesson, facts, roles, new Set(run?.existedBefore ?? []));
  // Steps are checked and marked done by the lesson runner as events arrive (lesson-runner.ts), not here.
  const done = new Set(run?.done ?? []);
  const complete = lesson.steps.every((_, i) => done.has(i));
  const next = lesson.steps.findIndex((_, i) => !done.has(i));
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <div className="flex items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold text-zinc-100">
          Lesson: {lesson.title}
        </h3>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={endLesson}>
          All lessons
        </Button>
      </div>
      <p className="text-sm text-zinc-300">{lesson.summary}</p>
      <ol className="flex flex-col gap-2">
        {lesson.steps.map((step, i) => {
          const ok = done.has(i);
          return (
            <li key={step.title} className={cn('rounded-md border p-2', ok ? 'border-emerald-700 bg-emerald-950/40' : i === next ? 'border-sky-700 bg-zinc-900' : 'border-zinc-700 bg-zinc-900/60')}>
              <div className="flex items-start gap-2">
                <span aria-hidden="true" className={cn('mt-0.5 font-mono text-sm', ok ? 'text-emerald-300' : 'text-zinc-400')}>
                  {ok ? '✓' : `${i + 1}.`}
                </span>
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <h4 className="text-sm font-semibold text-zinc-100">
                    {step.title}
                    <span className="sr-only">{ok ? ' (done)' : ' (to do)'}</span>
                  </h4>
                  <p className="text-xs text-zinc-300">{step.text}</p>
                  {ok ? (
                    <p className="text-xs font-medium text-emerald-300">Done: it happened.</p>
                  ) : (
                    <div>
                      <Button size="sm" variant={i === next ? 'primary' : 'secondary'} onClick={() => runLessonAction(lesson, step.action, resolved)} aria-label={`Do it: ${step.title}`}>
                        Do it
                      </Button>
                    </div>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <p role="status" className="text-sm text-emerald-300">
        {complete ? `Lesson complete. ${lesson.takeaway}` : ''}
      </p>
    </section>
  );
}

/** The six guided lessons; each step has a "Do it" button and a check that it happened. */
export function LessonsPanel() {
  const run = useLearnUi((s) => s.run);
  useEffect(() => {
    void findPlayground();
  }, []);
  const lesson = run ? lessonById(run.lessonId) : undefined;
  if (lesson) return <ActiveLesson lesson={lesson} />;
  return (
    <div className="flex flex-col gap-3">
      <PlaygroundField />
      <h3 className="text-sm font-semibold text-zinc-200">Guided lessons</h3>
      <ul className="flex flex-col gap-2">
        {LESSONS.map((l) => (
          <li key={l.id} className="flex items-center gap-3 rounded-md border border-zinc-700 bg-zinc-900/60 p-2">
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-zinc-100">{l.title}</p>
              <p className="text-xs text-zinc-400">{l.summary}</p>
            </div>
            <Button size="sm" onClick={() => startLesson(l.id)} aria-label={`Start lesson: ${l.title}`}>
              Start
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
