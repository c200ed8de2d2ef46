import { Suspense } from 'react';
import type { ComponentProps } from 'react';
import { lazyNamed } from '../components/ui/lazy-named';
import { Button } from '../components/ui/button';

/**
 * The parts of the app that are not needed to show the first screen, each in
 * its own chunk: they keep the initial bundle small. Dialog triggers render a
 * same-looking inactive button while their chunk arrives (a few ms after load).
 */
const ExportDialogLazy = lazyNamed(() => import('../features/export/components/export-dialog').then((m) => m.ExportDialog));
const ImportDialogLazy = lazyNamed(() => import('../features/export/components/import-dialog').then((m) => m.ImportDialog));
export const LearnPanel = lazyNamed(() => import('../features/learn/components/learn-panel').then((m) => m.LearnPanel));
export const TemplatesPanel = lazyNamed(() => import('../features/templates/components/templates-panel').then((m) => m.TemplatesPanel));
export const RepeatPanel = lazyNamed(() => import('../features/schedule/components/repeat-panel').then((m) => m.RepeatPanel));
export const ReconnectPanel = lazyNamed(() => import('../features/schedule/components/reconnect-panel').then((m) => m.ReconnectPanel));
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
