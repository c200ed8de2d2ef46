import { useEffect, useRef } from 'react';
import { useStore } from '../../../store/store';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { showToast } from '../../../components/ui/toast';
import { useState } from 'react';
import { ScriptsReview } from './scripts-review';
import { addFlow, addFlowText, duplicateFlow, removeFlow, selectFlow, setFlowsOpen, useFlows } from '../flow-store';
import type { SavedFlow } from '../flow-store';
import { CheckboxInput } from '../../../components/ui/small-inputs';
import { focusStepOfRow, useFlowRun } from '../run-state';
import { exportDoc, parseFlowText } from '../engine';
import { newFlow } from '../utils/flow-edit';
import { flowFileName } from '../utils/flow-file';
import { hasSecretValues, joinSecrets } from '../utils/environments';
import { FlowEditor } from './flow-editor';
import { RecordDialog } from './record-dialog';
import { download } from './download';

/** Export as a .sockpit-flow.json file: secret environment values are left out unless the user includes them. */
function ExportFlow({ flow }: { flow: SavedFlow }) {
  const [withSecrets, setWithSecrets] = useState(false);
  const secretValues = useFlows((s) => s.secrets[flow.id]);
  const parsed = parseFlowText(flow.text);
  const full = joinSecrets(parsed.doc, secretValues);
  const secrets = typeof full === 'object' && full !== null && 'environments' in full && Array.isArray(full.environments) && hasSecretValues(full.environments);
  const save = () => {
    // The text holds no secret values (the store keeps them apart): they go in only when asked for.
    const text = withSecrets && secrets ? `${JSON.stringify(full, null, 2)}\n` : parsed.ok ? `${JSON.stringify(exportDoc(parsed.doc, false), null, 2)}\n` : flow.text;
    download(flowFileName(flow.name), text);
  };
  return (
    <>
      <Button size="sm" variant="ghost" onClick={save}>
        Export
      </Button>
      {secrets ? <CheckboxInput label="with secret values" checked={withSecrets} onChange={setWithSecrets} /> : null}
    </>
  );
}

function FlowList() {
  const flows = useFlows((s) => s.flows);
  const selected = useFlows((s) => s.selectedFlowId);
  const status = useFlowRun((s) => s.status);
  const runFlow = useFlowRun((s) => s.flowId);
  if (flows.length === 0) return <p className="text-xs text-zinc-400">No flows yet: New writes one, Record turns timeline rows into one, Import reads a .sockpit-flow.json file.</p>;
  return (
    <ul aria-label="Saved flows" className="flex max-h-40 flex-col gap-0.5 overflow-y-auto">
      {flows.map((f) => (
        <li key={f.id}>
          <button
            type="button"
            aria-current={f.id === selected ? 'true' : undefined}
            onClick={() => selectFlow(f.id)}
            className={cn(
              'flex w-full items-center gap-2 rounded px-2 py-1 text-left text-xs focus-visible:outline-2 focus-visible:outline-sky-400',
              f.id === selected ? 'bg-sky-900/50 text-zinc-50' : 'text-zinc-300 hover:bg-zinc-800',
            )}
          >
            <span className="min-w-0 flex-1 truncate">{f.name}</span>
            {runFlow === f.id && status !== 'idle' ? <span className="text-[11px] text-zinc-400">{status}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A click on a flow's result row in the timeline shows its step in the panel. */
function useRowLinks(): void {
  const selected = useStore((s) => s.selectedEvent);
  useEffect(() => {
    if (!selected) return;
    const link = focusStepOfRow(selected.connectionId, selected.seq);
    if (link) {
      const flowId = useFlowRun.getState().focusStep?.flowId;
      if (flowId && useFlows.getState().flows.some((f) => f.id === flowId)) selectFlow(flowId);
    }
  }, [selected]);
}

/** The Flows panel: saved flows, the environment, the selected flow's editor and its runs. */
export function FlowsPanel() {
  const flows = useFlows((s) => s.flows);
  const selectedId = useFlows((s) => s.selectedFlowId);
  const playground = useStore((s) => s.playground);
  const file = useRef<HTMLInputElement>(null);
  const flow = flows.find((f) => f.id === selectedId) ?? null;
  useRowLinks();

  const onImport = async (files: FileList | null) => {
    for (const f of Array.from(files ?? [])) {
      const text = await f.text();
      const parsed = parseFlowText(text);
      const name = parsed.doc && typeof parsed.doc === 'object' && 'name' in parsed.doc && typeof parsed.doc.name === 'string' ? parsed.doc.name : f.name.replace(/\.sockpit-flow\.json$|\.json$/, '');
      addFlowText(name, text);
      showToast(parsed.ok ? `Imported flow "${name}"` : `Imported "${name}" with ${parsed.issues.length} problem(s): see the flow`, parsed.ok ? 'info' : 'error');
    }
    if (file.current) file.current.value = '';
  };

  return (
    <aside aria-label="Flows" className="flex w-[30rem] [&>*]:shrink-0 max-w-[44vw] shrink-0 flex-col gap-3 overflow-y-auto border-l border-zinc-800 bg-zinc-900/40 p-3 2xl:w-[38rem]">
      <div className="flex items-center gap-2">
        <h2 className="text-base font-semibold text-zinc-100">Flows</h2>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={() => setFlowsOpen(false)}>
          Hide
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-1">
        <Button size="sm" onClick={() => addFlow(newFlow('New flow', `${playground ?? 'ws://127.0.0.1:8787'}/echo`))}>
          New
        </Button>
        <RecordDialog />
        <Button size="sm" variant="ghost" onClick={() => file.current?.click()}>
          Import…
        </Button>
        <input ref={file} type="file" accept=".json,application/json" className="hidden" aria-label="Flow file to import" tabIndex={-1} onChange={(e) => void onImport(e.target.files)} />
        {flow ? (
          <>
            <ExportFlow flow={flow} />
            <Button size="sm" variant="ghost" onClick={() => duplicateFlow(flow.id)}>
              Duplicate
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                removeFlow(flow.id);
                showToast(`Deleted flow "${flow.name}"`);
              }}
            >
              Delete
            </Button>
          </>
        ) : null}
      </div>
      <FlowList />
      {flow ? <ScriptsReview flow={flow} /> : null}
      {flow ? <FlowEditor key={flow.id} flow={flow} /> : null}
    </aside>
  );
}
