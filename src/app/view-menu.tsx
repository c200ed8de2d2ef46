import { useStore } from '../store/store';
import { setColumnHidden, setInspectorDock } from '../store/view-actions';
import { TIMELINE_COLUMNS } from '../store/types';
import type { InspectorDock, TimelineColumn } from '../store/types';
import { Popover } from '../components/ui/popover';
import { RadioGroup } from '../components/ui/radio-group';
import { ThemeControls } from '../features/theme/components/theme-controls';
import { COLUMN_LABEL } from '../features/timeline/utils/columns';

const NONE: readonly TimelineColumn[] = [];

const DOCKS: { value: InspectorDock; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'right', label: 'Right' },
  { value: 'bottom', label: 'Bottom' },
];

/** View ▾: theme and text size, where the inspector docks, which timeline columns show. All remembered. */
export function ViewMenu() {
  const dock = useStore((s) => s.preferences.inspectorDock ?? 'auto');
  const hidden = useStore((s) => s.preferences.hiddenColumns ?? NONE);
  return (
    <Popover trigger={<>View ▾</>} title="View" panelClassName="w-80">
      <div className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <span className="text-xs font-medium text-zinc-400">Theme and text</span>
          <ThemeControls />
        </div>
        <div className="flex flex-col gap-1">
          <span className="text-xs font-medium text-zinc-400">Inspector docks</span>
          <RadioGroup legend="Inspector dock" name="inspector-dock" options={DOCKS} value={dock} onChange={setInspectorDock} />
          <span className="text-[11px] text-zinc-400">Auto: right from 1200 px wide, below the timeline on smaller screens.</span>
        </div>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-xs font-medium text-zinc-400">Timeline columns</legend>
          <div className="grid grid-cols-2 gap-1">
            {TIMELINE_COLUMNS.map((c) => (
              <label key={c} className="flex items-center gap-1.5 text-xs text-zinc-200">
                <input type="checkbox" className="accent-sky-500" checked={!hidden.includes(c)} onChange={(e) => setColumnHidden(c, !e.target.checked)} />
                {COLUMN_LABEL[c]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </Popover>
  );
}
