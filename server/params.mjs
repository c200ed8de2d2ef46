// @ts-check
/**
 * Strict query-parameter parsing for the playground routes. Each parser
 * returns either `{ ok: true, value }` or `{ ok: false, error }` with a
 * sentence that is sent back as the HTTP 400 body.
 */

/**
 * @template T
 * @typedef {{ ok: true, value: T } | { ok: false, error: string }} Parsed
 */

/**
 * Reads an optional non-negative decimal integer in [min, max].
 *
 * @param {URLSearchParams} params
 * @param {string} name
 * @param {{ min: number, max: number, fallback: number }} range
 * @returns {Parsed<number>}
 */
export function intParam(params, name, { min, max, fallback }) {
  const raw = params.get(name);
  if (raw === null) return { ok: true, value: fallback };
  if (!/^\d{1,16}$/.test(raw)) {
    return { ok: false, error: `${name} must be an integer from ${min} to ${max}.` };
  }
  const value = Number(raw);
  if (value < min || value > max) {
    return { ok: false, error: `${name} must be an integer from ${min} to ${max}; got ${value}.` };
  }
  return { ok: true, value };
}
