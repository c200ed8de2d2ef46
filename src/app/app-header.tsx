import { useStore } from '../store/store';
import { Button } from '../components/ui/button';
import { Popover } from '../components/ui/popover';
import { LearnToggle } from '../features/learn/components/learn-toggle';
import { FlowsToggle } from '../features/flows/components/flows-toggle';
import { ScriptsToggle } from '../features/scripts/components/scripts-toggle';
import { EnvironmentPicker } from '../features/environments/components/environment-picker';
import { CommandPaletteButton } from '../components/ui/command-palette-button';
import { togglePresentation } from './presentation';
import { ExportDialog, ImportDialog, SettingsDialog, ShortcutsDialog, WorkspaceMenu } from './lazy-parts';
import { ViewMenu } from './view-menu';

/** Import, export and the workspace, under one File ▾. */
function FileMenu() {
  return (
    <Popover trigger={<>File ▾</>} title="File" panelClassName="flex w-56 flex-col items-stretch gap-1 p-2 [&_button]:w-full [&_button]:justify-start">
      <ImportDialog mode="timelines" />
      <ExportDialog />
      <WorkspaceMenu
        exportControl={<ExportDialog initialScope="workspace" triggerLabel="Export workspace…" triggerVariant="secondary" />}
        importControl={<ImportDialog mode="workspace" triggerLabel="Replace from file…" triggerVariant="secondary" />}
      />
    </Popover>
  );
}

/** The app's header: File and View menus, then Learn, Present, Shortcuts and Settings. */
export function AppHeader() {
  const presentation = useStore((s) => s.preferences.presentation === true);
  return (
    <header className="flex h-10 shrink-0 items-center gap-1 border-b border-zinc-800 px-3">
      <h1 className="mr-3 text-lg font-bold tracking-tight">
        <span className="text-sky-400">Sock</span>pit
      </h1>
      {presentation ? null : (
        <nav aria-label="Menus" className="flex items-center gap-1">
          <FileMenu />
          <ViewMenu />
        </nav>
      )}
      <div className="ml-auto flex items-center gap-1">
        {presentation ? null : <EnvironmentPicker />}
        {presentation ? null : <FlowsToggle />}
        {presentation ? null : <ScriptsToggle />}
        <LearnToggle />
        <Button size="sm" variant={presentation ? 'primary' : 'ghost'} aria-pressed={presentation} aria-keyshortcuts="P" onClick={() => togglePresentation(!presentation)} title="Presentation mode: large text, timeline and explanation side by side (P)">
          Present
        </Button>
        <CommandPaletteButton />
        <ShortcutsDialog />
        <SettingsDialog />
      </div>
    </header>
  );
}
