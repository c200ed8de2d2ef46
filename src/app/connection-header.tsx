import type { ConnectionId } from '../lib/ids';
import { useStore } from '../store/store';
import { hasSecrets, maskUrl } from '../lib/secrets';
import { updateForm } from '../store/actions';
import { Button } from '../components/ui/button';
import { CopyLinkDialog } from '../features/deep-link/components/copy-link-dialog';
import { ReadyStateBadge } from '../components/ui/ready-state-badge';
import { StatsBar } from '../features/stats/components/stats-bar';
import { AutomationStatus } from '../features/schedule/components/automation-status';

export type ConnectionHeaderProps = { connectionId: ConnectionId };

export function ConnectionHeader({ connectionId }: ConnectionHeaderProps) {
  const config = useStore((s) => s.connections.find((c) => c.id === connectionId));
  const readyState = useStore((s) => s.runtime[connectionId]?.readyState ?? 'CLOSED');
  if (!config) return null;
  return (
    <header className="flex flex-col gap-1 border-b border-zinc-800 px-4 py-2">
      <div className="flex min-w-0 items-center gap-3">
        <ReadyStateBadge state={readyState} />
        <h2 className="truncate text-base font-semibold">{config.name || maskUrl(config.url)}</h2>
        {config.name ? <span className="truncate font-mono text-xs text-zinc-400">{maskUrl(config.url)}</span> : null}
        {config.source === 'import' ? (
          <span className="shrink-0 rounded border border-amber-700 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-amber-100">IMPORTED · READ-ONLY</span>
        ) : (
          <AutomationStatus connectionId={connectionId} />
        )}
        <div className="ml-auto shrink-0">
          <CopyLinkDialog connectionId={connectionId} />
        </div>
      </div>
      {config.secretsDropped && !hasSecrets(config.url) ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-amber-200">
          The credentials in this URL were not saved (Remember secrets was off), so it connects without them.
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              updateForm({ url: config.url, protocols: config.protocols, binaryType: config.binaryType, name: config.name, secretsDropped: false });
              document.getElementById('new-url')?.focus();
            }}
          >
            Edit a copy in the form
          </Button>
        </p>
      ) : null}
      <StatsBar connectionId={connectionId} />
    </header>
  );
}
