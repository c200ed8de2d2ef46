import type { SockEvent } from '../../../core/events';
import { closeCodeName } from '../../../lib/close-codes';
import { maskUrl } from '../../../lib/secrets';
import { assertNever } from '../../../lib/assert-never';
import { visibleText } from '../utils/visible-text';
import { VisibleRun } from './visible-run';

export type EventDetailsProps = { event: Exclude<SockEvent, { type: 'message' }> };

function fields(e: EventDetailsProps['event']): Array<[string, string]> {
  switch (e.type) {
    case 'connecting':
      return [
        ['URL', maskUrl(e.url)],
        ['Subprotocols offered', e.protocols.join(', ') || '(none)'],
      ];
    case 'open':
      return [
        ['Subprotocol', e.protocol || '(none)'],
        ['Extensions', e.extensions || '(none)'],
      ];
    case 'error':
      return [['Detail', 'The browser gives no detail about WebSocket errors; the close event that follows has the code.']];
    case 'close':
      return [
        ['Code', `${e.code} ${closeCodeName(e.code)}`],
        ['Reason', e.reason || '(none)'],
        ['wasClean', String(e.wasClean)],
      ];
    case 'note':
      return [
        ['Level', e.level],
        ['Text', e.text],
      ];
    default:
      return assertNever(e, 'event');
  }
}

/** The fields of a lifecycle event (open, close, error, note), as text. */
export function EventDetails({ event }: EventDetailsProps) {
  return (
    // Focusable so its content can be scrolled from the keyboard when it overflows (large text).
    <dl aria-label="Event details" tabIndex={0} className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 overflow-auto p-3 text-xs focus-visible:outline-2 focus-visible:outline-sky-400">
      {fields(event).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-400">{k}</dt>
          <dd className="font-mono break-all whitespace-pre-wrap text-zinc-100">
            <VisibleRun segments={visibleText(v).segments} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
