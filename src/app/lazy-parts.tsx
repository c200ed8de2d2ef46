import { useDialogPlaceholder } from '../components/ui/dialog-openers';
import { Suspense } from 'react';
import type { ComponentProps } from 'react';
import { lazyNamed } from '../components/ui/lazy-named';
import { Button } from '../components/ui/button';
import { loadCodeEditor } from '../features/composer/utils/code-editor-loader';

/**
 * The parts of the app that are not needed to show the first screen, each in
 * its own chunk: they keep the initial bundle small. Dialog triggers render a
 * same-looking inactive button while their chunk arrives (a few ms after load).
 */
const ExportDialogLazy = lazyNamed(() => import('../features/export/components/export-dialog').then((m) => m.ExportDialog));
const ImportDialogLazy = lazyNamed(() => import('../features/export/components/import-dialog').then((m) => m.ImportDialog));
export const FlowsPanel = lazyNamed(() => import('../features/flows/components/flows-panel').then((m) => m.FlowsPanel));
export const ScriptsPanel = lazyNamed(() => import('../features/scripts/components/scripts-panel').then((m) => m.ScriptsPanel));
export const ScriptComposer = lazyNamed(() => import('../features/scripts/components/script-composer').then((m) => m.ScriptComposer));
export const LearnPanel = lazyNamed(() => import('../features/learn/components/learn-panel').then((m) => m.LearnPanel));
export const TemplatesPanel = lazyNamed(() => import('../features/templates/components/templates-panel').then((m) => m.TemplatesPanel));
export const RepeatPanel = lazyNamed(() => import('../features/schedule/components/repeat-panel').then((m) => m.RepeatPanel));
export const ReconnectPanel = lazyNamed(() => import('../features/schedule/components/reconnect-panel').then((m) => m.ReconnectPanel));
/** The Charts view: uPlot and the chart code stay out of the first bundle until Charts is opened. */
export const ChartsPane = lazyNamed(() => import('../features/charts/components/charts-pane').then((m) => m.ChartsPane));
export const Inspector = lazyNamed(() => import('../features/inspector/components/inspector').then((m) => m.Inspector));

function PendingTrigger({ label, variant }: { label: string; variant: 'ghost' | 'secondary' }) {
  return (
    <Button size="sm" variant={variant} className="whitespace-nowrap" disabled>
      {label}
    </Button>
  );
}

export function ExportDialog(props: ComponentProps<typeof ExportDialogLazy>) {
  return (
    <Suspense fallback={props.trigger === false ? null : <PendingTrigger label={props.triggerLabel ?? 'Export…'} variant={props.triggerVariant ?? 'ghost'} />}>
      <ExportDialogLazy {...props} />
    </Suspense>
  );
}

export function ImportDialog(props: ComponentProps<typeof ImportDialogLazy>) {
  const label = props.triggerLabel ?? (props.mode === 'workspace' ? 'Replace from file…' : 'Import…');
  return (
    <Suspense fallback={props.trigger === false ? null : <PendingTrigger label={label} variant={props.triggerVariant ?? 'ghost'} />}>
      <ImportDialogLazy {...props} />
    </Suspense>
  );
}

const SettingsDialogLazy = lazyNamed(() => import('../features/settings/components/settings-dialog').then((m) => m.SettingsDialog));
const ShortcutsDialogLazy = lazyNamed(() => import('../features/shortcuts/components/shortcuts-dialog').then((m) => m.ShortcutsDialog));
const WorkspaceMenuLazy = lazyNamed(() => import('../features/workspace/components/workspace-menu').then((m) => m.WorkspaceMenu));
const CopyLinkDialogLazy = lazyNamed(() => import('../features/deep-link/components/copy-link-dialog').then((m) => m.CopyLinkDialog));

/**
 * The lazy parts a connection's view mounts the moment it first shows (its bar's
 * Copy link, the composer's editor), fetched ahead: the first Connect then mounts
 * them with the view at once, instead of fetching, evaluating and mounting each
 * a moment later, which is when a fast server's first frames arrive.
 */
export function loadConnectionViewParts(): Promise<unknown> {
  return Promise.all([CopyLinkDialogLazy.preload(), loadCodeEditor()]);
}
const MergePickerLazy = lazyNamed(() => import('../features/timeline/components/merge-picker').then((m) => m.MergePicker));

export function SettingsDialog(props: ComponentProps<typeof SettingsDialogLazy>) {
  useDialogPlaceholder('settings');
  return (
    <Suspense fallback={props.trigger === false ? null : <PendingTrigger label="Settings" variant="ghost" />}>
      <SettingsDialogLazy {...props} />
    </Suspense>
  );
}

export function ShortcutsDialog(props: ComponentProps<typeof ShortcutsDialogLazy>) {
  // "?" pressed while the list's code is on the way opens it when it arrives.
  useDialogPlaceholder('shortcuts');
  return (
    <Suspense fallback={props.trigger === false ? null : <PendingTrigger label="Shortcuts" variant="ghost" />}>
      <ShortcutsDialogLazy {...props} />
    </Suspense>
  );
}

export function WorkspaceMenu(props: ComponentProps<typeof WorkspaceMenuLazy>) {
  return (
    <Suspense fallback={props.trigger === false ? null : <PendingTrigger label="Workspace…" variant="ghost" />}>
      <WorkspaceMenuLazy {...props} />
    </Suspense>
  );
}

export function CopyLinkDialog(props: ComponentProps<typeof CopyLinkDialogLazy>) {
  return (
    <Suspense fallback={null}>
      <CopyLinkDialogLazy {...props} />
    </Suspense>
  );
}

export function MergePicker(props: ComponentProps<typeof MergePickerLazy>) {
  return (
    <Suspense fallback={props.trigger === false ? null : <div className="h-12 border-t border-zinc-800" />}>
      <MergePickerLazy {...props} />
    </Suspense>
  );
}
