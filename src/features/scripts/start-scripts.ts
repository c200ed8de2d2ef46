import { useStore } from '../../store/store';
import { onRunnableScripts, setScriptFunctions } from '../../store/scripts-actions';
import type { ScriptLimits } from '../../store/types';
import { checkScript } from './utils/script-runner';

/**
 * Connects the scripts in the store to the sandbox (docs/user-code.md):
 * the runnable ones (enabled and reviewed) go to the decode layer, each is
 * checked once per source so Decode as and the composer know what it
 * defines, and Settings' limits go to the sandbox. The sandbox's client (and
 * so its Worker) is fetched only once there is a script to run or a limit
 * set: the first screen never pays for it.
 */

let started = false;

const sandbox = () => import('../../services/sandbox/sandbox-client').then((m) => m.getSandbox());
const decodeService = () => import('../../services/decode/decode-service');

function toSandbox(l: ScriptLimits) {
  return { callMs: l.timeMs, setupMs: l.setupMs, memoryBytes: l.memoryMiB * 1024 * 1024 };
}

export function startScripts(): void {
  if (started) return;
  started = true;
  let limits: ScriptLimits | undefined;
  const applyLimits = (l: ScriptLimits | undefined) => {
    if (l === limits) return;
    limits = l;
    // Unset: the sandbox keeps its defaults (the same as DEFAULT_SCRIPT_LIMITS), and is not fetched for nothing.
    if (l) void sandbox().then((api) => api.setLimits(toSandbox(l)));
  };
  applyLimits(useStore.getState().preferences.scriptLimits);
  useStore.subscribe((s) => applyLimits(s.preferences.scriptLimits));

  const checked = new Map<string, string>();
  onRunnableScripts((runnable) => {
    void decodeService().then((m) => m.setUserScripts(runnable));
    if (runnable.length === 0) return;
    void sandbox().then(async (api) => {
      for (const s of runnable) {
        if (checked.get(s.id) === s.source) continue;
        checked.set(s.id, s.source);
        const r = await checkScript(api, s.id, s.name, s.source);
        setScriptFunctions(s.id, r.ok ? r.functions : []);
      }
    });
  });
}
