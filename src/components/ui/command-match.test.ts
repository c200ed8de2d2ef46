import { describe, expect, it } from 'vitest';
import { matchCommands, matchRank } from './command-match';

const items = [
  { title: 'New connection' },
  { title: 'Disconnect the selected connection' },
  { title: 'Connect the selected connection', disabledReason: 'Already connected' },
  { title: 'Switch to connection: first' },
  { title: 'Switch to connection: second', disabledReason: 'Already selected' },
  { title: 'Theme: Dark' },
  { title: 'Theme: Light' },
  { title: 'Jump to the latest event' },
];
const titles = (q: string) => matchCommands(items, q).map((i) => i.title);

describe('matchRank', () => {
  it('is case-insensitive and needs every word', () => {
    expect(matchRank('Theme: Dark', 'DARK')).not.toBeNull();
    expect(matchRank('Theme: Dark', 'theme dark')).not.toBeNull();
    expect(matchRank('Theme: Dark', 'theme light')).toBeNull();
    expect(matchRank('Theme: Dark', '')).toBe(0);
  });

  it('ranks a prefix over word starts over the middle of a word', () => {
    expect(matchRank('Connect the selected connection', 'conn')).toBe(0);
    expect(matchRank('New connection', 'conn')).toBe(1);
    expect(matchRank('Disconnect the selected connection', 'onnect')).toBe(2);
  });
});

describe('matchCommands', () => {
  it('keeps the registry order for an empty query, disabled ones last', () => {
    expect(titles('')).toEqual([
      'New connection',
      'Disconnect the selected connection',
      'Switch to connection: first',
      'Theme: Dark',
      'Theme: Light',
      'Jump to the latest event',
      'Connect the selected connection',
      'Switch to connection: second',
    ]);
  });

  it('puts prefix matches first', () => {
    expect(titles('connect')).toEqual(['New connection', 'Disconnect the selected connection', 'Switch to connection: first', 'Connect the selected connection', 'Switch to connection: second']);
    expect(titles('switch')).toEqual(['Switch to connection: first', 'Switch to connection: second']);
    expect(titles('th')[0]).toBe('Theme: Dark');
    expect(titles('dark')).toEqual(['Theme: Dark']);
  });

  it('matches words in any order, and nothing when one word is missing', () => {
    expect(titles('latest jump')).toEqual(['Jump to the latest event']);
    expect(titles('jump earliest')).toEqual([]);
  });
});
