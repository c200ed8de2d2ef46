import { Suspense, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ConnectionId } from '../lib/ids';
import { useStore } from '../store/store';
import { templatesFor } from '../store/automate-actions';
import { setComposerCollapsed } from '../store/view-actions';
import { cn } from '../components/ui/cn';
import { IconButton } from '../components/ui/icon-button';
import { Composer } from '../features/composer/components/composer';
import { ClosePanel } from '../features/composer/components/close-panel';
import { ReconnectPanel, RepeatPanel, ScriptComposer, TemplatesPanel } from './lazy-parts';
import { scriptIdOf } from '../store/scripts-slice';
import { useShallow } from 'zustand/react/shallow';
import { ReadOnlyPanel } from '../features/export/components/read-only-panel';
import { ProtocolComposer } from '../features/composer/components/protocol-composer';
import { useDecodeStatus } from '../store/decode';
import { lensInfo } from '../lib/decode/registry';

export type ConnectionToolsProps = { connectionId: ConnectionId };

type Tab = 'message' | 'protocol' | 'script' | 'templates' | 'repeat' | 'reconnect';
const ALL_TABS: Tab[] = ['message', 'protocol', 'script', 'templates', 'repeat', 'reconnect'];
const LABELS: Record<Tab, string> = { message: 'Message', protocol: 'Protocol', script: 'Script', templates: 'Saved messages', repeat: 'Repeat', reconnect: 'Auto-reconnect' };

/**
 * Under the timeline: one line of tabs (message, saved messages, repeat,
 * auto-reconnect) with close(code, reason) and the collapse control, then the
 * chosen tab. Collapsed, only the line shows (remembered). An imported
 * timeline gets its read-only panel instead.
 */
export function ConnectionTools({ connectionId }: ConnectionToolsProps) {
  const imported = useStore((s) => s.connections.find((c) => c.id === connectionId)?.source === 'import');
  const templateCount = useStore((s) => templatesFor(s.templates, connectionId).length);
  const repeating = useStore((s) => s.repeats[connectionId] !== undefined);
  const auto = useStore((s) => s.connections.find((c) => c.id === connectionId)?.autoReconnect?.enabled === true);
  const collapsed = useStore((s) => s.preferences.composerCollapsed === true);
  const [tab, setTab] = useState<Tab>('message');
  const tabs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const id = `tools-${connectionId}`;
  const decode = useDecodeStatus(connectionId);
  const lensId = decode.lens && decode.lens !== 'json' ? decode.lens : null;
  const lensName = lensId ? (lensInfo(lensId)?.name ?? lensId) : '';
  // A connection decoding with a user script that defines encode gets a tab to compose through it.
  const script = useStore(useShallow((s) => {
    const sid = scriptIdOf(s.connections.find((c) => c.id === connectionId)?.decodeAs);
    const x = sid ? s.scripts.find((y) => y.id === sid && y.enabled) : undefined;
    return x && s.scriptFunctions[x.id]?.includes('encode') ? { id: x.id, name: x.name } : null;
  }));
  const TABS = ALL_TABS.filter((t) => (t !== 'protocol' || lensId) && (t !== 'script' || script));
  const shownTab: Tab = (tab === 'protocol' && !lensId) || (tab === 'script' && !script) ? 'message' : tab;

  if (imported) {
    return (
      <div className="flex gap-4 border-t border-zinc-800 bg-zinc-900/60 p-3">
        <ReadOnlyPanel connectionId={connectionId} />
      </div>
    );
  }

  // Shown beside the names, not part of them, so a tab keeps its name while things run.
  const marks: Record<Tab, string> = { message: '', protocol: '', script: '', templates: ` (${templateCount})`, repeat: repeating ? ' ●' : '', reconnect: auto ? ' · on' : '' };
  const choose = (t: Tab) => {
    setTab(t);
    if (collapsed) setComposerCollapsed(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.indexOf(shownTab);
    const next = e.key === 'ArrowRight' ? TABS[(at + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(at + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    choose(next);
    tabs.current[next]?.focus();
  };

  return (
    <div className="flex shrink-0 flex-col border-t border-zinc-800 bg-zinc-900/60">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1">
        <div role="tablist" aria-label="Connection tools" className="flex min-w-0 flex-wrap gap-1" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t}
              ref={(el) => {
                tabs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${t}`}
              aria-selected={shownTab === t}
              aria-controls={`${id}-panel`}
              tabIndex={shownTab === t ? 0 : -1}
              onClick={() => choose(t)}
              className={cn(
                'rounded-t border-b-2 px-2 py-1 text-xs font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-sky-400',
                shownTab === t && !collapsed ? 'border-sky-400 text-zinc-50' : 'border-transparent text-zinc-400 hover:text-zinc-100',
              )}
            >
              {t === 'protocol' ? lensName : t === 'script' && script ? script.name : LABELS[t]}
              {marks[t] ? <span aria-hidden="true">{marks[t]}</span> : null}
            </button>
          ))}
        </div>
        <div className="ml-auto flex items-center gap-2">
          <ClosePanel key={`close-${connectionId}`} connectionId={connectionId} />
          <IconButton
            iconOnly
            label={collapsed ? 'Expand composer' : 'Collapse composer'}
            icon={collapsed ? 'chevron-up' : 'chevron-down'}
            aria-expanded={!collapsed}
            aria-controls={`${id}-panel`}
            className="h-7 px-1.5"
            onClick={() => setComposerCollapsed(!collapsed)}
          />
        </div>
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${shownTab}`} hidden={collapsed} className="flex min-h-0 flex-1 flex-col overflow-y-auto px-3 pt-1 pb-2">
        {collapsed ? null : shownTab === 'message' ? (
          <Composer key={connectionId} connectionId={connectionId} />
        ) : shownTab === 'protocol' && lensId ? (
          <ProtocolComposer key={`${connectionId}-${lensId}`} connectionId={connectionId} lensId={lensId} />
        ) : shownTab === 'script' && script ? (
          <Suspense fallback={<p className="py-2 text-xs text-zinc-400">Loading…</p>}>
            <ScriptComposer key={`${connectionId}-${script.id}`} connectionId={connectionId} scriptId={script.id} />
          </Suspense>
        ) : (
          <Suspense fallback={<p className="py-2 text-xs text-zinc-400">Loading…</p>}>
            {shownTab === 'templates' ? (
              <TemplatesPanel connectionId={connectionId} onInserted={() => setTab('message')} />
            ) : shownTab === 'repeat' ? (
              <RepeatPanel connectionId={connectionId} />
            ) : (
              <ReconnectPanel connectionId={connectionId} />
            )}
          </Suspense>
        )}
      </div>
    </div>
  );
}
