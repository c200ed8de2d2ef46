import type { ConnectionId } from '../lib/ids';
import { useStore } from './store';
import type { SockpitState } from './store';
import { extendTo, isSelected, selectedCount, selectOnly, toggle } from '../lib/row-selection';
import { DEFAULT_PAIRING, EMPTY_FILTER, MIN_INSPECTOR_HEIGHT, normalizeInspect } from './inspect-slice';
import type { InspectorDock, MergedView, PairingRule, Preferences, SelectedEvent, TimeFormat, TimelineColumn, TimelineFilter, TimeRange } from './types';

/**
 * Actions of the inspect, search and correlate features: which event is
 * selected, the timeline filter, the time format, the merged view and the
 * pairing rules. Components call these; they only touch the store.
 */

const { setState, getState } = useStore;

/** Replaces anything malformed that came back from localStorage; call once at boot. */
export function repairInspectState(): void {
  setState((s) => normalizeInspect(s));
}

/** Selects one event (the inspector shows it) and makes it the whole row selection; null clears both. */
export function selectEvent(selected: SelectedEvent | null): void {
  const { selectedEvent: current, rowSelection } = getState();
  const same = current === selected || (current && selected && current.connectionId === selected.connectionId && current.seq === selected.seq);
  const single = selected === null ? rowSelection === null : selectedCount(rowSelection) === 1 && isSelected(rowSelection, selected.connectionId, selected.seq);
  if (same && single) return;
  setState({ selectedEvent: selected, rowSelection: selected ? selectOnly(selected.connectionId, selected.seq) : null });
}

/** Shift+click, Shift+↑/↓: the rows from the anchor to this one (on another connection: this one alone); the inspector follows. */
export function extendSelection(to: SelectedEvent): void {
  const sel = getState().rowSelection;
  if (!sel || sel.connectionId !== to.connectionId) return selectEvent(to);
  setState({ selectedEvent: to, rowSelection: extendTo(sel, to.seq) });
}

/** Ctrl/⌘+click: this row in or out of the selection; the inspector follows the click. */
export function toggleSelection(at: SelectedEvent): void {
  const sel = getState().rowSelection;
  if (!sel || sel.connectionId !== at.connectionId) return selectEvent(at);
  const next = toggle(sel, at.seq);
  setState({ selectedEvent: at, rowSelection: next.ranges.length > 0 ? next : null });
}

export function setFilter(patch: Partial<TimelineFilter>): void {
  setState((s) => ({ filter: { ...s.filter, ...patch } }));
}

export function clearFilter(): void {
  setState({ filter: EMPTY_FILTER });
}

export function setTimeFormat(timeFormat: TimeFormat): void {
  setState({ timeFormat });
}

export function setInspectorWidth(width: number): void {
  setState({ inspectorWidth: Math.round(Math.min(2000, Math.max(240, width))) });
}

export function setInspectorHeight(height: number): void {
  setState({ inspectorHeight: Math.round(Math.min(2000, Math.max(MIN_INSPECTOR_HEIGHT, height))) });
}

function setPreference(patch: Partial<Preferences>): void {
  setState((s) => ({ preferences: { ...s.preferences, ...patch } }));
}

export function setInspectorDock(inspectorDock: InspectorDock): void {
  setPreference({ inspectorDock });
}

/** Opens or closes the Charts view above the timeline. */
export function setChartsOpen(charts: boolean): void {
  setPreference({ charts });
}

/** Shows only the events in [from, to] (a range brushed on a chart); undefined shows every time again. */
export function setTimeRange(timeRange: TimeRange | undefined): void {
  setState((s) => {
    const { timeRange: _old, ...rest } = s.filter;
    return { filter: timeRange ? { ...rest, timeRange } : rest };
  });
}

export function setComposerCollapsed(composerCollapsed: boolean): void {
  setPreference({ composerCollapsed });
}

/** Presentation mode: no sidebar or tool panels, large text, timeline and explanation side by side. */
export function setPresentation(presentation: boolean): void {
  setPreference(presentation ? { presentation, learn: true } : { presentation });
}

export function setColumnHidden(column: TimelineColumn, hidden: boolean): void {
  setState((s) => {
    const current = s.preferences.hiddenColumns ?? [];
    const hiddenColumns = hidden ? [...new Set([...current, column])] : current.filter((c) => c !== column);
    return { preferences: { ...s.preferences, hiddenColumns } };
  });
}

export function setMerged(patch: Partial<MergedView>): void {
  setState((s) => ({ merged: { ...s.merged, ...patch } }));
}

/** The connections a merged view shows, in the order of the connection list. */
export function mergedIds(s: Pick<SockpitState, 'connections' | 'merged'>): ConnectionId[] {
  if (s.merged.all) return s.connections.map((c) => c.id);
  return s.connections.filter((c) => s.merged.ids.includes(c.id)).map((c) => c.id);
}

export function pairingRuleOf(s: Pick<SockpitState, 'pairing'>, id: ConnectionId): PairingRule {
  return s.pairing[id] ?? DEFAULT_PAIRING;
}

export function setPairingRule(id: ConnectionId, rule: PairingRule): void {
  setState((s) => ({ pairing: { ...s.pairing, [id]: rule } }));
}
