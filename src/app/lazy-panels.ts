import { lazyNamed } from '../components/ui/lazy-named';

/** The selected connection's view and the merged view: the first screen (nothing selected) needs neither; fetched at idle right after load. */
const loadConnectionPanel = () => import('./connection-panel').then((m) => m.ConnectionPanel);
const loadMergedPanel = () => import('./merged-panel').then((m) => m.MergedPanel);
export const ConnectionPanel = lazyNamed(loadConnectionPanel);
export const MergedPanel = lazyNamed(loadMergedPanel);

/** Starts fetching the panels when the page is idle, so the first Connect finds them there. */
export function prefetchPanels(): void {
  const go = () => void Promise.all([loadConnectionPanel(), loadMergedPanel()]).catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 1000 });
  else setTimeout(go, 200);
}
