import { useId } from 'react';
import { useStore } from '../../../store/store';
import { setActiveEnvironment, setEnvironments, setRememberEnvSecrets } from '../../../store/environment-actions';
import { Popover } from '../../../components/ui/popover';
import { Button } from '../../../components/ui/button';
import { EnvironmentsDialog } from '../../../components/ui/environments-dialog';
import { openDialog } from '../../../components/ui/dialog-openers';
import { SECRET_MASK } from '../../../lib/environments';
import { cn } from '../../../components/ui/cn';

/**
 * "Env: local ▾" in the header: the environment whose variables fill
 * `{{name}}` in connection URLs, composer messages and flows, and the
 * Environments dialog (also the palette's "Edit environments…").
 */
export function EnvironmentPicker() {
  const environments = useStore((s) => s.environments);
  const active = useStore((s) => s.activeEnvironment);
  const remember = useStore((s) => s.rememberEnvSecrets);
  const playground = useStore((s) => s.playground);
  const name = useId();
  const env = environments.find((e) => e.name === active);
  const choices = [{ value: '', label: 'No environment' }, ...environments.map((e) => ({ value: e.name, label: e.name }))];
  return (
    <>
      <Popover
        trigger={
          <>
            Env: <span className={cn('max-w-28 truncate', env ? 'text-sky-300' : 'text-zinc-400')}>{env ? env.name : 'none'}</span> ▾
          </>
        }
        label={`Environment: ${env ? env.name : 'none'}`}
        title="Environment"
        align="right"
        panelClassName="flex w-72 flex-col gap-2"
      >
        {(close) => (
          <>
            <fieldset className="flex flex-col gap-1">
              <legend className="mb-1 text-xs font-semibold text-zinc-300">Environment in use</legend>
              {choices.map((c) => (
                <label key={c.value} className="flex items-center gap-2 rounded px-1 py-0.5 text-xs text-zinc-200 hover:bg-zinc-800">
                  <input
                    type="radio"
                    name={name}
                    value={c.value}
                    checked={(active ?? '') === c.value}
                    onChange={() => setActiveEnvironment(c.value === '' ? null : c.value)}
                    className="accent-sky-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
                  />
                  {c.label}
                </label>
              ))}
            </fieldset>
            {env ? (
              <dl aria-label={`Variables of ${env.name}`} className="grid max-h-40 grid-cols-[auto_minmax(0,1fr)] gap-x-2 overflow-y-auto font-mono text-[11px]">
                {Object.entries(env.variables).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-zinc-400">{`{{${k}}}`}</dt>
                    <dd className="truncate text-zinc-200">{v.secret ? SECRET_MASK : v.value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-xs text-zinc-400">Variables fill {'{{name}}'} in URLs, subprotocols, messages and flows.</p>
            )}
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                close();
                openDialog('environments');
              }}
            >
              Edit environments…
            </Button>
          </>
        )}
      </Popover>
      <EnvironmentsDialog
        id="app-environments"
        noTrigger
        openerName="environments"
        environments={environments}
        onSave={setEnvironments}
        remember={remember}
        onRemember={setRememberEnvSecrets}
        exampleBase={playground ?? 'ws://127.0.0.1:8787'}
        description={
          <>
            The app's environments: the one chosen in Env ▾ fills {'{{name}}'} in connection URLs and subprotocols, composer messages and flows (a flow's own environments add to it). Secret values are masked on screen, left out of exports and links unless you include them, and kept out of this browser's storage unless you remember them.
          </>
        }
      />
    </>
  );
}
