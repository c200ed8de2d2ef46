import { useEffect, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { formatBytes, formatHex, utf8ByteLength } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';
import { fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { getSandbox } from '../../../services/sandbox/sandbox-client';
import { sendData } from '../../../store/actions';
import { useStore } from '../../../store/store';
import { checkScript, describeError, editId } from '../utils/script-runner';

export type ScriptComposerProps = { connectionId: ConnectionId; scriptId: string };

type Preview = { ok: true; data: string | Uint8Array } | { ok: false; error: string } | null;

/** How long the value rests before encode runs on it. */
const ENCODE_DELAY_MS = 250;

/** "line 2, column 5" for a JSON.parse error that names a position. */
function jsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /position (\d+)/.exec(message);
  if (!at) return `Not JSON: ${message}`;
  const pos = Number(at[1]);
  const before = text.slice(0, pos).split('\n');
  return `Not JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${message.replace(/\s*\(line \d+ column \d+\)$/, '').replace(/ in JSON at position \d+.*$/, '')}`;
}

/**
 * The composer for a connection that decodes with a script that has
 * `encode`: a JSON value → the script's encode in the sandbox → the exact
 * text or bytes it gives, shown before anything is sent → Send.
 */
export function ScriptComposer({ connectionId, scriptId }: ScriptComposerProps) {
  const script = useStore((s) => s.scripts.find((x) => x.id === scriptId));
  const open = useStore((s) => s.runtime[connectionId]?.readyState === 'OPEN');
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview>(null);
  const [parseError, setParseError] = useState<string | undefined>();
  const p = `script-compose-${connectionId}`;

  useEffect(() => {
    setPreview(null);
    if (!script || text.trim() === '') {
      setParseError(undefined);
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
      setParseError(undefined);
    } catch (err) {
      setParseError(jsonError(text, err));
      return undefined;
    }
    let live = true;
    const t = setTimeout(() => {
      const api = getSandbox();
      void checkScript(api, script.id, script.name, script.source)
        .then((loaded) => (loaded.ok ? api.encode(editId(script.id), value) : { ok: false as const, error: loaded.error }))
        .then((r) => {
          if (live) setPreview(r.ok ? { ok: true, data: r.value } : { ok: false, error: describeError(r.error) });
        });
    }, ENCODE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, script]);

  if (!script) return <p className="py-2 text-xs text-zinc-400">The script this connection decodes with is gone.</p>;
  const error = parseError ?? (preview && !preview.ok ? preview.error : undefined);
  const data = preview?.ok ? preview.data : null;
  return (
    <div className="flex flex-col gap-2 py-1">
      <label htmlFor={`${p}-value`} className="text-xs font-medium text-zinc-300">
        Value for {script.name}’s encode (JSON)
      </label>
      <textarea
        id={`${p}-value`}
        className={`${inputClass} h-20 font-mono`}
        value={text}
        spellCheck={false}
        placeholder='{ "id": 7, "value": 21.5 }'
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescribedBy(`${p}-value`)}
      />
      <p id={fieldDescribedBy(`${p}-value`)} className={error ? 'text-xs break-words text-rose-300' : 'text-xs text-zinc-400'}>
        {error ?? (text.trim() === '' ? 'Type a JSON value; encode(value) runs in the sandbox and shows what would be sent.' : data === null ? 'Encoding…' : 'Exactly what Send sends:')}
      </p>
      {data !== null ? (
        <section aria-label="Encoded message" className="rounded-md border border-zinc-800 bg-zinc-950/40 p-2">
          <p className="text-xs text-zinc-400">{typeof data === 'string' ? `Text, ${formatBytes(utf8ByteLength(data))}` : `Binary, ${formatBytes(data.length)}`}</p>
          <pre className="font-mono text-xs break-all whitespace-pre-wrap text-zinc-100">{typeof data === 'string' ? data : formatHex(data, 4096)}</pre>
        </section>
      ) : null}
      <div className="flex items-center gap-2">
        <Button size="sm" variant="primary" disabled={data === null || !open} onClick={() => data !== null && sendData(connectionId, data)}>
          Send
        </Button>
        {!open ? <span className="text-xs text-zinc-400">Connect to send.</span> : null}
      </div>
    </div>
  );
}
