import { useMemo, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { SockEvent } from '../../../core/events';
import { formatBytes, formatCount } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { usePayload } from '../hooks/use-payload';
import { parseJson, prettyJson } from '../utils/json-tree';
import { looksLikeJson } from '../../../lib/json-detect';
import type { JsonParse } from '../utils/json-tree';
import { Base64View } from './base64-view';
import { EventDetails } from './event-details';
import { HexView } from './hex-view';
import { JsonTreeView } from './json-tree-view';
import { PayloadActions } from './payload-actions';
import { TextView } from './text-view';
import { Utf8View } from './utf8-view';
import { ProtocolView } from './protocol-view';
import type { DecodedMessage } from '../../../lib/decode/types';

/** Text longer than this is not parsed as JSON (the text view still shows it). */
export const JSON_PARSE_LIMIT = 5 * 1024 * 1024;

type Tab = 'protocol' | 'tree' | 'pretty' | 'text' | 'hex' | 'utf8' | 'base64' | 'details';
const TAB_LABEL: Record<Tab, string> = { protocol: 'Protocol', tree: 'JSON tree', pretty: 'Pretty JSON', text: 'Text', hex: 'Hex', utf8: 'UTF-8', base64: 'Base64', details: 'Details' };

export type InspectorProps = {
  event: SockEvent;
  /** the connection's name, for the heading and file names */
  connectionLabel: string;
  /** the pairing of this event, if any, rendered under the heading */
  pair?: ReactNode;
  /** docked below the timeline: everything on as few lines as it can */
  compact?: boolean;
  /** the frame as its protocol lens reads it (lib/decode), if one does */
  decoded?: readonly DecodedMessage[] | null | undefined;
  onClose: () => void;
};

function jsonOf(event: SockEvent): JsonParse | null {
  if (event.type !== 'message' || event.format !== 'text') return null;
  if (event.text.length > JSON_PARSE_LIMIT || !looksLikeJson(event.text)) return null;
  return parseJson(event.text);
}

function fileNameOf(label: string, event: SockEvent, json: boolean): string {
  const base = `${label.replace(/[^\w.-]+/g, '_').slice(0, 40) || 'connection'}-${event.seq}`;
  if (event.type === 'message' && event.format === 'binary') return `${base}.bin`;
  return `${base}.${json ? 'json' : 'txt'}`;
}

/**
 * The selected event in full: text with invisible characters marked, JSON as
 * a tree and pretty-printed, binary as a hex dump, UTF-8 and base64; copy,
 * download, resend and edit-and-send.
 */
export function Inspector({ event, connectionLabel, pair, compact = false, decoded, onClose }: InspectorProps) {
  const payload = usePayload(event);
  const json = useMemo(() => jsonOf(event), [event]);
  const [preferred, setPreferred] = useState<Tab | null>(null);
  const [wrap, setWrap] = useState(true);

  // A protocol lens's reading comes first; plain JSON has its own richer tree.
  const protocol = decoded && decoded.length > 0 && decoded.some((m) => m.protocol !== 'JSON') ? decoded : null;
  const payloadTabs: Tab[] =
    event.type !== 'message'
      ? ['details']
      : event.format === 'binary'
        ? ['hex', 'utf8', 'base64']
        : json?.ok
          ? json.root
            ? ['tree', 'pretty', 'text', 'hex']
            : ['pretty', 'text', 'hex']
          : ['text', 'hex'];
  const tabs: Tab[] = protocol ? ['protocol', ...payloadTabs] : payloadTabs;
  const tab: Tab = preferred && tabs.includes(preferred) ? preferred : (tabs[0] ?? 'details');
  const pretty = useMemo(() => (json?.ok && event.type === 'message' && event.format === 'text' ? prettyJson(event.text) : null), [json, event]);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
    if (!next) return;
    e.preventDefault();
    setPreferred(next);
    document.getElementById(`inspector-tab-${next}`)?.focus();
  };

  const direction = event.type === 'message' ? (event.direction === 'in' ? 'received' : 'sent') : event.type;
  const wrapApplies = tab === 'text' || tab === 'pretty' || tab === 'utf8';

  return (
    <section aria-label="Inspector" className="flex min-h-0 min-w-0 flex-1 flex-col overflow-hidden bg-zinc-900/60">
      <header className={cn('flex gap-2 border-b border-zinc-800 px-3', compact ? 'items-center py-1' : 'items-start py-2')}>
        <div className={cn('min-w-0 flex-1', compact && 'flex items-baseline gap-2')}>
          <h2 className="shrink-0 text-sm font-semibold text-zinc-100">
            {direction}
            {event.type === 'message' ? ` · ${event.format === 'text' ? (json?.ok ? 'JSON' : 'text') : 'binary'}` : ''}
          </h2>
          <p className={cn('text-xs text-zinc-400 tabular-nums', compact ? 'min-w-0 truncate' : 'break-words')}>
            {connectionLabel} · event #{formatCount(event.seq)} · {new Date(event.time).toISOString().replace('T', ' ').replace('Z', ' UTC')}
            {event.type === 'message' ? ` · ${formatBytes(event.size)} (${formatCount(event.size)} ${event.size === 1 ? 'byte' : 'bytes'})` : ''}
          </p>
        </div>
        <Button size="sm" variant="ghost" className="shrink-0" onClick={onClose} aria-keyshortcuts="Escape">
          ✕ Close inspector
        </Button>
      </header>
      {pair}
      {json && !json.ok ? (
        <p className="border-b border-zinc-800 px-3 py-1 text-xs text-amber-200" role="note">
          Looks like JSON but does not parse: {json.error} (line {json.line}, column {json.column}). Shown as text.
        </p>
      ) : null}
      {json?.ok && !json.root ? (
        <p className="border-b border-zinc-800 px-3 py-1 text-xs text-amber-200" role="note">
          Valid JSON with more than {formatCount(json.nodes - 1)} values: too large for a tree, shown pretty-printed.
        </p>
      ) : null}
      <div className="flex items-center gap-2 border-b border-zinc-800 px-2">
        <div role="tablist" aria-label="Payload views" className="flex">
          {tabs.map((t) => (
            <button
              key={t}
              id={`inspector-tab-${t}`}
              type="button"
              role="tab"
              aria-selected={t === tab}
              aria-controls="inspector-panel"
              tabIndex={t === tab ? 0 : -1}
              onClick={() => setPreferred(t)}
              onKeyDown={onTabKey}
              className={cn(
                'border-b-2 px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-400',
                t === tab ? 'border-sky-400 text-zinc-50' : 'border-transparent text-zinc-400 hover:text-zinc-100',
              )}
            >
              {TAB_LABEL[t]}
            </button>
          ))}
        </div>
        {wrapApplies ? (
          <label className="ml-auto flex items-center gap-1 text-xs text-zinc-300">
            <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
            Wrap lines
          </label>
        ) : null}
      </div>
      <div id="inspector-panel" role="tabpanel" aria-labelledby={`inspector-tab-${tab}`} className="flex min-h-0 flex-1 flex-col overflow-hidden">
        <Body tab={tab} event={event} decoded={protocol} payload={payload} json={json} pretty={pretty?.text ?? ''} prettyCut={pretty?.truncated ?? false} wrap={wrap} />
      </div>
      {event.type === 'message' ? (
        <PayloadActions key={`${event.connectionId}:${event.seq}`} event={event} payload={payload} json={pretty && !pretty.truncated ? () => pretty.text : null} fileName={fileNameOf(connectionLabel, event, json?.ok ?? false)} />
      ) : null}
    </section>
  );
}

