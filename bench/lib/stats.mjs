// @ts-check
/** Small pure helpers for the bench report. */

/**
 * Median of the finite numbers given (NaN when there are none).
 * @param {readonly number[]} values
 */
export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? /** @type {number} */ (v[mid]) : (/** @type {number} */ (v[mid - 1]) + /** @type {number} */ (v[mid])) / 2;
}

/**
 * Messages per second from the page's open time and the time its main thread had all of them.
 * @param {number} count
 * @param {number} openAt epoch ms
 * @param {number} doneAt epoch ms
 */
export function rate(count, openAt, doneAt) {
  const seconds = (doneAt - openAt) / 1000;
  return seconds > 0 ? count / seconds : Number.NaN;
}

/** @param {number} n @param {number} [digits] */
export function fmt(n, digits = 0) {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** @param {number} bytes */
export function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/**
 * A GitHub-flavoured Markdown table with padded columns.
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {('l' | 'r')[]} align
 */
export function table(header, rows, align) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length), 3));
  /** @param {string[]} cells */
  const line = (cells) =>
    `| ${cells.map((c, i) => (align[i] === 'r' ? c.padStart(/** @type {number} */ (widths[i])) : c.padEnd(/** @type {number} */ (widths[i])))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
