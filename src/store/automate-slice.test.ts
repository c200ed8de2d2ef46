import { describe, expect, it } from 'vitest';
import { MAX_HISTORY, normalizeAutomate, normalizeTemplate, pushHistory } from './automate-slice';

describe('pushHistory', () => {
  it('appends, skips a repeat of the newest entry, keeps the last 100', () => {
    let list = pushHistory(undefined, { format: 'text', body: 'a' });
    list = pushHistory(list, { format: 'text', body: 'a' });
    list = pushHistory(list, { format: 'hex', body: 'a' });
    expect(list).toEqual([
      { format: 'text', body: 'a' },
      { format: 'hex', body: 'a' },
    ]);
    for (let i = 0; i < 150; i++) list = pushHistory(list, { format: 'text', body: String(i) });
    expect(list).toHaveLength(MAX_HISTORY);
    expect(list[0]?.body).toBe('50');
    expect(list.at(-1)?.body).toBe('149');
  });
});

describe('normalizeAutomate', () => {
  it('keeps good templates and history, drops the rest', () => {
    const good = { id: 't1', name: 'ping', connectionId: null, format: 'text', body: '{{counter}}' };
    const out = normalizeAutomate(
      [good, { ...good, id: '' }, { ...good, format: 'xml' }, { ...good, connectionId: 5 }, null, 'x'],
      { c1: [{ format: 'text', body: 'hi' }, { format: 'bad', body: 'x' }], c2: 'nope', c3: [] },
    );
    expect(out.templates).toEqual([good]);
    expect(out.sentHistory).toEqual({ c1: [{ format: 'text', body: 'hi' }] });
    expect(normalizeAutomate(undefined, undefined)).toEqual({ templates: [], sentHistory: {} });
  });

  it('reads own fields only', () => {
    const proto = JSON.parse('{"__proto__": {"id": "x", "name": "n", "format": "text", "body": "b", "connectionId": null}}') as unknown;
    expect(normalizeTemplate(proto)).toBeNull();
  });
});
