import { useStore } from '../../../store/store';
import type { ImportedData } from '../utils/import-types';
import { importSummary } from '../import-actions';

export type ImportConfirmProps = { data: ImportedData };

/** What replacing the workspace with a file loses and gains, said before it happens. */
export function ImportConfirm({ data }: ImportConfirmProps) {
  const connectionCount = useStore((s) => s.connections.length);
  const templateCount = useStore((s) => s.templates.length);
  return (
    <p role="alert" className="rounded border border-amber-700 bg-amber-950/60 p-2 text-sm text-amber-100">
      This replaces your {connectionCount} {connectionCount === 1 ? 'connection' : 'connections'} (their sockets close), {templateCount} saved{' '}
      {templateCount === 1 ? 'message' : 'messages'} and settings with the file’s {importSummary(data)}, {data.templates.length} saved messages
      {data.settings ? ' and settings' : ''}.{data.redacted ? ' Its secrets were redacted: URLs hold REDACTED where tokens were.' : ''}
    </p>
  );
}
