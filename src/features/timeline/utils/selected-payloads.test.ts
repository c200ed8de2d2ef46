import { afterEach, describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { extendTo, selectOnly, toggle } from '../../../lib/row-selection';
import { setSecretValues } from '../../../lib/secret-values';
import { selectedPayloads } from './selected-payloads';

const id = asConnectionId('c1');

function log(): EventLog {
  const l = new EventLog(id);
  l.append(Kind.Connecting, 1, 0, { url: 'ws://x/', protocols: [] });
  l.append(Kind.Open, 2, 0, { protocol: '', extensions: '' });
  l.append(Kind.OutText, 3, 5, 'hello tok-secret-1');
  l.append(Kind.InText, 4, 5, 'world');
  l.append(Kind.InBinary, 5, 3, new Uint8Array([0, 255, 16]).buffer);
  l.append(Kind.Close, 6, 0, { code: 1000, reason: '', wasClean: true });
  return l;
}

afterEach(() => setSecretValues([]));

describe('Copy selected', () => {
  it('gives the selected messages’ payloads one per line, binary as hex, other rows left out, secrets masked', () => {
    setSecretValues(['tok-secret-1']);
    expect(selectedPayloads(log(), extendTo(selectOnly(id, 0), 5))).toBe('hello ••••\nworld\n00 ff 10');
    expect(selectedPayloads(log(), toggle(extendTo(selectOnly(id, 2), 4), 3))).toBe('hello ••••\n00 ff 10');
  });

  it('says so when no message is selected', () => {
    expect(selectedPayloads(log(), extendTo(selectOnly(id, 0), 1))).toEqual({ error: 'No messages among the selected rows' });
  });
});
