import type { ConnectionConfig } from '../../../store/types';
import { maskUrl } from '../../../lib/secrets';

/** What a connection is called in lists and headings: its name, or its URL with credentials masked. */
export function connectionLabel(config: Pick<ConnectionConfig, 'name' | 'url'>): string {
  return config.name.trim() || maskUrl(config.url);
}
