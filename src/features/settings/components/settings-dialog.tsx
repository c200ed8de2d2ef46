import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useStore } from '../../../store/store';
import { setRetention } from '../../../store/actions';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { checkRetention, mibOf } from '../utils/retention';
import { checkConfirmSendMiB } from '../../../lib/confirm-send';
import { setConfirmSendMiB, setScriptLimits } from '../actions';
import { DEFAULT_CONFIRM_SEND_MIB, DEFAULT_SCRIPT_LIMITS } from '../../../store/defaults';
import { checkScriptLimits } from '../utils/script-limits';
import type { ScriptLimitField } from '../utils/script-limits';

const LIMIT_FIELDS: readonly { field: ScriptLimitField; id: string; label: string; hint: string }[] = [
  { field: 'timeMs', id: 'set-script-time', label: 'Time per message (ms)', hint: 'A decode, encode, check or next call longer than this is stopped.' },
  { field: 'setupMs', id: 'set-script-setup', label: 'Setup time (ms)', hint: 'Loading a script (its top level) longer than this is stopped.' },
  { field: 'memoryMiB', id: 'set-script-memory', label: 'Memory (MB)', hint: 'The sandbox engine’s memory; past it the call fails.' },
];

export type SettingsDialogProps = {
  /** render the "Settings" button; without it, open the dialog with openDialog('settings') */
  trigger?: boolean;
};

/** Capture limits per connection (past them the oldest events are dropped, and the timeline says how many) and when a send asks first. */
export function SettingsDialog({ trigger = true }: SettingsDialogProps) {
  const dialog = useDialog();
  const [events, setEvents] = useState('');
  const [mib, setMib] = useState('');
  const [confirm, setConfirm] = useState('');
  const [limits, setLimits] = useState<Record<ScriptLimitField, string>>({ timeMs: '', setupMs: '', memoryMiB: '' });
  const [tried, setTried] = useState(false);
  const limitsCheck = checkScriptLimits(limits);
  const limitError = (field: ScriptLimitField) => (tried && !limitsCheck.ok ? limitsCheck.errors[field] : undefined);
  const check = checkRetention(events, mib);
  const error = (field: 'events' | 'mib') => (tried && !check.ok && check.field === field ? check.error : undefined);
  const confirmCheck = checkConfirmSendMiB(confirm);
  const confirmError = tried && !confirmCheck.ok ? confirmCheck.error : undefined;

  const open = useCallback(() => {
    const { retention, confirmSendMiB, scriptLimits } = useStore.getState().preferences;
    const l = scriptLimits ?? DEFAULT_SCRIPT_LIMITS;
    setLimits({ timeMs: String(l.timeMs), setupMs: String(l.setupMs), memoryMiB: String(l.memoryMiB) });
    setEvents(String(retention.maxEvents));
    setMib(String(mibOf(retention.maxBytes)));
    setConfirm(String(confirmSendMiB ?? DEFAULT_CONFIRM_SEND_MIB));
    setTried(false);
    dialog.open();
  }, [dialog]);
  useDialogOpener('settings', open);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!check.ok || !confirmCheck.ok || !limitsCheck.ok) {
      const firstLimit = !limitsCheck.ok ? LIMIT_FIELDS.find((f) => limitsCheck.errors[f.field])?.id : undefined;
      document.getElementById(!check.ok ? `set-${check.field}` : !confirmCheck.ok ? 'set-confirm' : (firstLimit ?? 'set-script-time'))?.focus();
      return;
    }
    setRetention(check.limits);
    setConfirmSendMiB(confirmCheck.mib);
    setScriptLimits(limitsCheck.limits);
    dialog.close();
  };

  return (
    <>
      {trigger ? (
        <Button size="sm" variant="ghost" onClick={open}>
          Settings
        </Button>
      ) : null}
      <Dialog
        handle={dialog}
        id="settings"
        title="Settings"
        size="sm"
        onSubmit={onSubmit}
        footer={
          <>
            <Button onClick={dialog.close}>Cancel</Button>
            <Button type="submit" variant="primary">
              Save
            </Button>
          </>
        }
      >
        <p className="text-xs text-zinc-400">Capture limits, per connection. Past them the oldest events are dropped; counters stay exact.</p>
        <Field id="set-events" label="Keep at most (events)" error={error('events')}>
          <input id="set-events" className={inputClass} inputMode="numeric" value={events} onChange={(e) => setEvents(e.target.value)} aria-invalid={error('events') ? true : undefined} aria-describedby={fieldDescribedBy('set-events')} />
        </Field>
        <Field id="set-mib" label="Keep at most (MiB of payload)" error={error('mib')}>
          <input id="set-mib" className={inputClass} inputMode="numeric" value={mib} onChange={(e) => setMib(e.target.value)} aria-invalid={error('mib') ? true : undefined} aria-describedby={fieldDescribedBy('set-mib')} />
        </Field>
        <Field id="set-confirm" label="Confirm sends larger than (MiB)" error={confirmError} hint="A larger message asks before it goes out.">
          <input id="set-confirm" className={inputClass} inputMode="numeric" value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-invalid={confirmError ? true : undefined} aria-describedby={fieldDescribedBy('set-confirm')} />
        </Field>
        <fieldset className="flex flex-col gap-2 border-t border-zinc-700 pt-2">
          <legend className="pt-2 text-xs text-zinc-400">Scripts: limits of the sandbox your custom lenses, checks and generators run in.</legend>
          {LIMIT_FIELDS.map(({ field, id, label, hint }) => (
            <Field key={field} id={id} label={label} error={limitError(field)} hint={hint}>
              <input
                id={id}
                className={inputClass}
                inputMode="numeric"
                value={limits[field]}
                onChange={(e) => setLimits((l) => ({ ...l, [field]: e.target.value }))}
                aria-invalid={limitError(field) ? true : undefined}
                aria-describedby={fieldDescribedBy(id)}
              />
            </Field>
          ))}
        </fieldset>
      </Dialog>
    </>
  );
}
