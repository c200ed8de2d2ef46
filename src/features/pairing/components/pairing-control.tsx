import { useEffect, useRef, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { pairingRuleOf, setPairingRule } from '../../../store/view-actions';
import type { PairingRule } from '../../../store/types';
import { cn } from '../../../components/ui/cn';
import { fieldDescribedBy } from '../../../components/ui/field';
import { parsePath } from '../../../lib/json-path';
import type { PairingIndex, RttStats } from '../utils/pairing-index';
import { formatRtt } from '../utils/registry';

export type PairingControlProps = { connectionId: ConnectionId; index: PairingIndex | undefined };

const selectClass = 'rounded border border-zinc-700 bg-zinc-900 px-1 py-0.5 text-xs text-zinc-100 focus:border-sky-400 focus:outline-none';

/** The connection's pairing rule (off, JSON-RPC 2.0, or a JSON path) and its round-trip statistics. */
export function PairingControl({ connectionId, index }: PairingControlProps) {
  const rule = useStore((s) => pairingRuleOf(s, connectionId));
  // The path as typed; saved only when it parses, so a half-typed path keeps the last good rule.
  const [path, setPath] = useState(rule.path);
  const id = `pairing-path-${connectionId}`;
  const check = rule.mode === 'path' ? parsePath(path) : null;
  const error = check && !check.ok ? check.error : null;
  // Sorting up to 100,000 round trips is not a per-frame job: at most twice a second.
  const cached = useRef<{ index: PairingIndex | undefined; version: number; at: number; stats: RttStats | null }>(null);
  const now = performance.now();
  const c = cached.current;
  if (!c || c.index !== index || (c.version !== (index?.version ?? 0) && now - c.at > 500)) {
    cached.current = { index, version: index?.version ?? 0, at: now, stats: index?.stats() ?? null };
  }
  const stats = cached.current?.stats ?? null;
  const stale = cached.current?.version !== (index?.version ?? 0);
  const [, redraw] = useState(0);
  useEffect(() => {
    if (!stale) return;
    const t = setTimeout(() => redraw((n) => n + 1), 500);
    return () => clearTimeout(t);
  });

  const update = (next: PairingRule) => setPairingRule(connectionId, next);
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-400">
      <label className="flex items-center gap-1">
        Pairing
        <select className={selectClass} value={rule.mode} onChange={(e) => update({ ...rule, mode: e.target.value as PairingRule['mode'], path })}>
          <option value="auto">Auto (protocol ids)</option>
          <option value="jsonrpc">JSON-RPC 2.0 (id)</option>
          <option value="path">JSON path</option>
          <option value="off">Off</option>
        </select>
      </label>
      {rule.mode === 'path' ? (
        <span className="flex items-center gap-1">
          <label htmlFor={id} className="sr-only">
            Pairing path
          </label>
          <input
            id={id}
            className={cn(selectClass, 'w-28 font-mono aria-[invalid=true]:border-rose-400')}
            value={path}
            placeholder="id"
            onChange={(e) => {
              setPath(e.target.value);
              if (parsePath(e.target.value).ok) update({ mode: 'path', path: e.target.value });
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={fieldDescribedBy(id)}
            spellCheck={false}
          />
          <span id={fieldDescribedBy(id)} className={error ? 'text-rose-300' : 'sr-only'}>
            {error ?? 'A JSON path in sent and received messages, such as id or meta.requestId'}
          </span>
        </span>
      ) : null}
      {rule.mode !== 'off' ? (
        <span className="text-zinc-300 tabular-nums">
          {stats
            ? `RTT min ${formatRtt(stats.min)} · median ${formatRtt(stats.median)} · p95 ${formatRtt(stats.p95)} · ${stats.count.toLocaleString('en-US')} ${stats.count === 1 ? 'pair' : 'pairs'}${stats.sample < stats.count ? ` (last ${stats.sample.toLocaleString('en-US')})` : ''}`
            : 'RTT: no pairs yet'}
        </span>
      ) : null}
    </div>
  );
}
