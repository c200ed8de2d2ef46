import type { SockpitState } from '../store/store';
import type { ConnectionConfig, InspectorDock, ThemeChoice } from '../store/types';
import { useStore } from '../store/store';
import { newConnection, reconnect, selectConnection, togglePause } from '../store/actions';
import { setChartsOpen, setComposerCollapsed, setInspectorDock } from '../store/view-actions';
import { maskUrl } from '../lib/secrets';
import { canOpenDialog, openDialog } from '../components/ui/dialog-openers';
import type { DialogName } from '../components/ui/dialog-openers';
import type { CommandItem } from '../components/ui/command-items';
import { closeWithDraft, focusCloseCode, focusFilter, jumpToLatest, selectNeighbour, sendFromComposer } from '../features/shortcuts/actions';
import { setLargeText, setTheme } from '../features/theme/actions';
import { setLearn } from '../features/learn/toggle';
import { togglePresentation } from './presentation';
import { requestRecord, setFlowsOpen, useFlows } from '../features/flows/flow-store';
import { setScriptsOpen, useScriptsUi } from '../features/scripts/scripts-ui';
import { setActiveEnvironment } from '../store/environment-actions';
import { selectEvent } from '../store/view-actions';
import { selectedCount } from '../lib/row-selection';
import { selectedPayloads } from '../features/timeline/utils/selected-payloads';
import { getLog } from '../services/sockets/socket-service';

/**
 * Every command of Sockpit in one registry: the key handler
 * (command-keys.ts), the command palette, the "?" list and menus all use
 * these entries. Each says when it can run (`enabled`, with the reason when
 * not) and what it does; `run` is only called when `enabled` holds.
 */
export interface Command {
  id: string;
  title: string;
  /** as shown; "Ctrl" means Ctrl or ⌘ (features/shortcuts/utils/shortcuts.ts matches them) */
  keys?: readonly string[];
  /** what the "?" list says for the keys; commands that share keys share one row */
  description?: string;
  group: CommandGroup;
  /** may run while a dialog is open (only the shortcuts list: "?" shows and hides it anywhere) */
  overDialogs?: boolean;
  enabled(state: SockpitState): boolean;
  /** why it cannot run now, when `enabled` is false */
  reason?(state: SockpitState): string;
  run(): void;
}

export type CommandGroup = 'Connection' | 'Message' | 'Timeline' | 'View' | 'File' | 'Help';

function selected(s: SockpitState): ConnectionConfig | undefined {
  return s.connections.find((c) => c.id === s.selectedId);
}

/** The selected connection when it has a socket (not an imported timeline), with its readyState. */
function live(s: SockpitState): { config: ConnectionConfig; state: string } | undefined {
  const config = selected(s);
  if (!config || config.source === 'import') return undefined;
  return { config, state: s.runtime[config.id]?.readyState ?? 'CLOSED' };
}

const noLive = (s: SockpitState): string => (selected(s) ? 'An imported timeline has no socket' : 'No connection selected');
const isOpenish = (state: string | undefined) => state === 'OPEN' || state === 'CONNECTING';
const withSelected = (run: (c: ConnectionConfig) => void) => () => {
  const c = selected(useStore.getState());
  if (c) run(c);
};
const withLive = (run: (c: ConnectionConfig) => void) => () => {
  const c = live(useStore.getState());
  if (c) run(c.config);
};
/** Whether the selected connection's view is paused; undefined with none selected. */
const paused = (s: SockpitState): boolean | undefined => {
  const c = selected(s);
  return c ? s.pausedAt[c.id] !== undefined : undefined;
};
const showsTimeline = (s: SockpitState) => s.selectedId !== null || s.merged.active;
const pref = (s: SockpitState) => s.preferences;

/** A command that is enabled until the preference already has the value it sets. */
function setting(id: string, title: string, group: CommandGroup, is: (s: SockpitState) => boolean, already: string, run: () => void, more: Partial<Command> = {}): Command {
  return { id, title, group, enabled: (s) => !is(s), reason: () => already, run, ...more };
}

