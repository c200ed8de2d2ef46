import type { ConnectionId } from '../../../lib/ids';
import { deleteTemplate, moveTemplate } from '../../../store/automate-actions';
import type { Template } from '../../../store/automate-slice';
import { Button } from '../../../components/ui/button';
import { FORMAT_LABELS } from '../utils/template-draft';

export type TemplateItemProps = {
  template: Template;
  connectionId: ConnectionId;
  first: boolean;
  last: boolean;
  /** why Send is off, or '' when it can send */
  sendBlocked: string;
  onSend: (t: Template) => void;
  onInsert: (t: Template) => void;
  onEdit: (t: Template) => void;
};

const BODY_PREVIEW = 120;

function oneLine(body: string): string {
  const flat = body.replace(/\s+/g, ' ');
  return flat.length > BODY_PREVIEW ? `${flat.slice(0, BODY_PREVIEW)}…` : flat || '(empty)';
}

/** One saved message: its name, what it holds, and what can be done with it. */
export function TemplateItem({ template: t, connectionId, first, last, sendBlocked, onSend, onInsert, onEdit }: TemplateItemProps) {
  const why = `tpl-why-${connectionId}`;
  return (
    <li className="flex items-center gap-2 rounded border border-zinc-800 bg-zinc-900 px-2 py-1">
      <div className="flex min-w-0 flex-1 flex-col">
        <span className="flex items-center gap-2">
          <span className="truncate text-sm font-medium text-zinc-100">{t.name}</span>
          <span className="shrink-0 rounded bg-zinc-800 px-1 text-[10px] text-zinc-300">
            {FORMAT_LABELS[t.format]} · {t.connectionId === null ? 'every connection' : 'this connection'}
          </span>
        </span>
        <span className="truncate font-mono text-xs text-zinc-400">{oneLine(t.body)}</span>
      </div>
      <div className="flex shrink-0 items-center gap-1">
        <Button size="sm" variant="primary" aria-label={`Send ${t.name}`} disabled={sendBlocked !== ''} aria-describedby={sendBlocked ? why : undefined} onClick={() => onSend(t)}>
          Send
        </Button>
        <Button size="sm" aria-label={`Insert ${t.name} into the composer`} onClick={() => onInsert(t)}>
          Insert
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Move ${t.name} up`} disabled={first} onClick={() => moveTemplate(t.id, -1, connectionId)}>
          ↑
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Move ${t.name} down`} disabled={last} onClick={() => moveTemplate(t.id, 1, connectionId)}>
          ↓
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Edit ${t.name}`} onClick={() => onEdit(t)}>
          Edit
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Delete ${t.name}`} onClick={() => deleteTemplate(t.id)}>
          Delete
        </Button>
      </div>
    </li>
  );
}
