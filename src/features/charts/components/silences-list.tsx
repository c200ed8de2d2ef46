import { useEffect, useMemo } from 'react';
import { Button } from '../../../components/ui/button';
import { topGaps } from './traffic-chart';
import { clockMs, duration } from '../utils/format';
import type { ChartContext } from './chart-context';

/**
 * The longest silences between two received messages (not across a close),
 * longest first; numbered as they are marked on the Traffic chart. Show
 * filters the timeline to the silence and the two messages around it; Go to
 * selects the message that ended it.
 */
export function SilencesList({ ctx }: { ctx: ChartContext }) {
  const gaps = useMemo(() => {
    void ctx.tick;
    return topGaps(ctx);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ctx.logs, ctx.tick]);
  const { register } = ctx;
  useEffect(() => {
    register({
      name: 'silences',
      canvas: () => null,
      csv: () => `${['rank,from,to,from_epoch_ms,to_epoch_ms,length_ms,connection,from_seq,to_seq', ...gaps.map((g, i) => [i + 1, new Date(g.from).toISOString(), new Date(g.to).toISOString(), g.from, g.to, g.ms, g.log.connectionId, g.fromSeq, g.toSeq].join(','))].join('\n')}\n`,
    });
    return () => register(null);
  }, [gaps, register]);
  const longest = gaps[0];
  const summary = longest ? `Longest silence ${duration(longest.ms)}, from ${clockMs(longest.from)} to ${clockMs(longest.to)}.` : 'Fewer than two messages received: no silences yet.';
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <p className="text-xs text-zinc-300">{summary}</p>
      {gaps.length > 0 ? (
        <div className="max-h-64 overflow-auto rounded border border-zinc-800">
          <table className="w-full text-right text-xs tabular-nums" aria-label="Longest silences">
            <caption className="sr-only">Longest silences between received messages, longest first</caption>
            <thead className="sticky top-0 bg-zinc-900 text-zinc-300">
              <tr>
                <th scope="col" className="px-2 py-1 text-left">
                  #
                </th>
                <th scope="col" className="px-2 py-1">
                  Length
                </th>
                <th scope="col" className="px-2 py-1">
                  From
                </th>
                <th scope="col" className="px-2 py-1">
                  To
                </th>
                {ctx.logs.length > 1 ? (
                  <th scope="col" className="px-2 py-1 text-left">
                    Connection
                  </th>
                ) : null}
                <th scope="col" className="px-2 py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((g, i) => (
                <tr key={`${g.log.connectionId}-${g.toSeq}`} className="border-t border-zinc-800">
                  <th scope="row" className="px-2 py-0.5 text-left font-normal">
                    {i + 1}
                  </th>
                  <td className="px-2">{duration(g.ms)}</td>
                  <td className="px-2">{clockMs(g.from)}</td>
                  <td className="px-2">{clockMs(g.to)}</td>
                  {ctx.logs.length > 1 ? <td className="px-2 text-left">{ctx.labelOf(g.log.connectionId)}</td> : null}
                  <td className="flex justify-end gap-1 px-2 py-0.5">
                    <Button size="sm" variant="ghost" aria-label={`Show silence ${i + 1} in the timeline`} onClick={() => ctx.brush(g.from, g.to)}>
                      Show
                    </Button>
                    <Button size="sm" variant="ghost" aria-label={`Go to the message that ended silence ${i + 1}`} onClick={() => ctx.go(g.log, g.toSeq)}>
                      Go to
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
