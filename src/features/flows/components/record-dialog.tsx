import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { SockEvent } from '../../../services/sockets/events';
import { getLog } from '../../../services/sockets/socket-service';
import { useStore } from '../../../store/store';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { previewText } from '../../../lib/preview-text';
import { maskSecretValues } from '../../../lib/secret-values';
import { secretVariablesOf } from '../../../lib/environments';
import type { SecretVariable } from '../../../lib/environments';
import type { ConnectionId } from '../../../lib/ids';
import { clampSelection, selectedCount, selectedSeqs } from '../../../lib/row-selection';
import type { RowSelection } from '../../../lib/row-selection';
import { addFlow, setFlowsOpen, useFlows } from '../flow-store';
import { propose, recordable, recordFlow, secretInBytes } from '../utils/record';
import type { Proposal } from '../utils/record';
import { CheckboxInput, TextInput } from '../../../components/ui/small-inputs';

/** The most rows Record lists (the newest). */
const MAX_ROWS = 300;

/** The last "Record flow" request answered (module-wide: the panel may mount after the request). */
let handledRecord = 0;

interface Row {
  event: SockEvent;
  picked: boolean;
  proposal: Proposal;
  /** sent bytes that hold this secret's value: not recorded */
  secret?: SecretVariable;
}

/** The secret variables of every environment (the active one names a value two share). */
function currentSecrets(): SecretVariable[] {
  const s = useStore.getState();
  return secretVariablesOf(s.environments, s.activeEnvironment);
}

function row(event: SockEvent, picked: boolean, secrets: readonly SecretVariable[]): Row {
  const secret = event.type === 'message' && event.direction === 'out' ? secretInBytes(event, secrets) : undefined;
  return secret ? { event, picked: false, proposal: propose(event), secret } : { event, picked, proposal: propose(event) };
}

/** The most selected rows Record lists. */
const MAX_SELECTED_ROWS = 5000;

/** The messages and closes of a multi-selection in the timeline, every one ticked, oldest first. */
function selectedRowsOf(selection: RowSelection, secrets: readonly SecretVariable[]): Row[] {
  const log = getLog(selection.connectionId);
  const rows: Row[] = [];
  for (const seq of selectedSeqs(clampSelection(selection, log.start, log.end))) {
    const event = log.get(seq);
    if (event && recordable(event)) rows.push(row(event, true, secrets));
    if (rows.length >= MAX_SELECTED_ROWS) break;
  }
  return rows;
}

function rowsOf(connectionId: string, selectedSeq: number | null, secrets: readonly SecretVariable[]): Row[] {
  const log = getLog(connectionId as never);
  const rows: Row[] = [];
  for (let seq = Math.max(log.start, log.end - MAX_ROWS * 4); seq < log.end; seq++) {
    const event = log.get(seq);
    if (event && recordable(event)) rows.push(row(event, seq === selectedSeq, secrets));
  }
  return rows.slice(-MAX_ROWS);
}

function describe(e: SockEvent): string {
  // Masked like the timeline: the dialog shows captured text, and secrets never show.
  if (e.type === 'close') return `close ${e.code}${e.reason ? ` "${maskSecretValues(e.reason)}"` : ''}`;
  if (e.type !== 'message') return e.type;
  return `${e.direction === 'out' ? 'sent' : 'received'} ${e.format === 'text' ? previewText(maskSecretValues(e.text), 120) : `${e.size} B binary`}`;
}

function ProposalControls({ row, index, onChange }: { row: Row; index: number; onChange: (p: Proposal) => void }) {
  const p = row.proposal;
  if (row.event.type !== 'message' || row.event.direction !== 'in') return null;
  if (p.kind === 'json')
    return (
      <fieldset className="ml-6 flex flex-wrap gap-x-3 gap-y-1">
        <legend className="text-[11px] text-zinc-400">Match row {index + 1} on these keys</legend>
        {p.keys.map((k, j) => (
          <CheckboxInput
            key={k.path}
            label={`${k.path} = ${previewText(maskSecretValues(JSON.stringify(k.value)), 40)}`}
            checked={k.picked}
            onChange={(picked) => onChange({ kind: 'json', keys: p.keys.map((x, m) => (m === j ? { ...x, picked } : x)) })}
          />
        ))}
      </fieldset>
    );
  if (p.kind === 'text')
    return (
      <fieldset className="ml-6 flex gap-3 text-xs text-zinc-300">
        <legend className="text-[11px] text-zinc-400">Row {index + 1}: the text must</legend>
        {(['equals', 'contains'] as const).map((mode) => (
          <label key={mode} className="inline-flex items-center gap-1">
            <input type="radio" name={`record-mode-${index}`} checked={p.mode === mode} onChange={() => onChange({ kind: 'text', mode })} className="accent-sky-600 focus-visible:outline-2 focus-visible:outline-sky-400" />
            {mode === 'equals' ? 'equal it' : 'contain it'}
          </label>
        ))}
      </fieldset>
    );
  return null;
}

