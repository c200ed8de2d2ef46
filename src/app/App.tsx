import { Suspense } from 'react';
import { useStore } from '../store/store';
import { NewConnectionForm } from '../features/connections/components/new-connection-form';
import { ConnectionList } from '../features/connections/components/connection-list';
import { ConnectionPanel } from './connection-panel';
import { MergedPanel } from './merged-panel';
import { mergedIds } from '../store/view-actions';
import { MergePicker } from '../features/timeline/components/merge-picker';
import { SettingsDialog } from '../features/settings/components/settings-dialog';
import { ThemeControls } from '../features/theme/components/theme-controls';
import { ShortcutsDialog } from '../features/shortcuts/components/shortcuts-dialog';
import { LearnToggle } from '../features/learn/components/learn-toggle';
import { ExportDialog, ImportDialog, LearnPanel } from './lazy-parts';
import { WorkspaceMenu } from '../features/workspace/components/workspace-menu';

export function App() {
  const selectedId = useStore((s) => s.selectedId);
  const merged = useStore((s) => s.merged.active && mergedIds(s).length > 0);
  const learn = useStore((s) => s.preferences.learn === true);
  return (
    <div className="flex h-screen flex-col bg-zinc-950 text-zinc-100">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-800 px-4 py-2">
        <h1 className="text-lg font-bold tracking-tight">
          <span className="text-sky-400">Sock</span>pit
        </h1>
        <p className="text-sm text-zinc-400">A WebSocket console in your browser</p>
        <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
          <ImportDialog mode="timelines" />
          <ExportDialog />
          <WorkspaceMenu
            exportControl={<ExportDialog initialScope="workspace" triggerLabel="Export workspace…" triggerVariant="secondary" />}
            importControl={<ImportDialog mode="workspace" triggerLabel="Replace from file…" triggerVariant="secondary" />}
          />
          <LearnToggle />
          <ThemeControls />
          <ShortcutsDialog />
          <SettingsDialog />
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        <aside aria-label="Connections panel" className="flex w-72 shrink-0 2xl:w-80 flex-col border-r border-zinc-800 bg-zinc-900/40">
          <NewConnectionForm />
          <ConnectionList />
          <MergePicker />
        </aside>
        <main className="flex min-w-0 flex-1 flex-col overflow-y-auto">
          {merged ? (
            <MergedPanel />
          ) : selectedId ? (
            <ConnectionPanel connectionId={selectedId} />
          ) : (
            <div className="m-auto max-w-md p-6 text-center text-zinc-400">
              <p className="text-base text-zinc-200">No connection selected.</p>
              <p className="mt-2 text-sm">Enter a WebSocket URL on the left and press Connect. Every event will show up here, stamped to the millisecond.</p>
            </div>
          )}
        </main>
        {learn ? (
          <Suspense fallback={<p className="w-96 p-4 text-sm text-zinc-400">Loading the teaching panel…</p>}>
            <LearnPanel />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
