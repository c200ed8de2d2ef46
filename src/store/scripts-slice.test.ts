import { beforeEach, describe, expect, it } from 'vitest';
import { persistedState, useStore } from './store';
import { MAX_SCRIPT_CHARS, normalizeScript, normalizeScripts, runnableScripts } from './scripts-slice';
import { addImportedScripts, addScript, deleteScript, duplicateScript, importedScripts, onRunnableScripts, renameScript, setScriptEnabled, setScriptSource } from './scripts-actions';
import { replaceWorkspace, resetWorkspace } from './automate-actions';

beforeEach(() => {
  resetWorkspace();
});

const scripts = () => useStore.getState().scripts;

describe('normalizeScripts', () => {
  it('keeps good scripts, the first of each id, and drops the rest', () => {
    const good = { id: 'a1', name: 'lens', source: 'x', enabled: true };
    expect(normalizeScripts([good, { ...good, name: 'again' }, { ...good, id: 'bad id' }, { ...good, id: 'b', source: 7 }, { ...good, id: 'c', source: 'y'.repeat(MAX_SCRIPT_CHARS + 1) }, null, 'x'])).toEqual([good]);
    expect(normalizeScripts('nope')).toEqual([]);
  });

  it('keeps an imported script off whatever its stored flag says, and reads own fields only', () => {
    expect(normalizeScript({ id: 'i', name: 'n', source: 's', enabled: true, importedFrom: 'w.json' })).toEqual({ id: 'i', name: 'n', source: 's', enabled: false, importedFrom: 'w.json' });
    expect(normalizeScript(JSON.parse('{"__proto__": {"id": "x", "name": "n", "source": "s"}}'))).toBeNull();
  });
});

describe('script actions', () => {
  it('adds (disabled), renames to a free name, edits, duplicates and deletes', () => {
    const a = addScript({ name: 'LP', source: 'one' });
    const b = addScript({ name: 'LP', source: 'two' });
    if (!a.ok || !b.ok) throw new Error('not added');
    expect(scripts().map((s) => [s.name, s.enabled])).toEqual([
      ['LP', false],
      ['LP 2', false],
    ]);
    expect(renameScript(b.id, '  ')).toEqual({ ok: false, error: 'Enter a name' });
    expect(renameScript(b.id, 'LP')).toEqual({ ok: true, id: b.id });
    expect(scripts()[1]?.name).toBe('LP 2');
    renameScript(b.id, 'Varint');
    setScriptSource(b.id, 'three');
    const c = duplicateScript(b.id);
    if (!c.ok) throw new Error('not duplicated');
    expect(scripts().map((s) => [s.name, s.source])).toEqual([
      ['LP', 'one'],
      ['Varint', 'three'],
      ['Varint copy', 'three'],
    ]);
    deleteScript(a.id);
    expect(scripts().map((s) => s.name)).toEqual(['Varint', 'Varint copy']);
  });

  it('hands only enabled, reviewed scripts to the sandbox, once per change', () => {
    const told: string[][] = [];
    const stop = onRunnableScripts((list) => told.push(list.map((s) => s.name)));
    const a = addScript({ name: 'mine', source: 'x' });
    if (!a.ok) throw new Error('not added');
    setScriptEnabled(a.id, true);
    addImportedScripts(importedScripts([{ id: 'imp', name: 'theirs', source: 'y' }], 'w.json'));
    setScriptSource(a.id, 'x2');
    setScriptEnabled('imp', true);
    setScriptEnabled(a.id, false);
    stop();
    expect(told).toEqual([[], ['mine'], ['mine'], ['mine', 'theirs'], ['theirs']]);
  });
});

describe('trust: scripts from a file', () => {
  it('a replaced workspace keeps its scripts disabled and marked until enabled', () => {
    replaceWorkspace({ connections: [], templates: [], preferences: null, scripts: importedScripts([{ id: 'lp', name: 'LP', source: 'decode' }], 'work.json') });
    expect(scripts()).toEqual([{ id: 'lp', name: 'LP', source: 'decode', enabled: false, importedFrom: 'work.json' }]);
    expect(runnableScripts(scripts())).toEqual([]);
    setScriptEnabled('lp', true);
    expect(scripts()).toEqual([{ id: 'lp', name: 'LP', source: 'decode', enabled: true }]);
    setScriptEnabled('lp', false);
    expect(scripts()[0]?.importedFrom).toBeUndefined();
  });

  it('adding imported timelines does not replace a script of the same id', () => {
    addImportedScripts(importedScripts([{ id: 'x', name: 'first', source: '1' }], 'a.json'));
    expect(addImportedScripts(importedScripts([{ id: 'x', name: 'second', source: '2' }, { id: 'y', name: 'other', source: '3' }], 'b.json'))).toBe(1);
    expect(scripts().map((s) => s.name)).toEqual(['first', 'other']);
  });

  it('reset forgets every script, and they persist in storage with the rest', () => {
    addScript({ name: 'kept', source: 's' });
    const stored = persistedState(useStore.getState());
    expect(stored.scripts).toEqual([expect.objectContaining({ name: 'kept', source: 's', enabled: false })]);
    resetWorkspace();
    expect(scripts()).toEqual([]);
  });
});
