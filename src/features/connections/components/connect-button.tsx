import type { ReadyStateName } from '../../../core/events';
import { Button } from '../../../components/ui/button';

export type ConnectButtonProps = { state: ReadyStateName; dirty: boolean };

/** One control for the socket: Connect when closed, Disconnect when open, Reconnect when the bar was edited. */
export function ConnectButton({ state, dirty }: ConnectButtonProps) {
  const live = state === 'OPEN' || state === 'CONNECTING';
  const label = state === 'CLOSING' ? 'Closing…' : live ? (dirty ? 'Reconnect' : 'Disconnect') : 'Connect';
  return (
    <Button type="submit" size="sm" variant={live && !dirty ? 'secondary' : 'primary'} className="h-8 min-w-24 px-3" disabled={state === 'CLOSING'} aria-keyshortcuts="C">
      {label}
    </Button>
  );
}
