import { lazy } from 'react';
import type { ComponentType } from 'react';

/**
 * React.lazy for a named export: the component's code moves to its own chunk,
 * fetched the first time it renders, so it is not part of the initial bundle.
 */
export function lazyNamed<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}
