import { lazyNamed } from '../components/ui/lazy-named';
import { loadConnectionViewParts } from './lazy-parts';

/** The selected connection's view and the merged view: the first screen (nothing selected) needs neither; fetched at idle right after load. */
const loadConnectionPanel = () => import('./connection-panel').then((m) => m.ConnectionPanel);
const loadMergedPanel = () => import('./merged-panel').then((m) => m.MergedPanel);
export const ConnectionPanel = lazyNamed(loadConnectionPanel);
export const MergedPanel = lazyNamed(loadMergedPanel);

let settled: Promise<void> | null = null;

/**
 * Starts fetching the panels, and then what they mount at once, when the page
 * is idle, so the first Connect finds them there. Returns (each call the same)
 * a promise that settles when all of it has arrived or failed.
 */
export function prefetchPanels(): Promise<void> {
  settled ??= new Promise<void>((resolve) => {
    const go = () =>
      void Promise.all([ConnectionPanel.preload(), MergedPanel.preload(), loadConnectionViewParts()])
        .catch(() => undefined)
        .then(() => resolve());
    if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 1000 });
    else setTimeout(go, 200);
  });
  return settled;
}
