import { Button } from '../../../components/ui/button';
import { useStore } from '../../../store/store';
import { scriptsAwaitingReview } from '../../../store/scripts-slice';
import { setScriptsOpen, useScriptsUi } from '../scripts-ui';

/** The header's Scripts button: shows or hides the Scripts panel; says when imported scripts wait to be read. */
export function ScriptsToggle() {
  const open = useScriptsUi((s) => s.open);
  const waiting = useStore((s) => scriptsAwaitingReview(s.scripts).length);
  return (
    <Button size="sm" variant={open ? 'primary' : 'ghost'} aria-pressed={open} onClick={() => setScriptsOpen(!open)} title="Scripts: your own decoders, encoders and generators, run in a sandbox">
      Scripts
      {waiting > 0 ? (
        <span className="rounded bg-amber-800 px-1 text-[10px] text-amber-50" aria-label={`${waiting} to review`}>
          {waiting}
        </span>
      ) : null}
    </Button>
  );
}
