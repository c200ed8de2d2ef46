import { newConnectionId } from '../../lib/ids';
import { formatCount } from '../../lib/codecs';
import { retentionLimits } from '../../services/sockets/socket-service';
import { addImportedTimelines, newTemplateId, replaceWorkspace } from '../../store/automate-actions';
import { pause } from './utils/check';
import { importFile } from './utils/import-file';
import type { ImportedData } from './utils/import-types';

export type ImportMode = 'timelines' | 'workspace';

export function importSummary(data: ImportedData): string {
  const events = data.timelines.reduce((n, t) => n + t.events, 0);
  const c = data.timelines.length;
  return `${c} ${c === 1 ? 'connection' : 'connections'}, ${formatCount(events)} ${data.kind === 'har' ? 'messages' : 'events'}`;
}

/** Reads and checks a file in full; for a workspace it must be a Sockpit JSON export. */
export async function readImport(file: File, mode: ImportMode): Promise<{ ok: true; data: ImportedData } | { ok: false; error: string }> {
  const result = await importFile(file, { limits: retentionLimits(), readOnly: mode === 'timelines', newConnectionId, newTemplateId, pause });
  if (!result.ok) return result;
  if (mode === 'workspace' && result.data.kind !== 'sockpit') {
    return { ok: false, error: `Cannot use ${file.name} as a workspace: it is a ${result.data.description}; a workspace file is a Sockpit JSON export.` };
  }
  return result;
}

/** Opens the data as read-only timelines, or replaces the workspace with it; returns what happened, in a sentence. */
export function applyImport(mode: ImportMode, data: ImportedData, fileName: string): string {
  const timelines = data.timelines.map((t) => ({ config: t.config, log: t.log }));
  if (mode === 'workspace') {
    replaceWorkspace({ connections: timelines, templates: data.templates, preferences: data.settings });
    return `Workspace replaced from ${fileName}: ${importSummary(data)}, ${data.templates.length} saved messages.`;
  }
  addImportedTimelines(timelines);
  const extra = data.warnings.length > 0 ? ` (${data.warnings.join('; ')})` : '';
  return `Imported ${importSummary(data)} from ${fileName} (${data.description}), read-only${extra}.`;
}
