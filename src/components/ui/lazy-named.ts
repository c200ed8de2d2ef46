import { createElement, lazy, useState } from 'react';
import type { ComponentType, FunctionComponent } from 'react';

export type LazyNamed<P extends object> = FunctionComponent<P> & {
  /** fetches the chunk now; once it has arrived, a new instance renders the component at once */
  preload: () => Promise<ComponentType<P>>;
};

/**
 * React.lazy for a named export: the component's code moves to its own chunk,
 * fetched the first time it renders (or when `preload` asks), so it is not
 * part of the initial bundle.
 *
 * React.lazy suspends on its first render even when the chunk has arrived
 * (its loader is only called then), and React may commit the content after
 * a fallback on a timer: a panel prefetched at idle would still mount a
 * moment after it was asked for. So an instance made after the chunk has
 * arrived renders the component itself, in the same render; one made before
 * keeps React.lazy for its whole life (switching would remount it).
 */
export function lazyNamed<P extends object>(load: () => Promise<ComponentType<P>>): LazyNamed<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> => {
    loading ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        loading = null; // a failed fetch may be tried again
        throw err;
      },
    );
    return loading;
  };
  const Lazy = lazy(async () => ({ default: await preload() }));
  function LazyNamedComponent(props: P) {
    const [ready] = useState(() => loaded);
    return ready ? createElement(ready, props) : createElement(Lazy, props);
  }
  return Object.assign(LazyNamedComponent, { preload });
}
