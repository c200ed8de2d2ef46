/**
 * Memoizes a function of an object on the top-level properties it reads: the
 * result is the last one while every property the last call read still holds
 * the same value (===). Made for immutable state, where an unchanged part
 * keeps its reference; it tracks reads through a Proxy, so whatever the
 * function reads is what decides, with no list of keys to keep in step.
 */
export function memoOnReads<S extends object, R>(fn: (s: S) => R): (s: S) => R {
  let reads: [PropertyKey, unknown][] | null = null;
  let result!: R;
  return (s) => {
    if (reads !== null && reads.every(([k, v]) => Reflect.get(s, k) === v)) return result;
    const seen = new Map<PropertyKey, unknown>();
    const tracked = new Proxy(s, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (!seen.has(key)) seen.set(key, value);
        return value;
      },
    });
    result = fn(tracked);
    reads = [...seen];
    return result;
  };
}
