import { beforeEach, describe, expect, it } from 'vitest';
import { addFlow, addFlowText, duplicateFlow, enableFlowScripts, flowScriptsBlocked, useFlows } from './flow-store';
import type { FlowDocument } from '../../lib/flows/types';

const withScript = { scripts: [{ name: 'maths', source: 'function compute() { return {}; }' }] };

describe('the trust of a flow file’s scripts', () => {
  beforeEach(() => {
    useFlows.setState({ flows: [], selectedFlowId: null, secrets: {} });
  });

  it('keeps an imported flow’s scripts off until enabled; a copy of it stays off', () => {
    const id = addFlowText('From a file', JSON.stringify({ version: 'sockpit-flow/1', name: 'From a file', ...withScript }));
    expect(flowScriptsBlocked(id, withScript)).toBe(true);
    duplicateFlow(id);
    const copy = useFlows.getState().flows.find((f) => f.id !== id);
    expect(copy?.scriptsToReview).toBe(true);
    enableFlowScripts(id);
    expect(flowScriptsBlocked(id, withScript)).toBe(false);
    expect(useFlows.getState().flows.find((f) => f.id === id)).not.toHaveProperty('scriptsToReview');
    expect(copy && flowScriptsBlocked(copy.id, withScript)).toBe(true);
  });

  it('does not block an imported flow without scripts, nor a flow made in the panel', () => {
    const imported = addFlowText('Plain', JSON.stringify({ version: 'sockpit-flow/1', name: 'Plain' }));
    expect(flowScriptsBlocked(imported, {})).toBe(false);
    const made = addFlow({ version: 'sockpit-flow/1', name: 'Mine', connections: [], steps: [], ...withScript } as FlowDocument);
    expect(flowScriptsBlocked(made, withScript)).toBe(false);
  });
});
