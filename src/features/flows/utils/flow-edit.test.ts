import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../lib/flows/types';
import { validateFlow } from '../../../lib/flows/validate';
import { allPaths, appendStep, defaultStep, moveStep, newFlow, pathLabel, removeStep, replaceStep, STEP_TYPES, stepAt, uniqueName } from './flow-edit';

const doc = (): FlowDocument => ({
  version: 'sockpit-flow/1',
  name: 'f',
  connections: [{ name: 'main', url: 'ws://127.0.0.1:1/echo' }],
  steps: [{ type: 'connect' }, { type: 'repeat', times: 2, steps: [{ type: 'wait', ms: 1 }, { type: 'wait', ms: 2 }] }, { type: 'close' }],
});

describe('flow edits', () => {
  it('a new flow and every default step are valid flows', () => {
    expect(validateFlow(newFlow('n', 'ws://127.0.0.1:1/echo'))).toEqual([]);
    for (const { type } of STEP_TYPES) {
      // a compute step names one of the flow's scripts: the flow carries one of its default name
      const d = { ...newFlow('n', 'ws://127.0.0.1:1/echo'), ...(type === 'compute' ? { scripts: [{ name: 'compute', source: 'function compute(vars) { return vars; }' }] } : {}) };
      const withStep = appendStep(d, defaultStep(type));
      // a capture step needs an earlier expect to take from; everything else stands alone after the echo's expect
      expect(validateFlow(withStep).filter((i) => i.field !== 'capture'), type).toEqual([]);
    }
  });

  it('moves, removes and replaces inside a repeat without touching the original', () => {
    const d = doc();
    const moved = moveStep(d, [1, 0], 1);
    expect(stepAt(moved, [1, 0])).toEqual({ type: 'wait', ms: 2 });
    expect(stepAt(d, [1, 0])).toEqual({ type: 'wait', ms: 1 });
    expect(moveStep(d, [0], -1)).toEqual(d);
    expect(stepAt(removeStep(d, [1, 1]), [1])).toEqual({ type: 'repeat', times: 2, steps: [{ type: 'wait', ms: 1 }] });
    expect(stepAt(replaceStep(d, [2], { type: 'close', code: 4000 }), [2])).toEqual({ type: 'close', code: 4000 });
    expect(stepAt(d, [2])).toEqual({ type: 'close' });
  });

  it('appends at the top or into a repeat, and a path that is not a repeat changes nothing', () => {
    const d = doc();
    expect(appendStep(d, { type: 'wait', ms: 3 }, [1]).steps[1]).toMatchObject({ steps: [{ ms: 1 }, { ms: 2 }, { ms: 3 }] });
    expect(appendStep(d, { type: 'wait', ms: 3 }).steps).toHaveLength(4);
    expect(appendStep(d, { type: 'wait', ms: 3 }, [0])).toBe(d);
  });

  it('lists every path depth first and labels them as people count', () => {
    expect(allPaths(doc().steps).map(pathLabel)).toEqual(['1', '2', '2.1', '2.2', '3']);
  });

  it('makes names unique', () => {
    expect(uniqueName('a', ['b'])).toBe('a');
    expect(uniqueName('a', ['a', 'a (2)'])).toBe('a (3)');
  });
});
