import { useStore } from '../../../store/store';
import { setFilter } from '../../../store/view-actions';
import type { DirectionFilter, KindFilter, PayloadFilter, TimelineFilter } from '../../../store/types';
import { ChipGroup } from '../../../components/ui/chip-group';
import { Popover } from '../../../components/ui/popover';

const DIRECTIONS: { key: DirectionFilter; label: string }[] = [
  { key: 'out', label: 'Sent' },
  { key: 'in', label: 'Received' },
];
const KINDS: { key: KindFilter; label: string }[] = [
  { key: 'open', label: 'Open' },
  { key: 'message', label: 'Message' },
  { key: 'error', label: 'Error' },
  { key: 'close', label: 'Close' },
  { key: 'note', label: 'Note' },
];
const PAYLOADS: { key: PayloadFilter; label: string }[] = [
  { key: 'text', label: 'Text' },
  { key: 'json', label: 'JSON' },
  { key: 'binary', label: 'Binary' },
];

/** How many of the direction, kind and payload boxes are unticked. */
export function hiddenCount(f: TimelineFilter): number {
  return [f.directions, f.kinds, f.payloads].reduce((n, group) => n + Object.values(group).filter((v) => !v).length, 0);
}

export type FilterChipsProps = { badge: number };

/** The Filters panel: direction, kind and payload, each group one tab stop. */
export function FilterChips({ badge }: FilterChipsProps) {
  const f = useStore((s) => s.filter);
  return (
    <Popover
      title="Filters"
      label={badge > 0 ? `Filters, ${badge} hidden` : 'Filters'}
      className="border border-zinc-700"
      trigger={
        <>
          Filters
          {badge > 0 ? <span className="rounded-full bg-sky-700 px-1.5 text-[10px] text-white tabular-nums">{badge}</span> : null}
          <span aria-hidden="true">▾</span>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <ChipGroup legend="Direction" options={DIRECTIONS} checked={f.directions} onChange={(k, v) => setFilter({ directions: { ...f.directions, [k]: v } })} />
        <ChipGroup legend="Kind" options={KINDS} checked={f.kinds} onChange={(k, v) => setFilter({ kinds: { ...f.kinds, [k]: v } })} />
        <ChipGroup legend="Payload" options={PAYLOADS} checked={f.payloads} onChange={(k, v) => setFilter({ payloads: { ...f.payloads, [k]: v } })} />
        <label className="flex items-center gap-2 text-xs text-zinc-300">
          <input type="checkbox" checked={f.heartbeats === true} onChange={(e) => setFilter({ heartbeats: e.target.checked })} />
          Show heartbeats
        </label>
        <p className="text-xs text-zinc-400">
          Protocol keep-alives (Engine.IO ping/pong, MQTT PINGREQ, STOMP heart-beats, …) are captured and counted, and hidden unless this is on. Type <span className="font-mono">field:value</span> in the filter to match decoded fields, e.g. <span className="font-mono">event:chat</span> or <span className="font-mono">topic:sensors/t</span>.
        </p>
      </div>
    </Popover>
  );
}
