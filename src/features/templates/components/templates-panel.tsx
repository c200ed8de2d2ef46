import { useMemo, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { EMPTY_DRAFT } from '../../../store/defaults';
import { updateDraft } from '../../../store/actions';
import { sendTemplate, templatesFor } from '../../../store/automate-actions';
import type { Template } from '../../../store/automate-slice';
import { Button } from '../../../components/ui/button';
import { formFromDraft, formOf } from '../utils/template-draft';
import type { TemplateForm } from '../utils/template-draft';
import { TemplateEditor } from './template-editor';
import { TemplateItem } from './template-item';

export type TemplatesPanelProps = {
  connectionId: ConnectionId;
  /** called after a template was put into the composer (to show the composer) */
  onInserted: () => void;
};

type Editing = { templateId: string | null; initial: TemplateForm };

/** Saved messages offered on this connection: send one (variables expanded), put it in the composer, reorder, edit. */
export function TemplatesPanel({ connectionId, onInserted }: TemplatesPanelProps) {
  const all = useStore((s) => s.templates);
  const readyState = useStore((s) => s.runtime[connectionId]?.readyState ?? 'CLOSED');
  const templates = useMemo(() => templatesFor(all, connectionId), [all, connectionId]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState('');
  const sendBlocked = readyState === 'OPEN' ? '' : `Send is disabled: connection is ${readyState}`;

  if (editing) {
    return (
      <TemplateEditor
        connectionId={connectionId}
        templateId={editing.templateId}
        initial={editing.initial}
        onDone={(saved) => {
          setEditing(null);
          setStatus(saved ? `Saved “${saved}”.` : '');
        }}
      />
    );
  }

  const send = (t: Template) => {
    const r = sendTemplate(connectionId, t);
    setStatus(r.ok ? `Sent “${t.name}” (${r.size.toLocaleString('en-US')} ${r.size === 1 ? 'byte' : 'bytes'}).` : `Not sent: ${r.error}`);
  };
  const insert = (t: Template) => {
    const patch = t.format === 'text' ? { mode: 'text' as const, text: t.body } : { mode: 'binary' as const, binaryFormat: t.format, [t.format]: t.body };
    updateDraft(connectionId, patch);
    onInserted();
  };
  const fromComposer = () => {
    const draft = useStore.getState().drafts[connectionId] ?? EMPTY_DRAFT;
    setEditing({ templateId: null, initial: formFromDraft(draft) });
  };

  return (
    <section aria-label="Saved messages" className="flex min-w-0 flex-1 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="primary" onClick={() => setEditing({ templateId: null, initial: { name: '', global: false, format: 'text', body: '' } })}>
          New saved message
        </Button>
        <Button size="sm" onClick={fromComposer}>
          Save the composer’s message
        </Button>
        <span id={`tpl-why-${connectionId}`} className="text-xs text-amber-200">
          {sendBlocked}
        </span>
      </div>
      {templates.length === 0 ? (
        <p className="text-sm text-zinc-400">
          No saved messages yet. Save one to send it again with a click; text may hold {'{{counter}}'}, {'{{timestamp}}'}, {'{{isoTime}}'}, {'{{uuid}}'} or {'{{random}}'}, filled in when sent.
        </p>
      ) : (
        <ul aria-label="Saved messages" className="flex max-h-40 flex-col gap-1 overflow-y-auto">
          {templates.map((t, i) => (
            <TemplateItem
              key={t.id}
              template={t}
              connectionId={connectionId}
              first={i === 0}
              last={i === templates.length - 1}
              sendBlocked={sendBlocked}
              onSend={send}
              onInsert={insert}
              onEdit={(x) => setEditing({ templateId: x.id, initial: formOf(x) })}
            />
          ))}
        </ul>
      )}
      <p role="status" className="min-h-4 text-xs text-zinc-300">
        {status}
      </p>
    </section>
  );
}
