import type { ReadyStateName } from '../../lib/ready-state';
import { closeCodeName } from '../../lib/close-codes';
import { cn } from './cn';

/** How the latest close went, as far as the colours care. */
export interface StatusOutcome {
  code: number;
  failed: boolean;
}

export type StatusTone = 'connecting' | 'open' | 'closing' | 'closed' | 'failed';

export function statusTone(state: ReadyStateName, outcome: StatusOutcome | undefined): StatusTone {
  if (state === 'CONNECTING') return 'connecting';
  if (state === 'OPEN') return 'open';
  if (state === 'CLOSING') return 'closing';
  return outcome?.failed ? 'failed' : 'closed';
}

const dotClass: Record<StatusTone, string> = {
  connecting: 'bg-amber-400 animate-pulse',
  open: 'bg-emerald-400',
  closing: 'bg-orange-400',
  closed: 'bg-zinc-500',
  failed: 'bg-rose-500',
};

/** The -200 shades: AA contrast on every surface they sit on, in both themes. */
const textClass: Record<StatusTone, string> = {
  connecting: 'text-amber-200',
  open: 'text-emerald-200',
  closing: 'text-orange-200',
  closed: 'text-zinc-300',
  failed: 'text-rose-200',
};

/** "CLOSED · 1006 Abnormal Closure": the readyState word, and for a closed socket the code and its name. */
export function statusText(state: ReadyStateName, outcome: StatusOutcome | undefined): string {
  if (state !== 'CLOSED' || !outcome) return state;
  return `${state} · ${outcome.code} ${closeCodeName(outcome.code)}`;
}

export type ConnectionStatusProps = {
  state: ReadyStateName;
  outcome?: StatusOutcome | undefined;
  /** 'full' shows the close code's name after CLOSED; 'word' only the state */
  detail?: 'full' | 'word';
  className?: string;
};

/**
 * A status dot and word. Colours tell CONNECTING, OPEN, CLOSING, a clean
 * CLOSED and a CLOSED that failed (error, 1006, 1015, not clean) apart; the
 * words say the same for those who do not see colour.
 */
export function ConnectionStatus({ state, outcome, detail = 'full', className }: ConnectionStatusProps) {
  const tone = statusTone(state, outcome);
  const text = detail === 'full' ? statusText(state, outcome) : state;
  return (
    <span className={cn('inline-flex min-w-0 items-center gap-1.5 font-mono text-[11px] font-semibold tracking-wide', textClass[tone], className)} data-status={tone}>
      <span aria-hidden="true" className={cn('size-2 shrink-0 rounded-full', dotClass[tone])} />
      <span className="truncate"> {text} </span>
      {tone === 'failed' ? <span className="sr-only"> (failed)</span> : null}
    </span>
  );
}