type BodyProps = {
  tab: Tab;
  event: SockEvent;
  decoded: readonly DecodedMessage[] | null;
  payload: ReturnType<typeof usePayload>;
  json: JsonParse | null;
  pretty: string;
  prettyCut: boolean;
  wrap: boolean;
};

function Body({ tab, event, decoded, payload, json, pretty, prettyCut, wrap }: BodyProps) {
  if (event.type !== 'message') return <EventDetails event={event} />;
  if (tab === 'protocol' && decoded) return <ProtocolView messages={decoded} />;
  if (payload.kind === 'loading') return <p className="p-3 text-sm text-zinc-400">Reading the Blob…</p>;
  if (payload.kind === 'error') return <p className="p-3 text-sm text-rose-300">Could not read the payload: {payload.message}</p>;
  switch (tab) {
    case 'tree':
      return json?.ok && json.root ? <JsonTreeView key={`${event.connectionId}:${event.seq}`} root={json.root} depthLimited={json.depthLimited} maxDepth={json.maxDepth} /> : null;
    case 'pretty':
      return (
        <>
          {prettyCut ? <p className="border-b border-zinc-800 px-3 py-1 text-xs text-zinc-400">Pretty-printed output cut at {formatCount(pretty.length)} characters.</p> : null}
          <TextView text={pretty} wrap={wrap} label="Pretty-printed JSON" />
        </>
      );
    case 'text':
      return payload.kind === 'text' ? <TextView text={payload.text} wrap={wrap} label="Message text" /> : null;
    case 'hex':
      return payload.kind === 'text' ? <HexView bytes={payload.bytes()} /> : payload.kind === 'binary' ? <HexView bytes={payload.bytes} maskSecrets /> : null;
    case 'utf8':
      return payload.kind === 'binary' ? <Utf8View bytes={payload.bytes} wrap={wrap} /> : null;
    case 'base64':
      return payload.kind === 'binary' ? <Base64View bytes={payload.bytes} /> : null;
    case 'details':
    case 'protocol':
      return null;
  }
}
