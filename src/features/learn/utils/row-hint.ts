import type { SockEvent } from '../../../core/events';
import { describeCloseCode } from '../../../lib/close-codes';
import { assertNever } from '../../../lib/assert-never';

/**
 * A few words on a lifecycle row of the timeline, shown in the teaching mode
 * (the Explain tab says the rest). Messages get none: there can be millions.
 */
export function rowHint(e: SockEvent): string | undefined {
  switch (e.type) {
    case 'connecting':
      return 'handshake: HTTP GET + Upgrade';
    case 'open':
      return '101 Switching Protocols → OPEN';
    case 'error':
      return 'no detail, by design';
    case 'close': {
      if (e.code === 1006) return 'no close frame; cause not told';
      if (e.code === 1005) return 'closed without a code';
      if (e.code === 1000) return 'normal closure';
      if (e.code >= 4000 && e.code <= 4999) return 'app-defined code';
      if (e.code >= 3000 && e.code <= 3999) return 'registered code';
      return describeCloseCode(e.code).name;
    }
    case 'message':
    case 'note':
      return undefined;
    default:
      return assertNever(e, 'event');
  }
}
