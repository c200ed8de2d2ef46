import type { FlowDocument, StepResult, StepStatus } from '../../../lib/flows/types';
import { cn } from '../../../components/ui/cn';
import type { UsersSummary } from '../engine';
import type { RunStatus } from '../run-state';
import { pathLabel, stepAt, stepLabel } from '../utils/flow-edit';

const TONE: Record<StepStatus | RunStatus, string> = {
  idle: 'border-zinc-600 text-zinc-300',
  pending: 'border-zinc-600 text-zinc-300',
  running: 'border-sky-600 text-sky-200',
  passed: 'border-emerald-600 text-emerald-200',
  failed: 'border-rose-600 text-rose-200',
  error: 'border-rose-600 text-rose-200',
  skipped: 'border-zinc-600 text-zinc-400',
  stopped: 'border-amber-600 text-amber-200',
};

export function StatusBadge({ status, iteration }: { status: StepStatus | RunStatus; iteration?: readonly number[] | undefined }) {
  return (
    <span className={cn('shrink-0 rounded border px-1.5 text-[11px] leading-4 font-medium', TONE[status])}>
      {status}
      {iteration && iteration.length > 0 ? ` · iteration ${iteration.map((i) => i + 1).join('.')}` : ''}
    </span>
  );
}

/** What a failed expect wanted, the closest message seen and how they differ. */
export function ResultDetail({ result }: { result: StepResult }) {
  return (
    <div className="flex flex-col gap-1 rounded border border-rose-900 bg-rose-950/30 p-2 text-xs" role="group" aria-label="Step result">
      <p className="text-zinc-100">{result.message}</p>
      <dl className="grid grid-cols-[6.5rem_1fr] gap-x-2 gap-y-0.5">
        {result.expected !== undefined ? (
          <>
            <dt className="text-zinc-400">Expected</dt>
            <dd className="font-mono break-all whitespace-pre-wrap text-zinc-100">{result.expected}</dd>
          </>
        ) : null}
        <dt className="text-zinc-400">Closest seen</dt>
        <dd className="font-mono break-all whitespace-pre-wrap text-zinc-100">{result.closest ?? 'no message'}</dd>
        {result.difference !== undefined ? (
          <>
            <dt className="text-zinc-400">Difference</dt>
            <dd className="font-mono break-all whitespace-pre-wrap text-rose-200">{result.difference}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** Every result in the order it came, repeats' iterations included. */
export function RunProgress({ doc, log }: { doc: FlowDocument; log: readonly StepResult[] }) {
  if (log.length === 0) return null;
  return (
    <ol aria-label="Run progress" className="flex max-h-48 flex-col gap-0.5 overflow-y-auto rounded border border-zinc-800 p-1.5 text-xs">
      {log.map((r, i) => {
        const step = stepAt(doc, r.step);
        return (
          <li key={i} className="flex min-w-0 items-baseline gap-1.5">
            <StatusBadge status={r.status} iteration={r.iteration} />
            <span className="shrink-0 whitespace-nowrap text-zinc-200">
              {pathLabel(r.step)}. {step?.name ?? (step ? stepLabel(step.type) : '')}
            </span>
            <span className="min-w-0 truncate text-zinc-400" title={r.message}>
              {r.message}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const ms = (n: number) => `${Math.round(n)} ms`;

export function UsersView({ summary }: { summary: UsersSummary }) {
  const results = summary.users;
  const spread = summary.spread;
  return (
    <div className="flex flex-col gap-1 text-xs">
      <p className="text-zinc-200">
        {summary.passed} of {results.length} users passed
        {spread ? ` · flow time min ${ms(spread.min)}, median ${ms(spread.median)}, p95 ${ms(spread.p95)}, max ${ms(spread.max)}` : ''}
      </p>
      <table className="w-full text-left" aria-label="Virtual users">
        <thead className="text-zinc-400">
          <tr>
            <th className="font-medium">User</th>
            <th className="font-medium">Result</th>
            <th className="font-medium">Time</th>
            <th className="font-medium">Failure</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.user}>
              <td>{r.user + 1}</td>
              <td>
                <StatusBadge status={r.passed ? 'passed' : r.status === 'stopped' ? 'stopped' : 'failed'} />
              </td>
              <td>{ms(r.durationMs)}</td>
              <td className="text-zinc-400">{r.failure ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
