import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cn } from '../../../components/ui/cn';
import { isUnsafeNumber, nodeSummary, treeRows } from '../utils/json-tree';
import type { JsonNode, TreeRow } from '../utils/json-tree';
import { CopyButton } from '../../../components/ui/copy-button';

const ROW_HEIGHT = 20;
/** Indentation stops growing here; the level number still shows. */
const MAX_INDENT = 40;

const valueClass: Record<JsonNode['kind'], string> = {
  object: 'text-zinc-400',
  array: 'text-zinc-400',
  string: 'text-emerald-300',
  number: 'text-sky-300',
  boolean: 'text-violet-300',
  null: 'text-zinc-400 italic',
  deep: 'text-amber-200',
};

export type JsonTreeViewProps = { root: JsonNode; depthLimited: boolean; maxDepth: number };

function keyText(row: TreeRow): string {
  if (row.key === null) return '$';
  return typeof row.key === 'number' ? `[${row.key}]` : row.key;
}

/**
 * A collapsible tree of the parsed message, virtualized: a 100,000-item
 * array is as quick to open as a small one. Keys are text, always. The
 * path of the active row is shown above and can be copied. Keyboard: ↑/↓
 * move, → opens, ← closes (or goes to the parent), Enter toggles.
 */
export function JsonTreeView({ root, depthLimited, maxDepth }: JsonTreeViewProps) {
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());
  const [active, setActive] = useState(0);
  const rows = useMemo(() => treeRows(root, toggled), [root, toggled]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.path ?? i,
    overscan: 20,
  });
  const current = rows[Math.min(active, rows.length - 1)];
  const idBase = 'json-tree';

  const toggle = (path: string) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const moveTo = (i: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, i));
    setActive(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[active];
    if (!row) return;
    const container = row.node.kind === 'object' || row.node.kind === 'array';
    if (e.key === 'ArrowDown') moveTo(active + 1);
    else if (e.key === 'ArrowUp') moveTo(active - 1);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(rows.length - 1);
    else if (e.key === 'ArrowRight' && container && !row.expanded) toggle(row.path);
    else if (e.key === 'ArrowLeft' && container && row.expanded) toggle(row.path);
    else if (e.key === 'ArrowLeft') {
      for (let i = active - 1; i >= 0; i--) if ((rows[i]?.depth ?? 0) < row.depth) return moveTo(i);
    } else if ((e.key === 'Enter' || e.key === ' ') && container) toggle(row.path);
    else return;
    e.preventDefault();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-2 border-b border-zinc-800 px-3 py-1 text-xs">
        <span className="text-zinc-400">Path</span>
        <code className="min-w-0 flex-1 truncate text-zinc-100" aria-label="Path of the active row">
          {current?.path ?? '$'}
        </code>
        <CopyButton variant="ghost" label="Copy path" text={() => current?.path ?? '$'} />
      </div>
      {depthLimited ? (
        <p className="border-b border-zinc-800 px-3 py-1 text-xs text-amber-200">Nested deeper than {maxDepth} levels: the deepest parts are shown as raw text.</p>
      ) : null}
      <div
        ref={scrollRef}
        role="tree"
        aria-label="JSON tree"
        aria-activedescendant={`${idBase}-${active}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="min-h-0 flex-1 overflow-auto py-1 font-mono text-xs focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const container = row.node.kind === 'object' || row.node.kind === 'array';
            const unsafe = row.node.kind === 'number' && isUnsafeNumber(row.node.raw);
            return (
              <div
                key={item.key}
                id={`${idBase}-${item.index}`}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-expanded={container ? row.expanded : undefined}
                aria-selected={item.index === active}
                title={row.path}
                onClick={() => setActive(item.index)}
                className={cn('absolute left-0 flex w-full items-center gap-1 pr-3 whitespace-pre', item.index === active && 'bg-sky-950')}
                style={{ top: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, paddingLeft: 8 + Math.min(row.depth, MAX_INDENT) * 14 }}
              >
                {container ? (
                  <button
                    type="button"
                    tabIndex={-1}
                    aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${row.path}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      setActive(item.index);
                      toggle(row.path);
                    }}
                    className="w-4 shrink-0 text-zinc-400 hover:text-zinc-50"
                  >
                    {row.expanded ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="w-4 shrink-0" />
                )}
                {row.depth > MAX_INDENT ? <span className="text-[10px] text-zinc-400">L{row.depth}</span> : null}
                <span className="text-rose-200">{keyText(row)}</span>
                <span className="text-zinc-400">:</span>{' '}
                <span className={valueClass[row.node.kind]}>{nodeSummary(row.node)}</span>
                {unsafe ? <span className="text-[10px] text-amber-300">(beyond double precision; shown as sent)</span> : null}
                {row.node.kind === 'deep' ? <span className="text-[10px] text-amber-300">(raw, too deep)</span> : null}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
