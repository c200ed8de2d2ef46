import type { ConnectionId } from '../../../lib/ids';
import { getLog } from '../../../services/sockets/socket-service';
import { useStore } from '../../../store/store';
import { decodeIndexOf } from '../../../store/decode';
import type { ExportInput } from './exporters';
import type { ExportScope } from './schema';

export const GENERATOR = 'Sockpit 0.1.0';

/** What an export of `scope` holds, read from the store and the capture logs now. */
export function exportInput(scope: ExportScope, ids: readonly ConnectionId[], includeSecrets: boolean): ExportInput {
  const s = useStore.getState();
  const configs = scope === 'workspace' ? s.connections : s.connections.filter((c) => ids.includes(c.id));
  const input: ExportInput = {
    scope,
    connections: configs.map((config) => {
      const log = getLog(config.id);
      const index = decodeIndexOf(config.id);
      return { config, log, decoded: index.status().lens && index.status().lens !== 'json' ? (seq: number) => index.messagesAt(seq) : undefined };
    }),
    templates: s.templates,
    // The workspace carries every script; a connection or a selection the scripts it decodes with.
    scripts: scope === 'workspace' ? s.scripts : s.scripts.filter((x) => configs.some((c) => String(c.decodeAs) === `script:${x.id}`)),
    includeSecrets,
    now: Date.now(),
    generator: GENERATOR,
  };
  if (scope === 'workspace') input.settings = { ...s.preferences };
  return input;
}
