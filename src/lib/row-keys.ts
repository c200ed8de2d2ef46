/**
 * Keys for the rows of a window over a list, chosen so that React keeps the
 * rows' elements: a row that stays in view keeps its key, and a row that comes
 * into view takes the key of one that left, so its element is updated in place
 * (its text and offset) instead of one element removed and another created,
 * styled and laid out. A flood followed at its tail then changes the text of a
 * few rows per frame and creates none.
 *
 * Rows are named by their slot: a number that moves with the row, not with the
 * view (a log's seq; an index's position). Keys are small integers, unique
 * within one call's result and below the largest window asked for so far.
 */
export class RowKeys {
  private bySlot = new Map<number, number>();
  /** every key handed out and not in the window now, the lowest last (taken first) */
  private free: number[] = [];
  private next = 0;

  /** The keys of `slots` (distinct), in their order. */
  assign(slots: readonly number[]): number[] {
    const previous = this.bySlot;
    const now = new Map<number, number>();
    const keys = new Array<number>(slots.length);
    let kept = 0;
    for (let i = 0; i < slots.length; i++) {
      const key = previous.get(slots[i] as number);
      if (key === undefined) continue;
      keys[i] = key;
      now.set(slots[i] as number, key);
      kept++;
    }
    if (kept < previous.size) {
      for (const [slot, key] of previous) if (!now.has(slot)) this.free.push(key);
      this.free.sort((a, b) => b - a);
    }
    for (let i = 0; i < slots.length; i++) {
      if (keys[i] !== undefined) continue;
      const key = this.free.pop() ?? this.next++;
      keys[i] = key;
      now.set(slots[i] as number, key);
    }
    this.bySlot = now;
    return keys;
  }
}
