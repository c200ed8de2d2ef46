import type { ConnectionId } from '../../../lib/ids';
import type { ReadyStateName } from '../../../core/events';
import { READY_STATE_NAMES } from '../../../core/events';
import { cn } from '../../../components/ui/cn';
import { closeCall } from '../utils/generate-code';
import type { Session } from '../utils/session';
import type { CloseRequest } from '../../../store/close-requests';
import { explainEvent } from '../actions';

export type LifecycleDiagramProps = {
  connectionId: ConnectionId;
  readyState: ReadyStateName;
  session: Session;
  closeRequest: CloseRequest | null;
};

interface Transition {
  to: ReadyStateName;
  /** what caused it, in words */
  cause: string;
  /** the timeline row that shows it, if any */
  seq: number | null;
}

/** The transitions of this socket so far, each with its cause. */
function transitions(session: Session, closeRequest: CloseRequest | null): Transition[] {
  const out: Transition[] = [];
  if (session.connectingSeq !== null || session.url !== null) out.push({ to: 'CONNECTING', cause: 'new WebSocket(…)', seq: session.connectingSeq });
  if (session.openSeq !== null) out.push({ to: 'OPEN', cause: 'open event', seq: session.openSeq });
  if (closeRequest) out.push({ to: 'CLOSING', cause: `you called ${closeCall(closeRequest)}`, seq: null });
  else if (session.close?.wasClean && session.openSeq !== null) out.push({ to: 'CLOSING', cause: 'the server’s close frame', seq: session.closeSeq });
  if (session.close) {
    const cause = session.errorSeq !== null ? `error, then close ${session.close.code}` : `close event ${session.close.code}`;
    out.push({ to: 'CLOSED', cause, seq: session.errorSeq ?? session.closeSeq });
  }
  return out;
}

/**
 * readyState as a diagram: CONNECTING → OPEN → CLOSING → CLOSED, the current
 * state lit, and under each state the event that led to it, linked to its
 * timeline row.
 */
export function LifecycleDiagram({ connectionId, readyState, session, closeRequest }: LifecycleDiagramProps) {
  const reached = transitions(session, closeRequest);
  return (
    <section aria-labelledby="lifecycle-heading" className="flex flex-col gap-2">
      <h3 id="lifecycle-heading" className="text-sm font-semibold text-zinc-200">
        Lifecycle <span className="font-normal text-zinc-400">(ws.readyState)</span>
      </h3>
      <ol className="grid grid-cols-4 items-start gap-3 text-center">
        {READY_STATE_NAMES.map((state, i) => {
          const t = reached.find((x) => x.to === state);
          const current = state === readyState;
          return (
              <li key={state} className="relative flex min-w-0 flex-col items-center gap-1" aria-current={current ? 'step' : undefined}>
                {i > 0 ? (
                  <span aria-hidden="true" className="absolute top-1 -left-3 text-zinc-500">
                    →
                  </span>
                ) : null}
                <span
                  className={cn(
                    'w-full rounded border px-1 py-1 font-mono text-[11px] font-semibold',
                    current ? 'border-emerald-500 bg-emerald-900/70 text-emerald-100' : t ? 'border-zinc-600 text-zinc-300' : 'border-dashed border-zinc-700 text-zinc-400',
                  )}
                >
                  {i} {state}
                  {current ? <span className="sr-only"> (current state)</span> : null}
                </span>
                {t ? (
                  t.seq !== null ? (
                    <button
                      type="button"
                      className="text-[11px] leading-tight text-sky-300 underline decoration-dotted underline-offset-2 hover:text-sky-200 focus-visible:outline-2 focus-visible:outline-sky-400"
                      onClick={() => explainEvent(connectionId, t.seq ?? 0)}
                      title="Show this event in the timeline and explain it"
                    >
                      {t.cause}
                    </button>
                  ) : (
                    <span className="text-[11px] leading-tight text-zinc-300">{t.cause}</span>
                  )
                ) : null}
              </li>
          );
        })}
      </ol>
    </section>
  );
}
