import type { BinaryType } from '../../../core/events';
import { stripSecrets } from '../../../lib/secrets';

/**
 * Deep links: `#url=…&protocols=…&message=…` after the page address prefills
 * the new-connection form and the first message. The fragment never reaches
 * any server (browsers do not send it), and opening a link never connects or
 * sends: the user clicks Connect, then Send.
 */
export interface DeepLink {
  url?: string;
  protocols?: string;
  message?: string;
  name?: string;
  binaryType?: BinaryType;
}

/** Longest value taken from a link, per field; longer ones are ignored. */
export const MAX_LINK_FIELD = 64 * 1024;

/**
 * The fields of a `#url=…` fragment (with or without its "#"), or null when
 * it holds none. Values are form-encoded (`encodeURIComponent`, "+" reads as
 * a space); unknown keys, repeated keys after the first, and overlong values
 * are ignored.
 */
export function parseDeepLink(hash: string): DeepLink | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '' || !body.includes('=')) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(body);
  } catch {
    return null;
  }
  const link: DeepLink = {};
  const take = (key: 'url' | 'protocols' | 'message' | 'name'): void => {
    const v = params.get(key);
    if (v !== null && v.length <= MAX_LINK_FIELD) link[key] = v;
  };
  take('url');
  take('protocols');
  take('message');
  take('name');
  const bt = params.get('binaryType');
  if (bt === 'arraybuffer' || bt === 'blob') link.binaryType = bt;
  return Object.keys(link).length === 0 ? null : link;
}

export interface LinkOptions {
  /** keep credentials (query tokens, userinfo) in the URL */
  includeSecrets: boolean;
}

/**
 * A link to this page that prefills `link`: the page address without its own
 * fragment, then `#url=…&protocols=…&message=…` (empty fields left out).
 * Secrets in the URL are emptied unless asked for.
 */
export function buildDeepLink(pageHref: string, link: DeepLink, { includeSecrets }: LinkOptions): string {
  const hash = pageHref.indexOf('#');
  const page = hash < 0 ? pageHref : pageHref.slice(0, hash);
  const params = new URLSearchParams();
  if (link.url) params.set('url', includeSecrets ? link.url : stripSecrets(link.url));
  if (link.protocols) params.set('protocols', link.protocols);
  if (link.message) params.set('message', link.message);
  if (link.name) params.set('name', link.name);
  if (link.binaryType && link.binaryType !== 'arraybuffer') params.set('binaryType', link.binaryType);
  // URLSearchParams writes spaces as "+"; %20 reads the same and survives
  // copy-paste into chat apps that mangle "+".
  const fragment = params.toString().replace(/\+/g, '%20');
  return fragment === '' ? page : `${page}#${fragment}`;
}
