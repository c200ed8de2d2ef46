import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import type { ParseOutcome } from '../engine';
import type { SavedFlow } from '../flow-store';
import { startRun, startUsers, stopRun, stopUsers, useFlowRun } from '../run-state';
import { NumberInput } from '../../../components/ui/small-inputs';
import { RunProgress, StatusBadge, UsersView } from './run-view';

const SUMMARY: Record<string, string> = {
  running: 'Running…',
  passed: 'Passed',
  failed: 'Failed',
  stopped: 'Stopped',
  error: 'Could not run',
};

/** Run (Run again once a run has taken a step), Stop; the run's status and progress; N virtual users. */
export function RunBar({ flow, parsed, variables, secrets }: { flow: SavedFlow; parsed: ParseOutcome; variables: Record<string, string>; secrets: readonly string[] }) {
  const run = useFlowRun();
  const [users, setUsers] = useState<number | undefined>(5);
  const [usersValid, setUsersValid] = useState(true);
  const mine = run.flowId === flow.id;
  const running = run.status === 'running';
  const blocked = !parsed.ok ? `Run is off until the flow has no problems (${parsed.issues.length})` : undefined;
  const passedCount = mine ? run.log.filter((r) => r.status === 'passed').length : 0;
  const failedCount = mine ? run.log.filter((r) => r.status === 'failed').length : 0;
  const usersRunning = run.users?.status === 'running';
  return (
    <div className="flex flex-col gap-2 rounded-md border border-zinc-800 p-2">
      <div className="flex flex-wrap items-center gap-1.5">
        <Button size="sm" variant="primary" disabled={!parsed.ok || running} title={blocked} onClick={() => parsed.ok && void startRun(flow.id, parsed.doc, variables, undefined, secrets)}>
          {mine && run.log.length > 0 && !running ? 'Run again' : 'Run'}
        </Button>
        <Button size="sm" variant="danger" disabled={!running} onClick={stopRun}>
          Stop
        </Button>
        {mine && run.status !== 'idle' ? (
          <p role="status" className="flex items-center gap-1.5 text-xs text-zinc-200">
            <StatusBadge status={run.status} />
            {SUMMARY[run.status]} · {passedCount} passed, {failedCount} failed
          </p>
        ) : (
          <p role="status" className="text-xs text-zinc-400">
            {blocked ?? 'Ready'}
          </p>
        )}
      </div>
      {mine && run.error ? (
        <p className="text-xs text-rose-300" role="alert">
          {run.error}
        </p>
      ) : null}
      {mine && parsed.ok ? <RunProgress doc={parsed.doc} log={run.log} /> : null}
      <details className="text-xs">
        <summary className="cursor-pointer text-zinc-300 focus-visible:outline-2 focus-visible:outline-sky-400">Virtual users</summary>
        <div className="mt-2 flex flex-col gap-2">
          <div className="flex items-end gap-1.5">
            <NumberInput label="Users (1–50)" value={users} min={1} max={50} onChange={setUsers} onValidity={setUsersValid} className="w-28" />
            <Button size="sm" disabled={!parsed.ok || users === undefined || !usersValid || usersRunning} onClick={() => parsed.ok && users !== undefined && void startUsers(parsed.doc, users, variables)}>
              {usersValid && users !== undefined ? `Run ${users} users` : 'Run users'}
            </Button>
            <Button size="sm" variant="ghost" disabled={!usersRunning} onClick={stopUsers}>
              Stop users
            </Button>
          </div>
          {run.users ? (
            <p role="status" className="text-zinc-300">
              <StatusBadge status={run.users.status} /> {run.users.n} users{run.users.error ? `: ${run.users.error}` : ''}
            </p>
          ) : null}
          {run.users?.results ? <UsersView summary={run.users.results} /> : null}
        </div>
      </details>
    </div>
  );
}
