import { newConnectionId } from '../../src/lib/ids';
import { Kind } from '../../src/lib/event-kind';
import { EventLog } from '../../src/core/event-log';
import { retentionLimits } from '../../src/services/sockets/socket-service';
import { addImportedTimelines } from '../../src/store/automate-actions';

/**
 * `window.sockpitHarness.fill(n)` adds a read-only timeline of n events (a
 * connecting and an open event, then received text messages `{"seq":k}`, one
 * millisecond apart) as an import would, selected, within the retention
 * limits set in Settings. Returns the number of events kept.
 */
function fill(n: number): number {
  const id = newConnectionId();
  const log = new EventLog(id, retentionLimits());
  const start = Date.UTC(2026, 11, 1, 12, 0, 0);
  const CHUNK = 65_536;
  const kinds = new Uint8Array(CHUNK);
  const times = new Float64Array(CHUNK);
  const sizes = new Float64Array(CHUNK);
  log.append(Kind.Connecting, start, 0, { url: 'ws://127.0.0.1/harness', protocols: [] });
  log.append(Kind.Open, start, 0, { protocol: '', extensions: '' });
  for (let from = 1; from <= n - 2; from += CHUNK) {
    const m = Math.min(CHUNK, n - 2 - from + 1);
    const data: string[] = new Array<string>(m);
    for (let i = 0; i < m; i++) {
      const k = from + i;
      const text = `{"seq":${k}}`;
      kinds[i] = Kind.InText;
      times[i] = start + k;
      sizes[i] = text.length;
      data[i] = text;
    }
    log.appendColumns(m, kinds, times, sizes, data);
  }
  addImportedTimelines([
    {
      config: { id, name: `harness ${n.toLocaleString('en-US')}`, url: 'ws://127.0.0.1/harness', protocols: '', binaryType: 'arraybuffer', source: 'import', importedFrom: 'harness' },
      log,
    },
  ]);
  return log.size;
}

(globalThis as { sockpitHarness?: unknown }).sockpitHarness = { fill };
