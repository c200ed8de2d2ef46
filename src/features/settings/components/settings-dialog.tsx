import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useStore } from '../../../store/store';
import { setRetention } from '../../../store/actions';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { checkRetention, mibOf } from '../utils/retention';
import { checkConfirmSendMiB } from '../utils/confirm-send';
import { setConfirmSendMiB } from '../actions';
import { DEFAULT_CONFIRM_SEND_MIB } from '../../../store/defaults';

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
  const [tried, setTried] = useState(false);
  const check = checkRetention(events, mib);
  const error = (field: 'events' | 'mib') => (tried && !check.ok && check.field === field ? check.error : undefined);
  const confirmCheck = checkConfirmSendMiB(confirm);
  const confirmError = tried && !confirmCheck.ok ? confirmCheck.error : undefined;

  const open = useCallback(() => {
    const { retention, confirmSendMiB } = useStore.getState().preferences;
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
    if (!check.ok || !confirmCheck.ok) {
      document.getElementById(!check.ok ? `set-${check.field}` : 'set-confirm')?.focus();
      return;
    }
    setRetention(check.limits);
    setConfirmSendMiB(confirmCheck.mib);
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
      </Dialog>
    </>
  );
}
