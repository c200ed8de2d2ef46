/**
 * N virtual users (up to 50) running one flow in parallel for a quick load
 * check in the browser: per-user pass/fail and the spread of flow and step
 * durations. For real load, export the flow to Artillery (lib/flows/artillery.ts).
 */
import type { FlowDocument, StepResult } from '../../lib/flows/types';
import { runFlow } from './engine';
import type { FlowRun, RunOptions, RunStatus } from './engine';
import { spreadOf } from './timing';
import type { Spread } from './timing';

export const MAX_USERS = 50;

export interface UserResult {
  /** 0-based; the flow sees it as {{user}} */
  user: number;
  status: RunStatus;
  durationMs: number;
  failure?: StepResult;
  run: FlowRun;
}

export interface UsersRun {
  users: UserResult[];
  passed: number;
  failed: number;
  stopped: number;
  /** durations of whole flows (users whose flow passed) */
  flow?: Spread;
  /** durations of each passed step, by path ("2", "3.0"), every iteration a sample */
  steps: Record<string, Spread>;
}

export interface UsersOptions extends Omit<RunOptions, 'onStep' | 'only' | 'connections'> {
  onStep?: (user: number, result: StepResult) => void;
  onUser?: (result: UserResult) => void;
}

export async function runUsers(doc: FlowDocument, n: number, options: UsersOptions): Promise<UsersRun> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_USERS) throw new RangeError(`users must be a whole number from 1 to ${MAX_USERS}; got ${n}`);
  const { onStep, onUser, ...rest } = options;
  const users = await Promise.all(
    Array.from({ length: n }, async (_, user): Promise<UserResult> => {
      const run = await runFlow(doc, {
        ...rest,
        variables: { ...options.variables, user: String(user) },
        ...(onStep ? { onStep: (r: StepResult) => onStep(user, r) } : {}),
      });
      const result: UserResult = { user, status: run.status, durationMs: run.endedAt - run.startedAt, run, ...(run.failure ? { failure: run.failure } : {}) };
      onUser?.(result);
      return result;
    }),
  );
  const byStep = new Map<string, number[]>();
  for (const u of users) {
    for (const s of u.run.steps) {
      if (s.status !== 'passed') continue;
      const k = s.step.join('.');
      const list = byStep.get(k) ?? [];
      list.push(s.endedAt - s.startedAt);
      byStep.set(k, list);
    }
  }
  const steps: Record<string, Spread> = {};
  for (const [k, v] of byStep) {
    const s = spreadOf(v);
    if (s) steps[k] = s;
  }
  const flow = spreadOf(users.filter((u) => u.status === 'passed').map((u) => u.durationMs));
  return {
    users,
    passed: users.filter((u) => u.status === 'passed').length,
    failed: users.filter((u) => u.status === 'failed' || u.status === 'invalid').length,
    stopped: users.filter((u) => u.status === 'stopped').length,
    ...(flow ? { flow } : {}),
    steps,
  };
}
