import type { ConnectionId } from '../../../lib/ids';
import type { BinaryType } from '../../../core/events';
import { useStore } from '../../../store/store';
import { getLog } from '../../../services/sockets/socket-service';
import { explainEvent, TOPICS } from '../utils/explanations';
import { ExplanationView } from './explanation-view';
import type { Explanation } from '../utils/explanations';
import { decodedAt, useDecodeVersion } from '../../../store/decode';
import type { DecodedMessage } from '../../../lib/decode/types';

/** What a protocol lens says about a frame: the message it carries and, where the lens can tell, how it is encoded. */
function protocolExplanations(messages: readonly DecodedMessage[]): Explanation[] {
  return messages.slice(0, 4).map((m, i) => ({
    id: `protocol-${i}`,
    title: `${m.protocol}: ${m.type}`,
    paragraphs: [
      `This frame carries a ${m.protocol} ${m.type} message: ${m.summary}.`,
      ...(m.explain ? [m.explain] : []),
      ...(m.heartbeat ? [`It is a heartbeat: ${m.protocol} peers send these to show they are alive, and drop a peer that stays silent too long. Sockpit answers them for you while the session is automatic (Options ▸ Decode as).`] : []),
      ...(m.correlation ? [`It ${m.correlation.role === 'request' ? 'opens' : 'answers'} a request/reply pair keyed "${m.correlation.key}"; the timeline shows the round-trip time on the reply.`] : []),
      ...(m.error ? [`Part of it could not be read: ${m.error}. The raw frame is kept exactly as it arrived.`] : []),
    ],
  }));
}

export type ExplainPanelProps = { connectionId: ConnectionId | null; binaryType: BinaryType };

/** The selected timeline event explained, then the topics every WebSocket user meets. */
export function ExplainPanel({ connectionId, binaryType }: ExplainPanelProps) {
  const selected = useStore((s) => s.selectedEvent);
  // Re-read when the log changes (the selected event may arrive after it was asked for).
  useStore((s) => (connectionId ? (s.runtime[connectionId]?.version ?? 0) : 0));
  const event = selected && connectionId && selected.connectionId === connectionId ? getLog(connectionId).get(selected.seq) : undefined;
  useDecodeVersion(connectionId ? [connectionId] : []);
  const decoded = event && connectionId ? decodedAt(connectionId, event.seq) : null;
  const explanations = event ? [...(decoded ? protocolExplanations(decoded) : []), ...explainEvent(event, { binaryType, origin: location.origin })] : [];
  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="explain-event-heading" className="flex flex-col gap-3">
        <h3 id="explain-event-heading" className="text-sm font-semibold text-zinc-200">
          {event ? `This ${event.type} event` : 'Explain an event'}
        </h3>
        {event ? (
          explanations.map((x) => <ExplanationView key={x.id} explanation={x} />)
        ) : (
          <p className="text-sm text-zinc-400">Select a row in the timeline, or a step of the lifecycle above, to see what it means.</p>
        )}
      </section>
      <section aria-labelledby="topics-heading" className="flex flex-col gap-2">
        <h3 id="topics-heading" className="text-sm font-semibold text-zinc-200">
          Topics
        </h3>
        {TOPICS.map((t) => (
          <details key={t.id} className="rounded-md border border-zinc-700 bg-zinc-900/60 p-2">
            <summary className="cursor-pointer text-sm font-medium text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-400">{t.title}</summary>
            <div className="mt-2">
              <ExplanationView explanation={{ ...t, title: '' }} />
            </div>
          </details>
        ))}
      </section>
    </div>
  );
}
