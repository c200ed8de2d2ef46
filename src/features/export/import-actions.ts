import { newConnectionId } from '../../lib/ids';
import { formatCount } from '../../lib/codecs';
import { yieldToMain } from '../../lib/slices';
import { retentionLimits } from '../../services/sockets/socket-service';
import { EventLog } from '../../core/event-log';
import type { RetentionLimits } from '../../core/event-log';
import { addImportedTimelines, newTemplateId, replaceWorkspace } from '../../store/automate-actions';
import { addImportedScripts, importedScripts } from '../../store/scripts-actions';
import { pause } from './utils/check';
import { importFile } from './utils/import-file';
import type { ImportResult } from './utils/import-file';
import type { ImportedData } from './utils/import-types';
import type { ImportPhase, ImportReply, ImportRequest, TimelineHead } from './utils/import-wire';

export type ImportMode = 'timelines' | 'workspace';

export function importSummary(data: ImportedData): string {
  const events = data.timelines.reduce((n, t) => n + t.events, 0);
  const c = data.timelines.length;
  return `${c} ${c === 1 ? 'connection' : 'connections'}, ${formatCount(events)} ${data.kind === 'har' ? 'messages' : 'events'}`;
}

export interface ReadImportOptions {
  /** told as the file is read, parsed, checked and opened */
  onProgress?: (phase: ImportPhase) => void;
  /** aborting stops the import at once (the Worker is ended); the result is then { ok: false, error: 'cancelled' } */
  signal?: AbortSignal;
}

/** Reads and checks a file in full; for a workspace it must be a Sockpit JSON export. */
export async function readImport(file: File, mode: ImportMode, options: ReadImportOptions = {}): Promise<ImportResult> {
  const limits = retentionLimits();
  const readOnly = mode === 'timelines';
  const result =
    typeof Worker === 'undefined'
      ? await importFile(file, { limits, readOnly, newConnectionId, newTemplateId, pause })
      : await importInWorker({ file, limits, readOnly }, options);
  if (!result.ok) return result;
  if (mode === 'workspace' && result.data.kind !== 'sockpit') {
    return { ok: false, error: `Cannot use ${file.name} as a workspace: it is a ${result.data.description}; a workspace file is a Sockpit JSON export.` };
  }
  return result;
}

/** A log rebuilt on the page from the Worker's parts. */
function emptyLog(head: TimelineHead, limits: RetentionLimits): EventLog {
  const log = new EventLog(head.config.id, limits);
  log.beginAt(head.start);
  return log;
}

/**
 * Runs the import in a Worker (import.worker.ts): reading, JSON.parse and the
 * checks happen there; the page only appends the built events, one part per
 * task. Aborting ends the Worker.
 */
function importInWorker(request: { file: File; limits: RetentionLimits; readOnly: boolean }, { onProgress, signal }: ReadImportOptions): Promise<ImportResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'sockpit-import' });
    let head: Extract<ImportReply, { type: 'head' }>['data'] | null = null;
    let logs: EventLog[] = [];
    let opened = 0;
    let total = 0;
    let settled = false;
    const finish = (result: ImportResult) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = () => finish({ ok: false, error: 'cancelled' });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      finish({ ok: false, error: `Cannot import ${request.file.name}: the import stopped (${e.message || 'the import worker failed'})` });
    });
    worker.addEventListener('message', (e: MessageEvent<ImportReply>) => {
      const m = e.data;
      switch (m.type) {
        case 'progress':
          onProgress?.(m);
          return;
        case 'failed':
          finish({ ok: false, error: m.error });
          return;
        case 'head':
          head = m.data;
          logs = m.data.timelines.map((t) => emptyLog(t, request.limits));
          total = m.data.timelines.reduce((n, t) => n + (t.counters.total - t.start), 0);
          onProgress?.({ phase: 'opening', events: 0, total });
          return;
        case 'events':
          logs[m.timeline]?.appendColumns(m.n, m.kinds, m.times, m.sizes, m.data);
          opened += m.n;
          onProgress?.({ phase: 'opening', events: opened, total });
          worker.postMessage({ type: 'next' } satisfies ImportRequest);
          return;
        case 'done': {
          if (!head) return finish({ ok: false, error: `Cannot import ${request.file.name}: the import stopped early` });
          const h = head;
          const timelines = h.timelines.map(({ start: _start, counters, ...t }, i) => {
            const log = logs[i] as EventLog;
            log.restoreCounters(counters);
            return { ...t, log };
          });
          // What the caller does next (open the timelines: a render of the new rows) runs in a task of its own, not after this one's work.
          void yieldToMain().then(() => finish({ ok: true, data: { ...h, timelines } }));
          return;
        }
      }
    });
    worker.postMessage({ type: 'import', ...request } satisfies ImportRequest);
  });
}

/** What the import says about the scripts it brought: they are off until read and enabled. */
function scriptsNote(count: number): string {
  if (count === 0) return '';
  return ` ${count} ${count === 1 ? 'script' : 'scripts'} came with it, disabled: read ${count === 1 ? 'it' : 'them'} in Scripts and enable ${count === 1 ? 'it' : 'them'} to run.`;
}

/** Opens the data as read-only timelines, or replaces the workspace with it; returns what happened, in a sentence. */
export function applyImport(mode: ImportMode, data: ImportedData, fileName: string): string {
  const timelines = data.timelines.map((t) => ({ config: t.config, log: t.log }));
  const scripts = importedScripts(data.scripts, fileName);
  if (mode === 'workspace') {
    replaceWorkspace({ connections: timelines, templates: data.templates, scripts, preferences: data.settings });
    return `Workspace replaced from ${fileName}: ${importSummary(data)}, ${data.templates.length} saved messages.${scriptsNote(scripts.length)}`;
  }
  addImportedTimelines(timelines);
  const added = addImportedScripts(scripts);
  const extra = data.warnings.length > 0 ? ` (${data.warnings.join('; ')})` : '';
  return `Imported ${importSummary(data)} from ${fileName} (${data.description}), read-only${extra}.${scriptsNote(added)}`;
}
