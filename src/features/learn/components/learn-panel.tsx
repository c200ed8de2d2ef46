import { useStore } from '../../../store/store';
import { lastCloseRequest } from '../../../store/close-requests';
import { RadioGroup } from '../../../components/ui/radio-group';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import type { ConnectionConfig } from '../../../store/types';
import { useLearnUi } from '../learn-ui';
import type { LearnTab } from '../learn-ui';
import { setLearn, setLearnTab } from '../actions';
import { sessionOf } from '../trackers';
import { CodePanel } from './code-panel';
import { ExplainPanel } from './explain-panel';
import { LessonsPanel } from './lessons-panel';
import { LifecycleDiagram } from './lifecycle-diagram';

const TABS: { value: LearnTab; label: string }[] = [
  { value: 'lessons', label: 'Lessons' },
  { value: 'code', label: 'Code' },
  { value: 'explain', label: 'Explain' },
];

type SelectedProps = { config: ConnectionConfig };

/** Lifecycle and code of the selected connection: both re-read its session once a frame at most. */
function useSelected(config: ConnectionConfig | undefined) {
  const readyState = useStore((s) => (config ? (s.runtime[config.id]?.readyState ?? 'CLOSED') : 'CLOSED'));
  useStore((s) => (config ? (s.runtime[config.id]?.version ?? 0) : 0));
  if (!config) return null;
  return { readyState, session: sessionOf(config.id), closeRequest: lastCloseRequest(config.id) ?? null };
}

function SelectedLifecycle({ config }: SelectedProps) {
  const sel = useSelected(config);
  if (!sel) return null;
  return <LifecycleDiagram connectionId={config.id} readyState={sel.readyState} session={sel.session} closeRequest={sel.closeRequest} />;
}

function SelectedCode({ config }: SelectedProps) {
  const sel = useSelected(config);
  if (!sel) return null;
  return <CodePanel config={config} session={sel.session} closeRequest={sel.closeRequest} />;
}

/** The teaching mode's panel: lifecycle of the selected socket, then lessons, its code, or explanations. */
export function LearnPanel() {
  const tab = useLearnUi((s) => s.tab);
  const config = useStore((s) => s.connections.find((c) => c.id === s.selectedId));
  const presentation = useStore((s) => s.preferences.presentation === true);
  return (
    <aside
      aria-label="Learn"
      className={cn(
        'flex shrink-0 flex-col gap-3 overflow-y-auto border-l border-zinc-800 bg-zinc-900/40 p-3',
        // Presenting: the explanation beside the timeline, half and half; the diagram drawn larger.
        presentation ? 'w-[46vw] [&_#lifecycle-heading+ol]:[zoom:1.2]' : 'w-[24rem] max-w-[32vw] 2xl:w-[30rem]',
      )}
    >
      <div className="flex items-center gap-2">
        <h2 className="text-base font-semibold text-zinc-100">Learn WebSocket</h2>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={() => setLearn(false)}>
          Hide
        </Button>
      </div>
      {config ? <SelectedLifecycle key={config.id} config={config} /> : <p className="text-sm text-zinc-400">Select or create a connection to see its lifecycle and code.</p>}
      <RadioGroup legend="Learn view" name="learn-tab" options={TABS} value={tab} onChange={setLearnTab} />
      {tab === 'lessons' ? <LessonsPanel /> : null}
      {tab === 'code' ? config ? <SelectedCode key={config.id} config={config} /> : <p className="text-sm text-zinc-400">No connection selected.</p> : null}
      {tab === 'explain' ? <ExplainPanel connectionId={config?.id ?? null} binaryType={config?.binaryType ?? 'arraybuffer'} /> : null}
    </aside>
  );
}
