import { useState } from 'react';
import type { FormEvent } from 'react';
import { useStore } from '../../../store/store';
import { checkConfig, createConnection, focusComposer, updateForm } from '../../../store/actions';
import type { FormErrors } from '../../../store/actions';
import { Button } from '../../../components/ui/button';
import { hasSecrets, maskUrl } from '../../../lib/secrets';
import { ConnectionFields } from './connection-fields';
import { RememberSecrets } from './remember-secrets';
import { DecodeOptions } from './decode-options';
import { useOptionsCheck } from '../hooks/use-options-check';

const NO_OPTIONS: Record<string, string> = {};

export type NewConnectionBarProps = {
  /** a hosted page without a playground: no example URL that looks like a value */
  hosted: boolean;
};

/** The connection bar of a connection not made yet: checked as the browser would while typing; Enter connects. */
export function NewConnectionBar({ hosted }: NewConnectionBarProps) {
  const form = useStore((s) => s.form);
  const [submitted, setSubmitted] = useState<FormErrors | null>(null);
  // Connect pressed while the lens's options are broken: said under the bar until they are fixed.
  const [blocked, setBlocked] = useState(false);
  const decodeAs = form.decodeAs ?? 'auto';
  const sessionOptions = form.sessionOptions ?? NO_OPTIONS;
  const optionsError = useOptionsCheck(decodeAs, sessionOptions);
  // The check fills in the environment in use: redraw when it changes.
  useStore((st) => st.environments);
  useStore((st) => st.activeEnvironment);
  const checked = checkConfig(form.url, form.protocols);
  const live: FormErrors = checked.ok ? {} : checked.errors;
  // Live errors show once there is something to judge; an empty URL is only an error on submit.
  const urlError = form.url.trim() === '' ? submitted?.url : live.url;
  const effective = checked.ok ? maskUrl(checked.value.shownUrl) : '';
  const hint = checked.ok && effective !== maskUrl(form.url.trim()) ? `Effective URL: ${effective}` : checked.ok ? checked.value.notes.join(' ') : '';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // A .proto that does not parse (or a message type it lacks) would leave every frame raw: fix it first.
    if (optionsError) {
      setBlocked(true);
      setSubmitted(checked.ok ? null : checked.errors);
      const field = optionsError.field ? document.getElementById(`new-session-${optionsError.field}`) : null;
      if (field && field.offsetParent !== null) field.focus();
      return;
    }
    setBlocked(false);
    const created = createConnection();
    setSubmitted(created.ok ? null : created.errors);
    if (!created.ok) document.getElementById(created.errors.url ? 'new-url' : 'new-protocols')?.focus();
    else focusComposer();
  };

  return (
    <form aria-label="New connection" onSubmit={onSubmit} noValidate>
      <ConnectionFields
        idPrefix="new"
        values={form}
        onChange={(patch) => updateForm({ ...patch, ...(patch.url !== undefined ? { secretsDropped: false } : {}) })}
        urlError={urlError}
        protocolsError={live.protocols}
        urlHint={
          <>
            {hint}
            {form.secretsDropped && !hasSecrets(form.url) ? ' The credentials in this URL were not saved (Remember secrets was off): type them again.' : ''}
          </>
        }
        placeholder={hosted ? 'Enter a ws:// or wss:// URL' : 'ws://127.0.0.1:8787/echo'}
        status={<span className="shrink-0 text-xs font-semibold text-zinc-400">New</span>}
        options={
          <DecodeOptions
            idPrefix="new"
            value={{ decodeAs, sessionManual: form.sessionManual === true, options: sessionOptions }}
            optionsError={optionsError}
            onChange={(patch) => {
              setBlocked(false);
              updateForm({
                ...(patch.decodeAs !== undefined ? { decodeAs: patch.decodeAs } : {}),
                ...(patch.sessionManual !== undefined ? { sessionManual: patch.sessionManual } : {}),
                ...(patch.options !== undefined ? { sessionOptions: patch.options } : {}),
              });
            }}
          />
        }
        actions={
          <Button type="submit" variant="primary" size="sm" className="h-8 px-4">
            Connect
          </Button>
        }
      />
      {blocked && optionsError ? (
        <p role="alert" className="border-b border-zinc-800 px-3 py-1 text-xs text-rose-300">
          Not connected: the Decode as options have an error (Options ▾): {optionsError.error}
        </p>
      ) : null}
      {hasSecrets(form.url) || form.rememberSecrets ? <RememberSecrets checked={form.rememberSecrets === true} onChange={(rememberSecrets) => updateForm({ rememberSecrets })} /> : null}
      {form.message ? (
        <div className="flex items-center gap-2 border-b border-sky-900 bg-sky-950/60 px-3 py-1 text-xs text-sky-100" role="status">
          <p className="min-w-0 truncate">
            From the link: a message, ready in the composer once you connect. Nothing is sent until you press Send. <span className="font-mono text-zinc-300">{form.message}</span>
          </p>
          <Button size="sm" variant="ghost" className="ml-auto shrink-0" onClick={() => updateForm({ message: '' })}>
            Discard message
          </Button>
        </div>
      ) : null}
    </form>
  );
}
