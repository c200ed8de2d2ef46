import type { DecodedMessage, Field } from '../../../lib/decode/types';
import { formatHex } from '../../../lib/codecs';
import { cn } from '../../../components/ui/cn';
import { isSecretName } from '../../../lib/secrets';
import { maskSecretValues, secretByteMask, secretValuesVersion } from '../../../lib/secret-values';

/** Children shown per node before "show all" would be needed; the lens already caps trees. */
const OPEN_DEPTH = 2;

/** A credential-named leaf (token, password, authorization, …) is shown masked, whatever its length: lib/secrets.ts. */
const MASKED = '••••';

function valueText(v: Field['value'], secretName: boolean): { text: string; className: string } {
  if (v === undefined) return { text: '', className: '' };
  if (v === null) return { text: 'null', className: 'text-zinc-400' };
  if (typeof v === 'string') return secretName && v !== '' && !v.startsWith('•') ? { text: MASKED, className: 'text-emerald-300' } : { text: JSON.stringify(maskSecretValues(v)), className: 'text-emerald-300' };
  if (typeof v === 'number') return { text: String(v), className: 'text-sky-300' };
  if (typeof v === 'boolean') return { text: String(v), className: 'text-violet-300' };
  return { text: v.byteLength === 0 ? '(empty)' : formatHex(v, 64, secretByteMask(v.subarray(0, 64))), className: 'text-amber-200' };
}

function FieldNode({ field, depth }: { field: Field; depth: number }) {
  const secretName = typeof field.value === 'string' && isSecretName(field.name);
  const value = valueText(field.value, secretName);
  const line = (
    <>
      <span className="text-zinc-300">{field.name}</span>
      {field.value !== undefined ? (
        <>
          <span className="text-zinc-500">: </span>
          <span className={cn('break-all', value.className)}>{value.text}</span>
        </>
      ) : null}
      {field.note ? <span className="text-zinc-400"> {maskSecretValues(field.note)}</span> : null}
      {secretName && value.text === MASKED ? <span className="text-zinc-400"> masked</span> : null}
    </>
  );
  if (!field.children || field.children.length === 0) {
    return (
      <li className="py-px pl-4">
        {line}
      </li>
    );
  }
  return (
    <li className="py-px">
      <details open={depth < OPEN_DEPTH}>
        <summary className="cursor-pointer rounded-sm focus-visible:outline-2 focus-visible:outline-sky-400">{line}</summary>
        <ul className="ml-3 border-l border-zinc-800 pl-1">
          {field.children.map((c, i) => (
            <FieldNode key={`${i}:${c.name}`} field={c} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/**
 * A frame as its protocol lens decoded it: each message's type, summary,
 * pairing key and field tree (nested lists; branches are native
 * details/summary disclosures, so they open and close from the keyboard).
 */
export function ProtocolView({ messages }: { messages: readonly DecodedMessage[] }) {
  // Captured credentials (lib/secret-values.ts) are read at each render: the version is read so a caller's memo cannot hide a new one.
  void secretValuesVersion();
  return (
    <div className="min-h-0 flex-1 overflow-auto p-3 font-mono text-xs">
      {messages.map((m, i) => (
        <section key={i} aria-label={`${m.protocol} ${m.type}`} className="mb-3 last:mb-0">
          <h3 className="mb-1 font-sans text-sm font-semibold text-zinc-100">
            <span className="mr-2 rounded-sm bg-indigo-900/70 px-1 text-[11px] font-medium text-indigo-100">{m.protocol}</span>
            {m.type}
            {messages.length > 1 ? <span className="ml-2 text-xs font-normal text-zinc-400">message {i + 1} of {messages.length}</span> : null}
          </h3>
          <p className="mb-1 break-words text-zinc-200">{maskSecretValues(m.summary)}</p>
          {m.error ? (
            <p role="note" className="mb-1 break-words text-rose-300">
              Could not read all of it: {m.error}. The raw frame is in the other tabs.
            </p>
          ) : null}
          {m.correlation ? (
            <p className="mb-1 text-zinc-400">
              pairs by <span className="text-zinc-200">{m.correlation.key}</span> ({m.correlation.role})
            </p>
          ) : null}
          {m.heartbeat ? <p className="mb-1 text-zinc-400">a heartbeat: hidden from the timeline unless Show heartbeats is on</p> : null}
          {m.fields.length > 0 ? (
            <ul aria-label={`${m.protocol} ${m.type} fields`} className="mt-1">
              {m.fields.map((f, j) => (
                <FieldNode key={`${j}:${f.name}`} field={f} depth={0} />
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
}
