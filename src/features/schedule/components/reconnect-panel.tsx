import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { setAutoReconnect } from '../../../store/automate-actions';
import { DEFAULT_RECONNECT } from '../../../store/types';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { checkReconnect } from '../utils/forms';
import { backoffDelay, DEFAULT_BACKOFF } from '../utils/backoff';

export type ReconnectPanelProps = { connectionId: ConnectionId };

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Auto-reconnect for one connection: off by default; the delays grow ×2 with ±20 % jitter up to a maximum. */
export function ReconnectPanel({ connectionId }: ReconnectPanelProps) {
  const policy = useStore((s) => s.connections.find((c) => c.id === connectionId)?.autoReconnect) ?? DEFAULT_RECONNECT;
  const [base, setBase] = useState(String(policy.baseMs));
  const [max, setMax] = useState(String(policy.maxMs));
  const [attempts, setAttempts] = useState(policy.maxAttempts === 0 ? '' : String(policy.maxAttempts));
  const [status, setStatus] = useState('');
  const id = `arc-${connectionId}`;
  const check = checkReconnect(base, max, attempts);
  const fieldError = (f: 'base' | 'max' | 'attempts') => (!check.ok && check.field === f ? check.error : undefined);
  const shown = check.ok ? check.policy : policy;
  // The delays without jitter (its midpoint).
  const steps = [1, 2, 3, 4].map((n) => seconds(backoffDelay(n, { ...DEFAULT_BACKOFF, baseMs: shown.baseMs, maxMs: shown.maxMs }, () => 0.5)));

  const toggle = (enabled: boolean) => {
    setAutoReconnect(connectionId, { ...(check.ok ? check.policy : policy), enabled });
    setStatus(enabled ? 'Auto-reconnect is on.' : 'Auto-reconnect is off.');
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!check.ok) {
      document.getElementById(`${id}-${check.field}`)?.focus();
      return;
    }
    setAutoReconnect(connectionId, { ...check.policy, enabled: policy.enabled });
    setStatus('Delays saved.');
  };

  return (
    <form aria-label="Auto-reconnect" onSubmit={onSubmit} noValidate className="flex min-w-0 flex-1 flex-col gap-2">
      <label className="flex items-center gap-2 text-sm text-zinc-100">
        <input type="checkbox" className="h-4 w-4 accent-sky-500" checked={policy.enabled} onChange={(e) => toggle(e.target.checked)} aria-describedby={`${id}-about`} />
        Reconnect by itself when the connection drops
      </label>
      <p id={`${id}-about`} className="text-xs text-zinc-400">
        Waits about {steps.join(', ')}… (each ±20 %), never more than {seconds(shown.maxMs)}
        {shown.maxAttempts > 0 ? `, and gives up after ${shown.maxAttempts} attempts in a row` : ''}. Each attempt shows in the timeline. Closing it yourself (Close, Remove) never reconnects.
      </p>
      <div className="flex flex-wrap items-start gap-4">
        <Field id={`${id}-base`} label="First delay (ms)" error={fieldError('base')} className="w-36">
          <input id={`${id}-base`} className={inputClass} inputMode="numeric" value={base} onChange={(e) => setBase(e.target.value)} aria-invalid={fieldError('base') ? true : undefined} aria-describedby={fieldDescribedBy(`${id}-base`)} />
        </Field>
        <Field id={`${id}-max`} label="Longest delay (ms)" error={fieldError('max')} className="w-40">
          <input id={`${id}-max`} className={inputClass} inputMode="numeric" value={max} onChange={(e) => setMax(e.target.value)} aria-invalid={fieldError('max') ? true : undefined} aria-describedby={fieldDescribedBy(`${id}-max`)} />
        </Field>
        <Field id={`${id}-attempts`} label="Give up after (attempts)" error={fieldError('attempts')} hint="empty or 0: never" className="w-44">
          <input
            id={`${id}-attempts`}
            className={inputClass}
            inputMode="numeric"
            value={attempts}
            onChange={(e) => setAttempts(e.target.value)}
            aria-invalid={fieldError('attempts') ? true : undefined}
            aria-describedby={fieldDescribedBy(`${id}-attempts`)}
          />
        </Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm">
          Save delays
        </Button>
        <span role="status" className="text-xs text-zinc-300">
          {status}
        </span>
      </div>
    </form>
  );
}
