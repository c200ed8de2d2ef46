import type { ConnectionId } from '../lib/ids';
import type { MergedView, PairingRule, SelectedEvent, TimeFormat, TimelineFilter } from './types';

/**
 * Store slice for inspecting, searching and correlating: the selected event,
 * the timeline filter, the time format, the merged view and pairing rules.
 * Everything but the selection persists; values read back from storage are
 * checked by `normalizeInspect` (see view-actions.ts) before use.
 */
export interface InspectSlice {
  selectedEvent: SelectedEvent | null;
  /** the rows selected in the timeline, as seq ranges on one connection (lib/row-selection.ts); not persisted */
  rowSelection: RowSelection | null;
  filter: TimelineFilter;
  timeFormat: TimeFormat;
  merged: MergedView;
  pairing: Partial<Record<ConnectionId, PairingRule>>;
  /** width of the inspector panel in CSS pixels, docked right */
  inspectorWidth: number;
  /** height of the inspector panel in CSS pixels, docked at the bottom */
  inspectorHeight: number;
}

import { EMPTY_FILTER } from '../lib/filter/types';
import type { RowSelection } from '../lib/row-selection';

export { EMPTY_FILTER };

export const DEFAULT_PAIRING: PairingRule = { mode: 'auto', path: 'id' };

export const DEFAULT_INSPECTOR_WIDTH = 600;
export const DEFAULT_INSPECTOR_HEIGHT = 260;
/** Neither the timeline nor the inspector can be crushed below these. */
export const MIN_INSPECTOR_WIDTH = 280;
export const MIN_INSPECTOR_HEIGHT = 200;

export function createInspectSlice(): InspectSlice {
  return {
    selectedEvent: null,
    rowSelection: null,
    filter: EMPTY_FILTER,
    timeFormat: 'clock',
    merged: { active: false, all: false, ids: [] },
    pairing: {},
    inspectorWidth: DEFAULT_INSPECTOR_WIDTH,
    inspectorHeight: DEFAULT_INSPECTOR_HEIGHT,
  };
}

export function persistedInspect(s: InspectSlice): Omit<InspectSlice, 'selectedEvent' | 'rowSelection'> {
  return { filter: s.filter, timeFormat: s.timeFormat, merged: s.merged, pairing: s.pairing, inspectorWidth: s.inspectorWidth, inspectorHeight: s.inspectorHeight };
}

// ---------------------------------------------------------------------------
// Checking what comes back from localStorage (it may be old, partial or edited by hand).

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

function flags<K extends string>(value: unknown, defaults: Record<K, boolean>): Record<K, boolean> {
  const out = { ...defaults };
  if (!isObject(value)) return out;
  for (const k of Object.keys(defaults) as K[]) {
    const v = value[k];
    if (typeof v === 'boolean') out[k] = v;
  }
  return out;
}

export function normalizeFilter(value: unknown): TimelineFilter {
  if (!isObject(value)) return EMPTY_FILTER;
  return {
    query: typeof value.query === 'string' ? value.query : '',
    regex: value.regex === true,
    caseSensitive: value.caseSensitive === true,
    directions: flags(value.directions, EMPTY_FILTER.directions),
    kinds: flags(value.kinds, EMPTY_FILTER.kinds),
    payloads: flags(value.payloads, EMPTY_FILTER.payloads),
    ...(value.heartbeats === true ? { heartbeats: true } : {}),
  };
}

export function normalizeTimeFormat(value: unknown): TimeFormat {
  return value === 'since-open' || value === 'since-previous' ? value : 'clock';
}

export function normalizePairingRule(value: unknown): PairingRule {
  if (!isObject(value)) return DEFAULT_PAIRING;
  const mode = value.mode === 'off' || value.mode === 'path' || value.mode === 'jsonrpc' || value.mode === 'auto' ? value.mode : DEFAULT_PAIRING.mode;
  return { mode, path: typeof value.path === 'string' ? value.path : DEFAULT_PAIRING.path };
}

/** The inspect slice with anything malformed replaced by defaults. */
export function normalizeInspect(s: Partial<Record<keyof InspectSlice, unknown>>): Omit<InspectSlice, 'selectedEvent' | 'rowSelection'> {
  const merged = isObject(s.merged) ? s.merged : {};
  const pairing: Partial<Record<ConnectionId, PairingRule>> = {};
  if (isObject(s.pairing)) {
    for (const [id, rule] of Object.entries(s.pairing)) pairing[id as ConnectionId] = normalizePairingRule(rule);
  }
  const width = typeof s.inspectorWidth === 'number' && Number.isFinite(s.inspectorWidth) ? s.inspectorWidth : DEFAULT_INSPECTOR_WIDTH;
  const height = typeof s.inspectorHeight === 'number' && Number.isFinite(s.inspectorHeight) ? s.inspectorHeight : DEFAULT_INSPECTOR_HEIGHT;
  return {
    filter: normalizeFilter(s.filter),
    timeFormat: normalizeTimeFormat(s.timeFormat),
    merged: {
      active: merged.active === true,
      all: merged.all === true,
      ids: Array.isArray(merged.ids) ? merged.ids.filter((x): x is ConnectionId => typeof x === 'string') : [],
    },
    pairing,
    inspectorWidth: Math.min(2000, Math.max(240, width)),
    inspectorHeight: Math.min(2000, Math.max(MIN_INSPECTOR_HEIGHT, height)),
  };
}

/** What removing connection `id` changes in this slice. */
export function forgetInInspect(s: InspectSlice, id: ConnectionId): Pick<InspectSlice, 'selectedEvent' | 'rowSelection' | 'merged' | 'pairing'> {
  const pairing = { ...s.pairing };
  delete pairing[id];
  return {
    selectedEvent: s.selectedEvent?.connectionId === id ? null : s.selectedEvent,
    rowSelection: s.rowSelection?.connectionId === id ? null : s.rowSelection,
    merged: s.merged.ids.includes(id) ? { ...s.merged, ids: s.merged.ids.filter((x) => x !== id) } : s.merged,
    pairing,
  };
}
