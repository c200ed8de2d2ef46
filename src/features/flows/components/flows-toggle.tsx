import { Button } from '../../../components/ui/button';
import { setFlowsOpen, useFlows } from '../flow-store';

/** The header's Flows button: shows or hides the Flows panel (remembered). */
export function FlowsToggle() {
  const open = useFlows((s) => s.open);
  return (
    <Button size="sm" variant={open ? 'primary' : 'ghost'} aria-pressed={open} onClick={() => setFlowsOpen(!open)} title="Flows: scripted conversations to write, record and run">
      Flows
    </Button>
  );
}
