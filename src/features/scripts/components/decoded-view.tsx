import { formatHex } from '../../../lib/codecs';
import type { DecodedMessage, Field } from '../../../lib/decode/types';

function valueText(v: Field['value']): string {
  if (v instanceof Uint8Array) return formatHex(v, 64);
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

function FieldItems({ fields }: { fields: readonly Field[] }) {
  return (
    <ul className="ml-3 flex flex-col border-l border-zinc-800 pl-2">
      {fields.map((f, i) => (
        <li key={`${i}:${f.name}`} className="font-mono text-xs break-all">
          <span className="text-sky-300">{f.name}</span>
          {f.value !== undefined ? <span className="text-zinc-100">: {valueText(f.value)}</span> : null}
          {f.note ? <span className="text-zinc-400"> ({f.note})</span> : null}
          {f.children && f.children.length > 0 ? <FieldItems fields={f.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** What a script's decode gave for one frame: each message's type, summary, error and field tree, as text. */
export function DecodedView({ messages }: { messages: readonly DecodedMessage[] }) {
  if (messages.length === 0) return <p className="text-xs text-zinc-300">decode returned null: the row stays raw.</p>;
  return (
    <ol className="flex flex-col gap-2">
      {messages.map((m, i) => (
        <li key={i} className="flex flex-col gap-1">
          <p className="text-xs text-zinc-100">
            <span className="rounded bg-zinc-800 px-1 font-medium">{m.type}</span> {m.summary}
          </p>
          {m.error ? <p className="text-xs text-rose-300">Error: {m.error}</p> : null}
          {m.correlation ? <p className="text-xs text-zinc-400">pairs as {m.correlation.role} {m.correlation.key}</p> : null}
          {m.fields.length > 0 ? <FieldItems fields={m.fields} /> : null}
        </li>
      ))}
    </ol>
  );
}
