import { useStore } from '../../../store/store';
import { Button } from '../../../components/ui/button';
import { setLearn } from '../toggle';

/** Teaching mode on or off; off by default and remembered. */
export function LearnToggle() {
  const learn = useStore((s) => s.preferences.learn === true);
  return (
    <Button size="sm" variant={learn ? 'primary' : 'ghost'} aria-pressed={learn} onClick={() => setLearn(!learn)} title="Teaching mode: code, lifecycle, explanations and lessons">
      Learn
    </Button>
  );
}
