import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../lib/ids';
import { bufferedSamplesOf, forgetBuffered, MAX_SAMPLES, recordBuffered } from './buffered-samples';
import { bufferedData } from './components/buffered-chart';

describe('bufferedAmount samples', () => {
  it('keeps the points where it changed, as a step function, and nothing while it stays 0', () => {
    const id = asConnectionId('b1');
    recordBuffered(id, 1, 0);
    expect(bufferedSamplesOf(id)).toBeUndefined();
    recordBuffered(id, 10, 500);
    recordBuffered(id, 20, 500);
    recordBuffered(id, 30, 0);
    const s = bufferedSamplesOf(id);
    expect(s?.times).toEqual([10, 30, 30]);
    expect(s?.values).toEqual([500, 500, 0]);
    forgetBuffered(id);
    expect(bufferedSamplesOf(id)).toBeUndefined();
  });

  it('stays bounded', () => {
    const id = asConnectionId('b2');
    for (let i = 0; i < MAX_SAMPLES * 2; i++) recordBuffered(id, i, i % 2 ? 100 : 200);
    expect(bufferedSamplesOf(id)?.times.length).toBeLessThanOrEqual(MAX_SAMPLES);
    forgetBuffered(id);
  });

  it('lines several connections up on one time axis', () => {
    const d = bufferedData([
      { times: [10, 30], values: [5, 0] },
      { times: [20], values: [7] },
    ]);
    expect(d.x).toEqual([10, 20, 30]);
    expect(d.ys).toEqual([
      [5, 5, 0],
      [null, 7, 7],
    ]);
  });
});
