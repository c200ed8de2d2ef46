import { Suspense } from 'react';
import { useStore } from '../store/store';
import { ConnectionList } from '../features/connections/components/connection-list';
import { NewConnectionBar } from '../features/connections/components/new-connection-bar';

import { mergedIds } from '../store/view-actions';
import { FirstScreen } from './first-screen';
import { AppHeader } from './app-header';
import { FlowsPanel, LearnPanel, MergePicker, ScriptsPanel } from './lazy-parts';
import { useScriptsUi } from '../features/scripts/scripts-ui';
import { useFlows } from '../features/flows/flow-store';
import { ConnectionPanel, MergedPanel, prefetchPanels } from './lazy-panels';
import { Toaster } from '../components/ui/toast';

/**
 * The page: a header, the connections on the left, the selected connection
 * (its bar, timeline, inspector and composer) in the middle, and the Learn
 * panel on the right when teaching. Presentation mode keeps only the middle
 * and Learn.
 */
void prefetchPanels();

function PanelPending() {
  return <p className="m-auto p-6 text-sm text-zinc-400">Loading the timeline…</p>;
}

export function App() {
  const selectedId = useStore((s) => s.selectedId);
  const merged = useStore((s) => s.merged.active && mergedIds(s).length > 0);
  const learn = useStore((s) => s.preferences.learn === true);
  const presentation = useStore((s) => s.preferences.presentation === true);
  const hosted = useStore((s) => s.playground === null);
  const flows = useFlows((s) => s.open) && !presentation;
  const scripts = useScriptsUi((s) => s.open) && !presentation;
  return (
    <div className="flex h-screen flex-col overflow-hidden bg-zinc-950 text-zinc-100">
      <AppHeader />
      <div className="flex min-h-0 flex-1">
        {presentation ? null : (
          <aside aria-label="Connections panel" className="flex w-[220px] shrink-0 flex-col border-r border-zinc-800 bg-zinc-900/40 xl:w-[256px]">
            <ConnectionList />
            <MergePicker />
          </aside>
        )}
        <main className="flex min-w-0 flex-1 flex-col overflow-y-auto">
          {merged ? (
            <Suspense fallback={<PanelPending />}>
              <MergedPanel />
            </Suspense>
          ) : selectedId ? (
            <Suspense fallback={<PanelPending />}>
              <ConnectionPanel connectionId={selectedId} />
            </Suspense>
          ) : (
            <>
              <NewConnectionBar hosted={hosted} />
              <FirstScreen />
            </>
          )}
        </main>
        {flows ? (
          <Suspense fallback={<p className="w-96 p-4 text-sm text-zinc-400">Loading the Flows panel…</p>}>
            <FlowsPanel />
          </Suspense>
        ) : null}
        {scripts ? (
          <Suspense fallback={<p className="w-96 p-4 text-sm text-zinc-400">Loading the Scripts panel…</p>}>
            <ScriptsPanel />
          </Suspense>
        ) : null}
        {learn ? (
          <Suspense fallback={<p className="w-96 p-4 text-sm text-zinc-400">Loading the teaching panel…</p>}>
            <LearnPanel />
          </Suspense>
        ) : null}
      </div>
      <Toaster />
    </div>
  );
}
