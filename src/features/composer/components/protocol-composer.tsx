import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import type { ComposeKind, Lens, LensId } from '../../../lib/decode/types';
import { loadLens } from '../../../lib/decode/registry';
import { formatBytes, formatHex, utf8ByteLength } from '../../../lib/codecs';
import { previewText } from '../../../lib/preview-text';
import { sendData } from '../../../store/actions';
import { useStore } from '../../../store/store';
import { decodeIndexOf, useDecodeStatus } from '../../../store/decode';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { keepTypedValues, typedKey, typedValues as keptTypedValues } from '../utils/typed-values';
import { ComposeFieldControl } from '../../../components/ui/compose-field-control';

export type ProtocolComposerProps = { connectionId: ConnectionId; lensId: LensId };

const NO_OPTIONS: Record<string, string> = {};


function initialValues(kind: ComposeKind): Record<string, string> {
  const v: Record<string, string> = {};
  for (const f of kind.fields) v[f.name] = f.initial ?? '';
  return v;
}

function frameText(frame: string | Uint8Array): string {
  // Control characters as visible marks (STOMP's NUL and line ends, SignalR's record separator).
  if (typeof frame === 'string') return previewText(frame, 200);
  return formatHex(frame, 48);
}

/**
 * Composes a message of the connection's protocol from a form per message
 * kind (emit, PUBLISH, SUBSCRIBE, …): the lens encodes it into the exact
 * frame(s), previewed before they are sent. Errors show next to the field.
 */
export function ProtocolComposer({ connectionId, lensId }: ProtocolComposerProps) {
  const [lens, setLens] = useState<Lens | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const open = useStore((s) => s.runtime[connectionId]?.readyState === 'OPEN');
  const sessionOptions = useStore((s) => s.connections.find((c) => c.id === connectionId)?.sessionOptions?.[lensId]) ?? NO_OPTIONS;
  useEffect(() => {
    let live = true;
    loadLens(lensId).then(
      (l) => live && setLens(l),
      (err: unknown) => live && setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [lensId]);
  // The lens as the connection decodes with it (bound to its options: protobuf's .proto), else the plain one.
  // Redrawn when the lens in use changes (detected, loaded), not per decoded frame.
  useDecodeStatus(connectionId);
  const active = decodeIndexOf(connectionId).activeLens();
  const using = active && active.id === lensId ? active : lens;
  const kinds = using?.id === lensId ? (using.compose ?? []) : [];
  const [kindId, setKindId] = useState<string>('');
  const kind = kinds.find((k) => k.id === kindId) ?? kinds[0];
  const key = kind ? typedKey(connectionId, lensId, kind.id) : '';
  const [values, setValuesState] = useState<Record<string, string>>({});
  const current = kind ? { ...initialValues(kind), ...(keptTypedValues(key) ?? {}), ...(values.__key === key ? values : {}) } : {};
  const [sentNote, setSentNote] = useState('');
  // Fields the user has typed in: a required field left empty is only an error once touched (before, a hint).
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  if (failed) return <p className="py-2 text-xs text-rose-300">The {lensId} lens could not be loaded: {failed}</p>;
  if (!lens || !using) return <p className="py-2 text-xs text-zinc-400">Loading the {lensId} lens…</p>;
  if (!kind || !using.encode) return <p className="py-2 text-xs text-zinc-400">{lens.name} has no message forms; use the Message tab.</p>;

  const setValue = (name: string, v: string) => {
    if (!touched.has(`${key}|${name}`)) setTouched(new Set([...touched, `${key}|${name}`]));
    const next = { ...current, [name]: v, __key: key };
    const { __key: _k, ...toKeep } = next;
    keepTypedValues(connectionId, key, toKeep);
    setValuesState(next);
    setSentNote('');
  };
  // The session's options (the Socket.IO or MQTT version) fill what the form does not ask.
  const { __key: _drop, ...typedValues } = current;
  const input = { ...sessionOptions, ...typedValues };
  // The preview does not take automatic ids, so it shows what Send sends.
  const encoded = using.encode(kind.id, input, { preview: true });
  const fieldError = !encoded.ok && encoded.field ? encoded.field : null;
  const p = `compose-${connectionId}`;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!encoded.ok || !open) return;
    // Encode again at send time: automatic ids (packet ids, ack ids) advance once per send.
    const fresh = using.encode?.(kind.id, input);
    if (!fresh?.ok) return;
    for (const frame of fresh.frames) sendData(connectionId, frame);
    const bytes = fresh.frames.reduce((n, f) => n + (typeof f === 'string' ? utf8ByteLength(f) : f.byteLength), 0);
    setSentNote(`Sent ${fresh.frames.length === 1 ? 'one frame' : `${fresh.frames.length} frames`}, ${formatBytes(bytes)}.`);
  };

  return (
    <form aria-label={`${lens.name} message`} onSubmit={onSubmit} noValidate className="flex flex-col gap-2 pt-1">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${p}-kind`} className="text-xs font-medium text-zinc-300">
          {lens.name} message
        </label>
        <select id={`${p}-kind`} className={cn(inputClass, 'h-7 w-auto py-0 text-xs')} value={kind.id} onChange={(e) => setKindId(e.target.value)}>
          {kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid max-h-[34vh] grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] gap-2 overflow-y-auto pr-1">
        {kind.fields.map((f) => {
          const id = `${p}-${kind.id}-${f.name}`;
          const v = current[f.name] ?? '';
          // Untouched and empty: say what is needed, quietly; typed in: the error, in the danger colour.
          const invalid = fieldError === f.name && (touched.has(`${key}|${f.name}`) || v !== '');
          const needed = fieldError === f.name && !invalid;
          const described = fieldDescribedBy(id);
          const wide = f.kind === 'textarea' || f.kind === 'json';
          if (f.kind === 'checkbox') return <ComposeFieldControl key={f.name} id={id} field={f} value={v} onChange={(x) => setValue(f.name, x)} className="self-end" />;
          return (
            <div key={f.name} className={cn('flex min-w-0 flex-col gap-1', wide && 'col-span-full')}>
              <label htmlFor={id} className="text-xs font-medium text-zinc-300">
                {f.label}
                {f.optional ? <span className="font-normal text-zinc-400"> (optional)</span> : null}
              </label>
              <ComposeFieldControl id={id} field={f} value={v} onChange={(x) => setValue(f.name, x)} invalid={invalid} describedBy={described} />
              <p id={described} className={cn('text-xs', invalid ? 'text-rose-300' : 'text-zinc-400', !invalid && !needed && !f.help && 'sr-only')}>
                {(invalid || needed) && !encoded.ok ? encoded.error : (f.help ?? '')}
              </p>
            </div>
          );
        })}
      </div>
      {!encoded.ok && !fieldError ? (
        <p role="alert" className="text-xs text-rose-300">
          {encoded.error}
        </p>
      ) : null}
      <div className="flex min-w-0 flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" size="sm" disabled={!encoded.ok || !open} title={open ? undefined : 'Connect first'}>
          Send {kind.label}
        </Button>
        {encoded.ok ? (
          <p className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-400" title="The exact frame(s) to send">
            {encoded.frames.length > 1 ? `${encoded.frames.length} frames: ` : ''}
            {encoded.frames.map(frameText).join(' ‖ ')}
          </p>
        ) : null}
        <p role="status" className="text-xs text-emerald-300">
          {sentNote}
        </p>
      </div>
    </form>
  );
}
