import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { TEMPLATE_VARIABLES, VARIABLE_HELP } from '../../../lib/template-vars';
import { newTemplateId, saveTemplate } from '../../../store/automate-actions';
import type { TemplateFormat } from '../../../store/automate-slice';
import { MAX_TEMPLATES } from '../../../store/automate-slice';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { cn } from '../../../components/ui/cn';
import { checkTemplateForm, FORMAT_LABELS, templateOf } from '../utils/template-draft';
import type { TemplateForm } from '../utils/template-draft';
import { PayloadPreview } from './payload-preview';

export type TemplateEditorProps = {
  connectionId: ConnectionId;
  /** the template's id when editing one; null for a new one */
  templateId: string | null;
  initial: TemplateForm;
  onDone: (saved: string | null) => void;
};

const FORMATS = (['text', 'hex', 'base64'] as const).map((value) => ({ value, label: FORMAT_LABELS[value] }));

/** Name, where it is offered, text or bytes, the body with variable buttons, and a live preview of what goes out. */
export function TemplateEditor({ connectionId, templateId, initial, onDone }: TemplateEditorProps) {
  const [form, setForm] = useState<TemplateForm>(initial);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState('');
  const body = useRef<HTMLTextAreaElement>(null);
  const id = `tpl-${connectionId}`;
  const check = checkTemplateForm(form);
  const nameError = tried && !check.ok ? check.error : undefined;
  const update = (patch: Partial<TemplateForm>) => setForm((f) => ({ ...f, ...patch }));

  const insertVariable = (name: string) => {
    const el = body.current;
    const token = `{{${name}}}`;
    const at = el ? el.selectionStart : form.body.length;
    const end = el ? el.selectionEnd : form.body.length;
    update({ body: form.body.slice(0, at) + token + form.body.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!check.ok) {
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    const saved = templateOf(templateId ?? newTemplateId(), form, check.name, connectionId);
    if (!saveTemplate(saved)) {
      setError(`Not saved: ${MAX_TEMPLATES} saved messages is the most; delete some first.`);
      return;
    }
    onDone(saved.name);
  };

  return (
    <form aria-label={templateId ? 'Edit saved message' : 'New saved message'} onSubmit={onSubmit} noValidate className="flex min-w-0 flex-1 flex-col gap-2">
      <div className="flex flex-wrap items-start gap-4">
        <Field id={`${id}-name`} label="Message name" error={nameError} className="w-64">
          <input
            id={`${id}-name`}
            className={inputClass}
            value={form.name}
            onChange={(e) => update({ name: e.target.value })}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={fieldDescribedBy(`${id}-name`)}
            autoFocus
          />
        </Field>
        <div className="flex flex-col gap-1">
          <span aria-hidden="true" className="text-xs font-medium text-zinc-300">Offered on</span>
          <RadioGroup
            legend="Offered on"
            name={`${id}-scope`}
            options={[
              { value: 'this', label: 'This connection' },
              { value: 'all', label: 'Every connection' },
            ]}
            value={form.global ? 'all' : 'this'}
            onChange={(v) => update({ global: v === 'all' })}
          />
        </div>
        <div className="flex flex-col gap-1">
          <span aria-hidden="true" className="text-xs font-medium text-zinc-300">Body is</span>
          <RadioGroup legend="Body is" name={`${id}-format`} options={FORMATS} value={form.format} onChange={(format: TemplateFormat) => update({ format })} />
        </div>
      </div>
      <label htmlFor={`${id}-body`} className="text-xs font-medium text-zinc-300">
        Body
      </label>
      <textarea
        id={`${id}-body`}
        ref={body}
        className={cn(inputClass, 'h-20 resize-y font-mono')}
        value={form.body}
        onChange={(e) => update({ body: e.target.value })}
        spellCheck={form.format === 'text'}
        aria-describedby={`${id}-vars`}
      />
      <div id={`${id}-vars`} className="flex flex-wrap items-center gap-1 text-xs text-zinc-400">
        {form.format === 'text' ? (
          <>
            <span>Insert a variable, expanded when sent:</span>
            {TEMPLATE_VARIABLES.map((v) => (
              <button
                key={v}
                type="button"
                title={VARIABLE_HELP[v]}
                onClick={() => insertVariable(v)}
                className="rounded border border-zinc-700 px-1.5 py-0.5 font-mono text-[11px] text-zinc-200 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-400"
              >
                {`{{${v}}}`}
              </button>
            ))}
          </>
        ) : (
          <span>Bytes as {FORMAT_LABELS[form.format].toLowerCase()}; variables apply to text only.</span>
        )}
      </div>
      <PayloadPreview id={`${id}-preview`} connectionId={connectionId} format={form.format} body={form.body} />
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" size="sm">
          Save message
        </Button>
        <Button size="sm" onClick={() => onDone(null)}>
          Cancel
        </Button>
        <span role="alert" className="text-xs text-rose-300">
          {error}
        </span>
      </div>
    </form>
  );
}