function dialogCommand(id: string, title: string, name: DialogName, more: Partial<Command> = {}): Command {
  return { id, title, group: 'File', enabled: () => canOpenDialog(name), reason: () => 'Not available on this screen', run: () => void openDialog(name), ...more };
}

const THEMES: [ThemeChoice, string][] = [
  ['system', 'System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];
const DOCKS: [InspectorDock, string][] = [
  ['right', 'dock right'],
  ['bottom', 'dock bottom'],
  ['auto', 'dock automatically'],
];
const CONNECT_HELP = 'Connect or close the selected connection';

export const COMMANDS: readonly Command[] = [
  { id: 'connection.new', title: 'New connection', keys: ['N'], description: 'New connection: go to the URL field', group: 'Connection', enabled: () => true, run: newConnection },
  {
    id: 'connection.connect',
    title: 'Connect the selected connection',
    keys: ['C'],
    description: CONNECT_HELP,
    group: 'Connection',
    enabled: (s) => live(s)?.state === 'CLOSED',
    reason: (s) => (live(s) ? 'Already connected' : noLive(s)),
    run: withLive((c) => reconnect(c.id)),
  },
  {
    id: 'connection.disconnect',
    title: 'Disconnect the selected connection',
    keys: ['C'],
    description: CONNECT_HELP,
    group: 'Connection',
    enabled: (s) => isOpenish(live(s)?.state),
    reason: (s) => (live(s) ? 'Not connected' : noLive(s)),
    run: withLive((c) => closeWithDraft(c.id)),
  },
  {
    id: 'connection.close-with-code',
    title: 'Close with code…',
    group: 'Connection',
    enabled: (s) => isOpenish(live(s)?.state),
    reason: (s) => (live(s) ? 'Not connected' : noLive(s)),
    run: withLive((c) => {
      setComposerCollapsed(false);
      focusCloseCode(c.id);
    }),
  },
  { id: 'connection.previous', title: 'Select the previous connection', keys: ['['], group: 'Connection', enabled: (s) => s.connections.length > 0, reason: () => 'No connections', run: () => selectNeighbour(-1) },
  { id: 'connection.next', title: 'Select the next connection', keys: [']'], group: 'Connection', enabled: (s) => s.connections.length > 0, reason: () => 'No connections', run: () => selectNeighbour(1) },
  {
    id: 'message.send',
    title: 'Send the message',
    keys: ['Ctrl', 'Enter'],
    description: 'Send the message (also ⌘ Enter; works while typing)',
    group: 'Message',
    enabled: (s) => live(s)?.state === 'OPEN',
    reason: (s) => (live(s) ? 'Not connected' : noLive(s)),
    run: sendFromComposer,
  },
  { id: 'timeline.filter', title: 'Filter the timeline', keys: ['/'], group: 'Timeline', enabled: showsTimeline, reason: () => 'No timeline shown', run: focusFilter },
  { id: 'timeline.latest', title: 'Jump to the latest event', keys: ['J'], group: 'Timeline', enabled: showsTimeline, reason: () => 'No timeline shown', run: jumpToLatest },
  { id: 'timeline.pause', title: 'Pause the view', group: 'Timeline', enabled: (s) => paused(s) === false, reason: (s) => (selected(s) ? 'Already paused' : 'No connection selected'), run: withSelected((c) => togglePause(c.id)) },
  { id: 'timeline.resume', title: 'Resume the view', group: 'Timeline', enabled: (s) => paused(s) === true, reason: (s) => (selected(s) ? 'Not paused' : 'No connection selected'), run: withSelected((c) => togglePause(c.id)) },
  ...DOCKS.map(([dock, label]) => setting(`inspector.dock-${dock}`, `Inspector: ${label}`, 'View', (s) => (pref(s).inspectorDock ?? 'auto') === dock, 'Already docked so', () => setInspectorDock(dock))),
  setting('composer.collapse', 'Composer: collapse', 'View', (s) => pref(s).composerCollapsed === true, 'Already collapsed', () => setComposerCollapsed(true)),
  setting('composer.expand', 'Composer: expand', 'View', (s) => pref(s).composerCollapsed !== true, 'Already expanded', () => setComposerCollapsed(false)),
  {
    id: 'charts.open',
    title: 'Charts: open (traffic, bufferedAmount, sizes, round trips, silences)',
    group: 'View',
    enabled: (s) => showsTimeline(s) && pref(s).charts !== true && pref(s).presentation !== true,
    reason: (s) => (!showsTimeline(s) ? 'No timeline shown' : pref(s).presentation === true ? 'Not while presenting' : 'Already open'),
    run: () => setChartsOpen(true),
  },
  setting('charts.close', 'Charts: close', 'View', (s) => pref(s).charts !== true, 'Already closed', () => setChartsOpen(false)),
  setting('learn.on', 'Learn: on', 'View', (s) => pref(s).learn === true, 'Already on', () => setLearn(true), { keys: ['L'], description: 'Teaching mode (Learn) on or off' }),
  setting('learn.off', 'Learn: off', 'View', (s) => pref(s).learn !== true, 'Already off', () => setLearn(false), { keys: ['L'], description: 'Teaching mode (Learn) on or off' }),
  setting('presentation.on', 'Presentation mode: on', 'View', (s) => pref(s).presentation === true, 'Already on', () => togglePresentation(true), { keys: ['P'], description: 'Presentation mode on or off' }),
  setting('presentation.off', 'Presentation mode: off', 'View', (s) => pref(s).presentation !== true, 'Already off', () => togglePresentation(false), { keys: ['P'], description: 'Presentation mode on or off' }),
  ...THEMES.map(([theme, label]) => setting(`theme.${theme}`, `Theme: ${label}`, 'View', (s) => (pref(s).theme ?? 'system') === theme, 'Already chosen', () => setTheme(theme))),
  setting('text.large', 'Large text: on', 'View', (s) => pref(s).largeText === true, 'Already on', () => setLargeText(true)),
  setting('text.normal', 'Large text: off', 'View', (s) => pref(s).largeText !== true, 'Already off', () => setLargeText(false)),
  { id: 'flows.open', title: 'Flows: show the panel', group: 'View', enabled: () => !useFlows.getState().open, reason: () => 'Already shown', run: () => setFlowsOpen(true) },
  { id: 'flows.close', title: 'Flows: hide the panel', group: 'View', enabled: () => useFlows.getState().open, reason: () => 'Already hidden', run: () => setFlowsOpen(false) },
  { id: 'scripts.open', title: 'Scripts: show the panel', group: 'View', enabled: () => !useScriptsUi.getState().open, reason: () => 'Already shown', run: () => setScriptsOpen(true) },
  { id: 'scripts.close', title: 'Scripts: hide the panel', group: 'View', enabled: () => useScriptsUi.getState().open, reason: () => 'Already hidden', run: () => setScriptsOpen(false) },
  {
    id: 'flows.record',
    title: 'Record flow from the timeline…',
    group: 'Timeline',
    enabled: (s) => live(s) !== undefined,
    reason: noLive,
    run: requestRecord,
  },
  {
    id: 'timeline.record-selection',
    title: 'Record flow from selection…',
    group: 'Timeline',
    enabled: (s) => selectedCount(s.rowSelection) > 1 && s.connections.some((c) => c.id === s.rowSelection?.connectionId && c.source !== 'import'),
    reason: (s) => (selectedCount(s.rowSelection) > 1 ? 'An imported timeline has no socket' : 'Select rows first: Shift+click or Ctrl+click in the timeline'),
    run: requestRecord,
  },
  {
    id: 'timeline.copy-selection',
    title: 'Copy selected (payloads, one per line)',
    group: 'Timeline',
    enabled: (s) => selectedCount(s.rowSelection) > 1,
    reason: () => 'Select rows first: Shift+click or Ctrl+click in the timeline',
    run: () => {
      const sel = useStore.getState().rowSelection;
      if (!sel) return;
      const text = selectedPayloads(getLog(sel.connectionId), sel);
      if (typeof text === 'string') void navigator.clipboard?.writeText(text).catch(() => undefined);
    },
  },
  {
    id: 'timeline.clear-selection',
    title: 'Clear the selection',
    group: 'Timeline',
    enabled: (s) => s.rowSelection !== null || s.selectedEvent !== null,
    reason: () => 'Nothing selected',
    run: () => selectEvent(null),
  },
  dialogCommand('file.import', 'Import…', 'import'),
  dialogCommand('file.export', 'Export…', 'export'),
  dialogCommand('file.workspace', 'Workspace…', 'workspace'),
  dialogCommand('file.merge', 'Merge timelines…', 'merge', { group: 'Timeline' }),
  dialogCommand('file.copy-link', 'Copy link…', 'copy-link', { group: 'Connection' }),
  dialogCommand('environment.edit', 'Edit environments…', 'environments', { group: 'Connection' }),
  dialogCommand('file.settings', 'Settings…', 'settings'),
  dialogCommand('help.commands', 'Command palette', 'commands', { keys: ['Ctrl', 'K'], description: 'All commands, by name (also ⌘ K; works while typing)', group: 'Help' }),
  dialogCommand('help.shortcuts', 'Keyboard shortcuts', 'shortcuts', { keys: ['?'], description: 'Show or hide this list', group: 'Help', overDialogs: true }),
];

/** "Switch to connection: <name>", one per connection; the name, or the URL with its secrets masked. */
function switchCommands(s: SockpitState): Command[] {
  return s.connections.map((c) => ({
    id: `connection.switch:${c.id}`,
    title: `Switch to connection: ${c.name.trim() || maskUrl(c.url)}`,
    group: 'Connection',
    enabled: (now) => now.connections.some((x) => x.id === c.id) && (now.selectedId !== c.id || now.merged.active),
    reason: () => 'Already selected',
    run: () => selectConnection(c.id),
  }));
}

/** "Switch environment: <name>", one per environment, and "none". */
function environmentCommands(s: SockpitState): Command[] {
  if (s.environments.length === 0) return [];
  const choices: (string | null)[] = [...s.environments.map((e) => e.name), null];
  return choices.map((name) => ({
    id: `environment.switch:${name ?? ''}`,
    title: name === null ? 'Switch environment: none' : `Switch environment: ${name}`,
    group: 'Connection',
    enabled: (now) => now.activeEnvironment !== name && (name === null || now.environments.some((e) => e.name === name)),
    reason: () => 'Already in use',
    run: () => setActiveEnvironment(name),
  }));
}

/** Every command for this state: the fixed ones, with a "Switch to" per connection and environment after the connection group's. */
export function commandsFor(s: SockpitState): Command[] {
  const at = COMMANDS.findIndex((c) => c.group !== 'Connection');
  return [...COMMANDS.slice(0, at), ...switchCommands(s), ...environmentCommands(s), ...COMMANDS.slice(at)];
}

export function toItem(c: Command, s: SockpitState): CommandItem {
  const on = c.enabled(s);
  return { id: c.id, title: c.title, keys: c.keys, description: c.description, group: c.group, disabledReason: on ? undefined : (c.reason?.(s) ?? 'Not available now') };
}

export function commandItems(s: SockpitState = useStore.getState()): CommandItem[] {
  return commandsFor(s).map((c) => toItem(c, s));
}

/** Runs the command when it is enabled now; false when it is unknown or disabled. */
export function runCommand(id: string): boolean {
  const s = useStore.getState();
  const command = commandsFor(s).find((c) => c.id === id);
  if (!command || !command.enabled(s)) return false;
  command.run();
  return true;
}
