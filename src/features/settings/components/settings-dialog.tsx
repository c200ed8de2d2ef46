import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useStore } from '../../../store/store';
import { setRetention } from '../../../store/actions';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { checkRetention, mibOf } from '../utils/retention';
import { checkConfirmSendMiB } from '../utils/confirm-send';
import { setConfirmSendMiB } from '../actions';
import { DEFAULT_CONFIRM_SEND_MIB } from '../../../store/defaults';

/** Capture limits per connection (past them the oldest events are dropped, and the timeline says how many) and when a send asks first. */
export function SettingsDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const retention = useStore((s) => s.preferences.retention);
  const confirmMiB = useStore((s) => s.preferences.confirmSendMiB ?? DEFAULT_CONFIRM_SEND_MIB);
  const [events, setEvents] = useState('');
  const [mib, setMib] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const check = checkRetention(events, mib);
  const confirmCheck = checkConfirmSendMiB(confirm);
  const error = (field: 'events' | 'mib') => (tried && !check.ok && check.field === field ? check.error : undefined);
  const confirmError = tried && !confirmCheck.ok ? confirmCheck.error : undefined;

  const open = () => {
    setEvents(String(retention.maxEvents));
    setMib(String(mibOf(retention.maxBytes)));
    setConfirm(String(confirmMiB));
    setTried(false);
    dialog.current?.showModal();
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!check.ok || !confirmCheck.ok) {
      document.getElementById(!check.ok ? `set-${check.field}` : 'set-confirm')?.focus();
      return;
    }
    setRetention(check.limits);
    setConfirmSendMiB(confirmCheck.mib);
    dialog.current?.close();
  };

  return (
    <>
      <Button size="sm" variant="ghost" onClick={open}>
        Settings
      </Button>
      <dialog ref={dialog} aria-labelledby="settings-title" className="m-auto w-96 rounded-lg border border-zinc-700 bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/60">
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 p-4">
          <h2 id="settings-title" className="text-base font-semibold">
            Settings
          </h2>
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
          <div className="flex justify-end gap-2">
            <Button onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" variant="primary">
              Save
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
