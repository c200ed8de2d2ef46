import { useStore } from '../../../store/store';
import { resetWorkspace } from '../../../store/automate-actions';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';

/** "Reset workspace" behind a dialog that says what will be lost; Cancel is the default. */
export function ResetWorkspace() {
  const dialog = useDialog();
  const connections = useStore((s) => s.connections.length);
  const templates = useStore((s) => s.templates.length);
  const confirm = () => {
    resetWorkspace();
    dialog.close();
  };
  return (
    <>
      <Button size="sm" variant="danger" onClick={dialog.open}>
        Reset workspace…
      </Button>
      <Dialog
        handle={dialog}
        id="reset"
        title="Reset the workspace?"
        describedBy="reset-what"
        size="sm"
        tone="danger"
        footer={
          <>
            <Button autoFocus onClick={dialog.close}>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirm}>
              Reset workspace
            </Button>
          </>
        }
      >
        <p id="reset-what" className="text-sm text-zinc-300">
          This closes and forgets all {connections} {connections === 1 ? 'connection' : 'connections'} with everything they captured, deletes {templates} saved{' '}
          {templates === 1 ? 'message' : 'messages'}, the sent history and drafts, and puts every setting back to its default. Export the workspace first to keep a copy.
        </p>
      </Dialog>
    </>
  );
}
