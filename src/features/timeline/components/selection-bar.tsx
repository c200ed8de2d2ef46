import { getLog } from '../../../services/sockets/socket-service';
import type { RowSelection } from '../../../lib/row-selection';
import { selectedCount } from '../../../lib/row-selection';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { selectedPayloads } from '../utils/selected-payloads';

export type SelectionBarProps = {
  selection: RowSelection | null;
  /** "Record flow from selection" (the Flows feature, composed by the app); absent: not offered */
  onRecord?: (() => void) | undefined;
  onClear: () => void;
};

/**
 * Under the timeline while more than one row is selected: how many (a live
 * status, so a screen reader hears "3 rows selected"), Copy selected, Record
 * flow from selection and Clear. The same actions are in the command palette.
 */
export function SelectionBar({ selection, onRecord, onClear }: SelectionBarProps) {
  const n = selectedCount(selection);
  return (
    <div className={n > 1 ? 'flex flex-wrap items-center gap-2 border-t border-sky-800 bg-sky-950/60 px-3 py-1 text-xs' : 'sr-only'} aria-label="Selected rows" role="group">
      <span role="status" className="font-medium text-sky-100">
        {n > 1 ? `${n.toLocaleString('en-US')} rows selected` : ''}
      </span>
      {n > 1 && selection ? (
        <>
          <CopyButton label="Copy selected" variant="ghost" text={() => selectedPayloads(getLog(selection.connectionId), selection)} />
          {onRecord ? (
            <Button size="sm" variant="ghost" onClick={onRecord}>
              Record flow from selection
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear} aria-keyshortcuts="Escape">
            Clear selection
          </Button>
        </>
      ) : null}
    </div>
  );
}
