import { maskUrl } from './secrets';

/** What a short label needs of a connection. */
export interface Labelled {
  name: string;
  url: string;
}

/** Scheme, host and port of a URL as typed (no parsing: labels must work for any text). */
function originOf(url: string): { origin: string; rest: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(url.trim());
  if (!m) return { origin: '', rest: url.trim() };
  return { origin: m[1] ?? '', rest: m[2] ?? '' };
}

/**
 * What tells connections apart in a list: the name when there is one;
 * otherwise the path and query (masked), with the host in front only when the
 * connections do not all share one. `/` stands for an empty path.
 */
export function shortLabels<T extends Labelled>(items: readonly T[]): string[] {
  const origins = new Set(items.filter((c) => !c.name.trim()).map((c) => originOf(maskUrl(c.url)).origin));
  const sameHost = origins.size <= 1;
  return items.map((c) => {
    if (c.name.trim()) return c.name.trim();
    const masked = maskUrl(c.url);
    const { origin, rest } = originOf(masked);
    if (!origin) return masked;
    if (sameHost) return rest || '/';
    return `${origin.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}${rest || '/'}`;
  });
}
