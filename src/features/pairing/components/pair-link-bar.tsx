import { Button } from '../../../components/ui/button';
import { formatCount } from '../../../lib/codecs';
import type { PairLink } from '../utils/pairing-index';
import { formatRtt } from '../utils/registry';

export type PairLinkBarProps = { link: PairLink; seq: number; onGoTo: (seq: number) => void };

/** In the inspector: the other half of a request/response pair, and the round trip. */
export function PairLinkBar({ link, seq, onGoTo }: PairLinkBarProps) {
  const isReply = link.reply === seq;
  const other = isReply ? link.request : link.reply;
  return (
    <div className="flex items-center gap-2 border-b border-zinc-800 bg-violet-950/50 px-3 py-1 text-xs text-violet-100">
      <span className="tabular-nums">
        {isReply ? `Reply to request #${formatCount(other)}` : `Request; reply is #${formatCount(other)}`} · RTT {formatRtt(link.rtt)}
      </span>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={() => onGoTo(other)}>
        {isReply ? 'Go to request' : 'Go to reply'}
      </Button>
    </div>
  );
}
