import type { ReadyStateName } from '../../services/sockets/events';
import { cn } from './cn';

const tone: Record<ReadyStateName, string> = {
  CONNECTING: 'bg-amber-900/70 text-amber-100 border-amber-600',
  OPEN: 'bg-emerald-900/70 text-emerald-100 border-emerald-600',
  CLOSING: 'bg-orange-900/70 text-orange-100 border-orange-600',
  CLOSED: 'bg-zinc-800 text-zinc-300 border-zinc-600',
};

export type ReadyStateBadgeProps = { state: ReadyStateName; className?: string };

/** The socket's readyState as the word the API uses. */
export function ReadyStateBadge({ state, className }: ReadyStateBadgeProps) {
  return <span className={cn('rounded border px-1.5 py-0.5 font-mono text-[10px] font-semibold tracking-wide', tone[state], className)}>{state}</span>;
}
