import { describe, expect, it } from 'vitest';
import { shortLabels } from './short-label';

const c = (url: string, name = '') => ({ url, name });

describe('shortLabels', () => {
  it('shows path and query when every connection has the same host', () => {
    expect(shortLabels([c('ws://127.0.0.1:8787/echo'), c('ws://127.0.0.1:8787/ticker?rate=20'), c('ws://127.0.0.1:8787')])).toEqual(['/echo', '/ticker?rate=20', '/']);
  });
  it('adds the host only when hosts differ, and prefers names', () => {
    expect(shortLabels([c('ws://a.test/x'), c('wss://b.test:444/y?q=1'), c('ws://a.test/z', 'mine')])).toEqual(['a.test/x', 'b.test:444/y?q=1', 'mine']);
  });
  it('masks secrets and keeps odd text as it is', () => {
    expect(shortLabels([c('wss://h.test/s?token=abc')])[0]).not.toContain('abc');
    expect(shortLabels([c('not a url')])).toEqual(['not a url']);
  });
});
