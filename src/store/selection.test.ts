import { beforeEach, describe, expect, it } from 'vitest';
import { asConnectionId } from '../lib/ids';
import { useStore } from './store';
import { extendSelection, selectEvent, toggleSelection } from './view-actions';

const A = asConnectionId('c-a');
const B = asConnectionId('c-b');

beforeEach(() => useStore.setState({ selectedEvent: null, rowSelection: null }));

describe('the timeline selection in the store', () => {
  it('click selects one row, Shift extends from it, Ctrl toggles, and the inspector follows each click', () => {
    selectEvent({ connectionId: A, seq: 4 });
    expect(useStore.getState().rowSelection).toEqual({ connectionId: A, anchor: 4, ranges: [[4, 4]] });
    extendSelection({ connectionId: A, seq: 9 });
    expect(useStore.getState()).toMatchObject({ selectedEvent: { connectionId: A, seq: 9 }, rowSelection: { anchor: 4, ranges: [[4, 9]] } });
    toggleSelection({ connectionId: A, seq: 6 });
    expect(useStore.getState()).toMatchObject({ selectedEvent: { connectionId: A, seq: 6 }, rowSelection: { anchor: 6, ranges: [[4, 5], [7, 9]] } });
    // Clicking the inspected row again makes it the only one.
    selectEvent({ connectionId: A, seq: 6 });
    expect(useStore.getState().rowSelection?.ranges).toEqual([[6, 6]]);
  });

  it('Shift or Ctrl on a row of another connection selects that row alone; null clears both', () => {
    selectEvent({ connectionId: A, seq: 1 });
    extendSelection({ connectionId: B, seq: 5 });
    expect(useStore.getState().rowSelection).toEqual({ connectionId: B, anchor: 5, ranges: [[5, 5]] });
    toggleSelection({ connectionId: A, seq: 2 });
    expect(useStore.getState().rowSelection).toEqual({ connectionId: A, anchor: 2, ranges: [[2, 2]] });
    toggleSelection({ connectionId: A, seq: 2 });
    expect(useStore.getState().rowSelection).toBeNull();
    selectEvent({ connectionId: A, seq: 3 });
    selectEvent(null);
    expect(useStore.getState()).toMatchObject({ selectedEvent: null, rowSelection: null });
  });
});
