import type { ConnectionConfig } from '../../../store/types';

/** What a connection is called in lists and headings: its name, or its URL. */
export function connectionLabel(config: Pick<ConnectionConfig, 'name' | 'url'>): string {
  return config.name.trim() || config.url;
}
