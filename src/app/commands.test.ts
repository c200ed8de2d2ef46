import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../store/store';
import type { SockpitState } from '../store/store';
import type { ConnectionConfig, ConnectionRuntime } from '../store/types';
import type { ReadyStateName } from '../core/events';
import type { ConnectionId } from '../lib/ids';
import { registerDialogOpener } from '../components/ui/dialog-openers';
import type { DialogName } from '../components/ui/dialog-openers';
import { commandItems, commandsFor, runCommand } from './commands';
import { commandForKey } from './command-keys';

const initial = useStore.getState();
const id = (s: string) => s as ConnectionId;
const config = (cid: string, extra: Partial<ConnectionConfig> = {}): ConnectionConfig => ({ id: id(cid), name: '', url: `ws://127.0.0.1/${cid}`, protocols: '', binaryType: 'arraybuffer', ...extra });
const runtime = (readyState: ReadyStateName) => ({ readyState }) as ConnectionRuntime;

function state(patch: Partial<SockpitState> = {}): SockpitState {
  return { ...initial, connections: [config('a', { name: 'first' }), config('b', { url: 'ws://127.0.0.1/b?token=hunter2' })], selectedId: null, runtime: {}, ...patch };
}
const open = state({ selectedId: id('a'), runtime: { [id('a')]: runtime('OPEN') } });
const closed = state({ selectedId: id('a'), runtime: { [id('a')]: runtime('CLOSED') } });
const STATES: Record<string, SockpitState> = {
  empty: state({ connections: [] }),
  'nothing selected': state(),
  open,
  closed,
  connecting: state({ selectedId: id('a'), runtime: { [id('a')]: runtime('CONNECTING') } }),
  closing: state({ selectedId: id('a'), runtime: { [id('a')]: runtime('CLOSING') } }),
  imported: state({ connections: [config('a', { source: 'import' })], selectedId: id('a') }),
  'learn and presentation on': { ...open, preferences: { ...open.preferences, learn: true, presentation: true } },
};

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const keysOf = (s: SockpitState) => [...new Set(commandsFor(s).flatMap((c) => (c.keys ? [c.keys.join('+')] : [])))];

let unregister: (() => void)[] = [];
beforeEach(() => {
  const names: DialogName[] = ['import', 'export', 'workspace', 'settings', 'shortcuts', 'merge', 'copy-link', 'commands'];
  unregister = names.map((n) => registerDialogOpener(n, () => {}));
});
afterEach(() => {
  for (const u of unregister) u();
  useStore.setState(initial, true);
});

describe('the command registry', () => {
  it('has unique ids, and a switch command per connection with its secrets masked', () => {
    const ids = commandsFor(open).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const titles = commandsFor(open).map((c) => c.title);
    expect(titles).toContain('Switch to connection: first');
    expect(titles.some((t) => t.startsWith('Switch to connection: ws://127.0.0.1/b?token=') && !t.includes('hunter2'))).toBe(true);
  });

  for (const [name, s] of Object.entries(STATES)) {
    it(`maps every shortcut key to at most one enabled command (${name})`, () => {
      for (const keys of keysOf(s)) {
        const enabled = commandsFor(s).filter((c) => c.keys?.join('+') === keys && c.enabled(s));
        expect(enabled.map((c) => c.id).length, keys).toBeLessThanOrEqual(1);
      }
    });
  }

  it('maps every shortcut key to exactly one enabled command with an open connection selected', () => {
    for (const keys of keysOf(open)) {
      const enabled = commandsFor(open).filter((c) => c.keys?.join('+') === keys && c.enabled(open));
      expect(enabled, keys).toHaveLength(1);
    }
  });

  it('gives every disabled command a reason', () => {
    for (const s of Object.values(STATES)) {
      for (const item of commandItems(s)) if (item.disabledReason !== undefined) expect(item.disabledReason, item.id).not.toBe('');
    }
  });
});

describe('commandForKey', () => {
  const page = { typing: false, dialogOpen: false };
  it('finds the command that is enabled for the key', () => {
    expect(commandForKey(press('c'), page, open)?.id).toBe('connection.disconnect');
    expect(commandForKey(press('C'), page, closed)?.id).toBe('connection.connect');
    expect(commandForKey(press('c'), page, STATES['nothing selected'] as SockpitState)).toBeNull();
    expect(commandForKey(press('l'), page, open)?.id).toBe('learn.on');
    expect(commandForKey(press('Enter', { ctrlKey: true }), page, open)?.id).toBe('message.send');
  });

  it('takes no plain keys while typing, but Ctrl/⌘ combinations', () => {
    expect(commandForKey(press('n'), { ...page, typing: true }, open)).toBeNull();
    expect(commandForKey(press('k', { metaKey: true }), { ...page, typing: true }, open)?.id).toBe('help.commands');
    expect(commandForKey(press('Enter', { metaKey: true }), { ...page, typing: true }, open)?.id).toBe('message.send');
  });

  it('leaves the keys to an open dialog, except "?" for the shortcuts list', () => {
    expect(commandForKey(press('n'), { ...page, dialogOpen: true }, open)).toBeNull();
    expect(commandForKey(press('k', { ctrlKey: true }), { ...page, dialogOpen: true }, open)).toBeNull();
    expect(commandForKey(press('?'), { ...page, dialogOpen: true }, open)?.id).toBe('help.shortcuts');
  });
});

describe('runCommand', () => {
  it('runs enabled commands and refuses disabled ones', () => {
    useStore.setState({ preferences: { ...initial.preferences, theme: 'light' } });
    expect(runCommand('theme.dark')).toBe(true);
    expect(useStore.getState().preferences.theme).toBe('dark');
    expect(runCommand('theme.dark')).toBe(false);
    expect(runCommand('learn.off')).toBe(false);
    expect(useStore.getState().preferences.learn).not.toBe(true);
    expect(runCommand('no.such.command')).toBe(false);
  });

  it('switches connections, but not to the one already selected', () => {
    useStore.setState({ connections: open.connections, selectedId: id('a') });
    expect(runCommand('connection.switch:a')).toBe(false);
    expect(runCommand('connection.switch:b')).toBe(true);
    expect(useStore.getState().selectedId).toBe('b');
  });

  it('does not disconnect when nothing is connected', () => {
    useStore.setState({ connections: closed.connections, selectedId: id('a'), runtime: closed.runtime });
    expect(runCommand('connection.disconnect')).toBe(false);
    expect(runCommand('connection.close-with-code')).toBe(false);
    expect(runCommand('message.send')).toBe(false);
  });

  it('opens dialogs only when they are there to open', () => {
    for (const u of unregister) u();
    expect(runCommand('file.settings')).toBe(false);
    let opened = 0;
    unregister = [registerDialogOpener('settings', () => opened++)];
    expect(runCommand('file.settings')).toBe(true);
    expect(opened).toBe(1);
  });
});
