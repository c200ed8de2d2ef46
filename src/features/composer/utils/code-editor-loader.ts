/**
 * The CodeMirror editor lives in its own chunk, out of the initial bundle.
 * It is fetched when the page is idle after the first paint (or at once when
 * asked), so it is normally there before anyone types; until then the
 * composer shows a plain textarea.
 */
import type * as CodeEditorChunk from '../components/code-editor';

export type CodeEditorModule = typeof CodeEditorChunk;

let loaded: CodeEditorModule | null = null;
let loading: Promise<CodeEditorModule> | null = null;
const listeners = new Set<(m: CodeEditorModule) => void>();

export function loadCodeEditor(): Promise<CodeEditorModule> {
  loading ??= import('../components/code-editor').then(
    (m) => {
      loaded = m;
      for (const l of listeners) l(m);
      listeners.clear();
      return m;
    },
    (err: unknown) => {
      loading = null; // try again next time; the textarea keeps working meanwhile
      throw err;
    },
  );
  return loading;
}

/** Calls `listener` once the editor's chunk has arrived (now, if it has). */
export function onCodeEditorLoaded(listener: (m: CodeEditorModule) => void): () => void {
  if (loaded) {
    listener(loaded);
    return () => {};
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Starts fetching the chunk once the main thread is idle; returns a cancel. */
export function prefetchCodeEditorWhenIdle(): () => void {
  if (loaded || loading) return () => {};
  const go = () => void loadCodeEditor().catch(() => {});
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(go, { timeout: 1500 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(go, 200);
  return () => clearTimeout(timer);
}
