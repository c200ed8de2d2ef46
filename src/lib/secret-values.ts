import { maskValues } from './environments';

/**
 * The secret values of the environments in this page (src/store keeps it up
 * to date), so every place that shows captured text (timeline rows, the
 * inspector, Copy selected) masks them the same way without each one
 * reading the store. A module table, like the socket registry: one page,
 * one set of secrets.
 */
let values: readonly string[] = [];
let version = 0;

export function setSecretValues(next: readonly string[]): void {
  if (next.length === values.length && next.every((v, i) => v === values[i])) return;
  values = [...next];
  version++;
}

/** Bumps when the set changes (memoized rows take it as a prop to redraw). */
export function secretValuesVersion(): number {
  return version;
}

/** The text with every known secret value as `••••`. */
export function maskSecretValues(text: string): string {
  return values.length === 0 ? text : maskValues(text, values);
}

/** The known secret values, longest first (exports scrub them). */
export function knownSecretValues(): readonly string[] {
  return values;
}
