import type { Environment } from '../../../lib/flows/types';
import { EnvironmentsDialog as SharedDialog } from '../../../components/ui/environments-dialog';
import { setRememberSecrets, useFlows } from '../flow-store';

/** A flow file's own environments (the CLI's --env NAME reads them), edited in the shared Environments dialog. */
export function EnvironmentsDialog({ environments, onSave }: { environments: readonly Environment[]; onSave: (envs: Environment[]) => void }) {
  const remember = useFlows((s) => s.rememberSecrets);
  return (
    <SharedDialog
      id="flow-environments"
      environments={environments}
      onSave={onSave}
      remember={remember}
      onRemember={setRememberSecrets}
      description={
        <>
          Saved in the flow, so the CLI's --env NAME uses them too; they add to the app's environment (Env ▾ in the header). Variables fill {'{{name}}'} in URLs and messages. Secret values are masked, emptied in exports unless you include them, and kept out of this browser's storage unless you remember them.
        </>
      }
    />
  );
}
