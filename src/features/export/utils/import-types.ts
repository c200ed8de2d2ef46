import type { ConnectionId } from '../../../lib/ids';
import type { EventLog, RetentionLimits } from '../../../core/event-log';
import type { Template } from '../../../store/automate-slice';
import type { ConnectionConfig, Preferences } from '../../../store/types';
import type { ExportScope } from './schema';

export interface ImportOptions {
  fileName: string;
  /** retention limits of the logs built (the app's current settings) */
  limits: RetentionLimits;
  /** true: timelines are read-only imports; false: restored as ordinary (closed) connections */
  readOnly: boolean;
  newConnectionId: () => ConnectionId;
  newTemplateId: () => string;
  /** awaited between slices of events (setTimeout 0 in the page; nothing in tests) */
  pause?: () => Promise<void>;
  /** events between pauses */
  sliceSize?: number;
}

export interface ImportedTimeline {
  /** the connection's id in the file */
  originalId: string;
  config: ConnectionConfig;
  log: EventLog;
  /** events read from the file */
  events: number;
}

export interface ImportedData {
  kind: 'sockpit' | 'har';
  /** what the file is, for the status line: "Sockpit JSON, workspace", "HAR from WebInspector 537.36" */
  description: string;
  scope: ExportScope | null;
  /** true when the file says its secrets were redacted */
  redacted: boolean;
  timelines: ImportedTimeline[];
  /** templates, their connection ids mapped to the new connections (or null) */
  templates: Template[];
  /** user scripts from the file, checked; the page keeps them disabled until the user enables them */
  scripts: { id: string; name: string; source: string }[];
  /** settings from a workspace file, checked */
  settings: Partial<Preferences> | null;
  /** things skipped on the way, for the status line */
  warnings: string[];
}
