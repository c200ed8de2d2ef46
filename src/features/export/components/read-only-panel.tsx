import { useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { formatBytes, formatHex } from '../../../lib/codecs';
import { maskUrl } from '../../../lib/secrets';
import { getLog } from '../../../services/sockets/socket-service';
import { Kind } from '../../../core/events';
import type { SockEvent } from '../../../core/events';
import type { EventLog } from '../../../core/event-log';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../../store/store';
import { reconnectAsLive, sendData } from '../../../store/actions';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';

export type ReadOnlyPanelProps = { connectionId: ConnectionId };

type Message = Extract<SockEvent, { type: 'message' }>;

function messageAt(id: ConnectionId, seq: number): Message | undefined {
  const e = getLog(id).get(seq);
  return e?.type === 'message' ? e : undefined;
}

/** The next message event from `seq` in direction `step` (+1 or -1), if any. */
function findMessage(id: ConnectionId, from: number, step: 1 | -1): Message | undefined {
  const log = getLog(id);
  for (let seq = from; seq >= log.start && seq < log.end; seq += step) {
    const m = messageAt(id, seq);
    if (m) return m;
  }
  return undefined;
}

const isSent = (k: number): boolean => k === Kind.OutText || k === Kind.OutBinary;
const isMessage = (k: number): boolean => isSent(k) || k === Kind.InText || k === Kind.InBinary;

/**
 * The first seq in [from, to) whose kind `want` takes, read from the kind
 * column a window at a time (no event is built: this runs in render, over
 * imports of a million events).
 */
function firstOfKind(log: EventLog, from: number, to: number, want: (kind: number) => boolean): number | undefined {
  let found: number | undefined;
  for (let a = from; a < to && found === undefined; a += 4096) {
    log.scanColumns(a, Math.min(to, a + 4096), (kinds, _times, _sizes, i0, i1, seq0) => {
      if (found !== undefined) return;
      for (let i = i0; i < i1; i++) {
        if (want(kinds[i] ?? 0)) {
          found = seq0 + (i - i0);
          return;
        }
      }
    });
  }
  return found;
}

/** The message to offer first: the one selected in the timeline, else the first sent (within the first 100,000 events), else the first. */
function initialMessage(id: ConnectionId, selected: number | undefined): Message | undefined {
  if (selected !== undefined) {
    const m = messageAt(id, selected);
    if (m) return m;
  }
  const log = getLog(id);
  const seq = firstOfKind(log, log.start, Math.min(log.end, log.start + 100_000), isSent) ?? firstOfKind(log, log.start, log.end, isMessage);
  return seq === undefined ? undefined : messageAt(id, seq);
}

function describe(m: Message): string {
  const what = `#${m.seq} ${m.direction === 'out' ? 'sent' : 'received'} ${m.format} ${formatBytes(m.size)}`;
  if (m.format === 'text') return `${what}: ${m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text}`;
  return `${what}: ${m.data instanceof ArrayBuffer ? formatHex(new Uint8Array(m.data), 32) : 'Blob'}`;
}

/**
 * In place of the composer for an imported timeline: why nothing can be
 * sent or closed here, "Reconnect as live", and resending any imported
 * message on a live connection.
 */
export function ReadOnlyPanel({ connectionId }: ReadOnlyPanelProps) {
  const config = useStore((s) => s.connections.find((c) => c.id === connectionId));
  const selectedSeq = useStore((s) => (s.selectedEvent?.connectionId === connectionId ? s.selectedEvent.seq : undefined));
  const connections = useStore((s) => s.connections);
  // Only the readyStates, as one shallow-compared list: not the whole runtime map, which changes every frame.
  const states = useStore(useShallow((s) => s.connections.map((c) => s.runtime[c.id]?.readyState ?? 'CLOSED')));
  const stateOf = (id: ConnectionId) => states[connections.findIndex((c) => c.id === id)] ?? 'CLOSED';
  const [pickedSeq, setPickedSeq] = useState<number | null>(null);
  const [target, setTarget] = useState<ConnectionId | ''>('');
  const [status, setStatus] = useState('');
  if (!config) return null;
  const id = `ro-${connectionId}`;

  const message = pickedSeq === null ? initialMessage(connectionId, selectedSeq) : messageAt(connectionId, pickedSeq);
  const lives = connections.filter((c) => c.source !== 'import');
  const at = connections.findIndex((c) => c.id === connectionId);
  // Default target: the live connection made from this import (placed after it), else the first open one.
  const fallback = connections.slice(at + 1).find((c) => c.source !== 'import' && c.url === config.url) ?? lives.find((c) => stateOf(c.id) === 'OPEN') ?? lives[0];
  const targetId = target !== '' && lives.some((c) => c.id === target) ? target : fallback?.id;
  const targetState = targetId ? stateOf(targetId) : undefined;
  const blocked = !message ? 'This timeline has no messages' : !targetId ? 'Reconnect as live first: there is no live connection to send on' : targetState !== 'OPEN' ? `Resend is disabled: the chosen connection is ${targetState}` : '';

  const step = (dir: 1 | -1) => {
    if (!message) return;
    const next = findMessage(connectionId, message.seq + dir, dir);
    if (next) setPickedSeq(next.seq);
  };

  const resend = () => {
    if (!message || !targetId || blocked) return;
    sendData(targetId, message.format === 'text' ? message.text : message.data instanceof ArrayBuffer ? new Uint8Array(message.data) : message.data);
    const name = connections.find((c) => c.id === targetId);
    setStatus(`Sent #${message.seq} on ${name?.name || maskUrl(name?.url ?? '')}.`);
  };

  return (
    <section aria-label="Imported timeline" className="flex min-w-0 flex-1 flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <p id={`${id}-why`} className="text-sm text-amber-100">
          Read-only: imported from <span className="font-mono">{config.importedFrom ?? 'a file'}</span>. Sending and closing are off here, because an imported timeline has no socket.
        </p>
        <Button variant="primary" size="sm" onClick={() => reconnectAsLive(connectionId)} aria-describedby={`${id}-live`}>
          Reconnect as live
        </Button>
        <span id={`${id}-live`} className="text-xs text-zinc-400">
          opens a new connection to {maskUrl(config.url)}
        </span>
      </div>
      <fieldset className="flex flex-col gap-2 rounded border border-zinc-800 p-2">
        <legend className="px-1 text-xs font-medium text-zinc-300">Resend a message from this timeline</legend>
        <div className="flex min-w-0 items-center gap-2">
          <Button size="sm" aria-label="Previous message" disabled={!message} onClick={() => step(-1)}>
            ←
          </Button>
          <Button size="sm" aria-label="Next message" disabled={!message} onClick={() => step(1)}>
            →
          </Button>
          <p className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-200" aria-label="Message to resend" role="status">
            {message ? describe(message) : 'No messages in this timeline.'}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <Field id={`${id}-target`} label="Send on" className="w-72">
            <select id={`${id}-target`} className={inputClass} value={targetId ?? ''} onChange={(e) => setTarget(e.target.value as ConnectionId)} aria-describedby={fieldDescribedBy(`${id}-target`)} disabled={lives.length === 0}>
              {lives.length === 0 ? <option value="">No live connection</option> : null}
              {lives.map((c) => (
                <option key={c.id} value={c.id}>
                  {(c.name || maskUrl(c.url)) + ` (${stateOf(c.id)})`}
                </option>
              ))}
            </select>
          </Field>
          <div className="flex items-center gap-2 pb-5">
            <Button variant="primary" size="sm" disabled={blocked !== ''} aria-describedby={`${id}-resend-why`} onClick={resend}>
              Resend
            </Button>
            <span id={`${id}-resend-why`} className="text-xs text-amber-200">
              {blocked}
            </span>
            <span role="status" className="text-xs text-emerald-300">
              {status}
            </span>
          </div>
        </div>
      </fieldset>
    </section>
  );
}