/**
 * Record: rows of the selected connection's timeline become a flow. The user
 * ticks the rows (the row selected in the timeline comes ticked) and, for
 * received JSON, the keys to match on.
 */
export function RecordDialog() {
  const dialog = useDialog();
  const shown = useStore((s) => s.connections.find((c) => c.id === s.selectedId));
  // Opened with rows selected in the timeline (Shift/Ctrl+click): exactly those, on their connection.
  const [target, setTarget] = useState<ConnectionId | null>(null);
  const fromSelection = useStore((s) => (target ? s.connections.find((c) => c.id === target) : undefined));
  const connection = fromSelection ?? shown;
  const [rows, setRows] = useState<Row[]>([]);
  const [name, setName] = useState('Recorded flow');
  const [error, setError] = useState<string | undefined>();
  const [selectionMode, setSelectionMode] = useState(false);

  const open = () => {
    const s = useStore.getState();
    const many = s.rowSelection && selectedCount(s.rowSelection) > 1 ? s.rowSelection : null;
    const on = many ? s.connections.find((c) => c.id === many.connectionId && c.source !== 'import') : shown;
    setTarget(many && on ? on.id : null);
    const sel = s.selectedEvent && s.selectedEvent.connectionId === s.selectedId ? s.selectedEvent.seq : null;
    const secrets = currentSecrets();
    setRows(many && on ? selectedRowsOf(many, secrets) : on ? rowsOf(on.id, sel, secrets) : []);
    setSelectionMode(many !== null && on !== undefined);
    setName(on ? `Recorded: ${on.name || on.url}` : 'Recorded flow');
    setError(undefined);
    dialog.open();
  };
  // The "Record flow" command: open once the panel (and this dialog) is here.
  const request = useFlows((s) => s.recordRequest);
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (request === handledRecord) return;
    handledRecord = request;
    openRef.current();
  }, [request]);
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!connection) return;
    const picked = rows.filter((r) => r.picked);
    if (picked.length === 0) return setError('Tick at least one row');
    if (name.trim() === '') return setError('The flow needs a name');
    addFlow(recordFlow(name.trim(), connection.url, picked.map((r) => ({ event: r.event, proposal: r.proposal })), currentSecrets()));
    setFlowsOpen(true);
    dialog.close();
  };
  return (
    <>
      <Button size="sm" variant="ghost" onClick={open} disabled={!shown || shown.source === 'import'} title={shown ? 'Turn rows of this connection\u2019s timeline into a flow' : 'Select a connection first'}>
        Record…
      </Button>
      <Dialog
        handle={dialog}
        id="record-flow"
        title="Record flow from the timeline"
        size="lg"
        onSubmit={submit}
        footer={
          <>
            <Button size="sm" variant="ghost" onClick={() => dialog.close()}>
              Cancel
            </Button>
            <Button size="sm" variant="primary" type="submit">
              Record flow
            </Button>
          </>
        }
        footerStart={error ? <p className="text-xs text-rose-300" role="alert">{error}</p> : undefined}
      >
        <p className="text-xs text-zinc-400">
          {selectionMode ? `The ${rows.length} messages and closes selected in the timeline, ticked. ` : ''}Sent messages become send steps, received ones expect steps matching the keys you tick; a close becomes expect close. The flow connects to {connection?.url ?? 'the connection'}.
        </p>
        <TextInput label="Flow name" value={name} onChange={setName} />
        <div className="flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => setRows((rs) => rs.map((r) => ({ ...r, picked: r.secret === undefined })))}>
            Tick all
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRows((rs) => rs.map((r) => ({ ...r, picked: false })))}>
            Tick none
          </Button>
        </div>
        {rows.length === 0 ? (
          <p className="text-xs text-zinc-400">This timeline has no messages or closes to record yet.</p>
        ) : (
          <ol aria-label="Timeline rows to record" className="flex max-h-[50vh] flex-col gap-1 overflow-y-auto">
            {rows.map((r, i) => (
              <li key={r.event.seq} className="flex flex-col gap-1 rounded border border-zinc-800 p-1">
                {r.secret ? (
                  <p className="text-xs text-amber-200">
                    <span className="font-mono">
                      {i + 1}. {describe(r.event)}
                    </span>{' '}
                    — not recorded: these bytes hold the value of the secret {`{{${r.secret.name}}}`}, and a hex step cannot name a variable.
                  </p>
                ) : (
                  <CheckboxInput label={`${i + 1}. ${describe(r.event)}`} checked={r.picked} onChange={(picked) => set(i, { picked })} className="font-mono" />
                )}
                {r.picked ? <ProposalControls row={r} index={i} onChange={(proposal) => set(i, { proposal })} /> : null}
              </li>
            ))}
          </ol>
        )}
      </Dialog>
    </>
  );
}
