import { useState } from 'react';
import type { FormEvent } from 'react';
import { useStore } from '../../../store/store';
import { checkConfig, createConnection, updateForm } from '../../../store/actions';
import type { FormErrors } from '../../../store/actions';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import type { BinaryType } from '../../../services/sockets/events';
import { hasSecrets, maskUrl } from '../../../lib/secrets';

/** URL, subprotocols, binaryType and name, checked as the browser would while typing. */
export function NewConnectionForm() {
  const form = useStore((s) => s.form);
  const [submitted, setSubmitted] = useState<FormErrors | null>(null);
  const checked = checkConfig(form.url, form.protocols);
  const live: FormErrors = checked.ok ? {} : checked.errors;
  // Live errors show once there is something to judge; an empty URL is only an error on submit.
  const urlError = form.url.trim() === '' ? submitted?.url : live.url;
  const protocolsError = live.protocols;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors = createConnection();
    setSubmitted(errors);
    if (errors) document.getElementById(errors.url ? 'new-url' : 'new-protocols')?.focus();
  };

  return (
    <form aria-label="New connection" onSubmit={onSubmit} noValidate className="flex flex-col gap-2 p-3">
      <h2 className="text-sm font-semibold text-zinc-200">New connection</h2>
      <Field
        id="new-url"
        label="URL"
        error={urlError}
        hint={checked.ok ? <span className="font-mono">Effective URL: {maskUrl(checked.value.url)}</span> : 'ws://, wss://, http://, https:// or a path relative to this page'}
      >
        <input
          id="new-url"
          className={inputClass}
          value={form.url}
          onChange={(e) => updateForm({ url: e.target.value, secretsDropped: false })}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={fieldDescribedBy('new-url')}
          placeholder="ws://127.0.0.1:8787/echo"
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
      <Field id="new-protocols" label="Subprotocols" error={protocolsError} hint="Optional, comma-separated, e.g. sockpit.v1, json">
        <input
          id="new-protocols"
          className={inputClass}
          value={form.protocols}
          onChange={(e) => updateForm({ protocols: e.target.value })}
          aria-invalid={protocolsError ? true : undefined}
          aria-describedby={fieldDescribedBy('new-protocols')}
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
      <div className="grid grid-cols-2 gap-2">
        <Field id="new-binary-type" label="Binary type" hint="How binary frames arrive">
          <select
            id="new-binary-type"
            className={inputClass}
            value={form.binaryType}
            onChange={(e) => updateForm({ binaryType: e.target.value as BinaryType })}
            aria-describedby={fieldDescribedBy('new-binary-type')}
          >
            <option value="arraybuffer">arraybuffer</option>
            <option value="blob">blob</option>
          </select>
        </Field>
        <Field id="new-name" label="Name" hint="Optional">
          <input
            id="new-name"
            className={inputClass}
            value={form.name}
            onChange={(e) => updateForm({ name: e.target.value })}
            aria-describedby={fieldDescribedBy('new-name')}
            autoComplete="off"
          />
        </Field>
      </div>
      {form.secretsDropped && !hasSecrets(form.url) ? (
        <p className="text-xs text-amber-200">The credentials in this URL were not saved (Remember secrets was off): type them again.</p>
      ) : null}
      {hasSecrets(form.url) || form.rememberSecrets ? (
        <label className="flex items-start gap-2 text-xs text-zinc-300">
          <input type="checkbox" className="mt-0.5 accent-sky-500" checked={form.rememberSecrets === true} onChange={(e) => updateForm({ rememberSecrets: e.target.checked })} />
          <span>
            Remember secrets
            <span className="block text-zinc-400">Store the URL’s token, key or password in this browser. Off: shown masked and kept for this session only.</span>
          </span>
        </label>
      ) : null}
      {form.message ? (
        <div className="rounded-md border border-sky-800 bg-sky-950/60 p-2 text-xs text-sky-100" role="status">
          <p>
            From the link: a message, ready in the composer once you connect. Nothing is sent until you press Send.
          </p>
          <p className="mt-1 truncate font-mono text-zinc-300">{form.message}</p>
          <Button size="sm" variant="ghost" className="mt-1" onClick={() => updateForm({ message: '' })}>
            Discard message
          </Button>
        </div>
      ) : null}
      <Button type="submit" variant="primary">
        Connect
      </Button>
    </form>
  );
}
