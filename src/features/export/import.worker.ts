import { newConnectionId } from '../../lib/ids';
import { importFile } from './utils/import-file';
import type { ImportReply, ImportRequest } from './utils/import-wire';
import { logParts, readWithProgress, timelineHead, transferablesOf } from './utils/import-wire';

/**
 * The import Worker: reads, parses and checks a file off the main thread (a
 * 200 MiB JSON.parse is a second of work), then hands the page the built
 * timelines in parts (utils/import-wire.ts). The page ends it to cancel.
 */
let templateSeq = 0;
const newTemplateId = () => `t${Date.now().toString(36)}${(++templateSeq).toString(36)}${Math.floor(Math.random() * 0x1_0000_0000).toString(36)}`;

const post = (reply: ImportReply, transfer: Transferable[] = []) => self.postMessage(reply, { transfer });

/** Parts still to send, one per 'next' from the page. */
let parts: Iterator<Extract<ImportReply, { type: 'events' }>> | null = null;

function sendNext(): void {
  const next = parts?.next();
  if (!next || next.done) {
    parts = null;
    post({ type: 'done' });
    return;
  }
  post(next.value, transferablesOf(next.value.data));
}

self.addEventListener('message', (e: MessageEvent<ImportRequest>) => {
  if (e.data.type === 'next') sendNext();
  else void run(e.data);
});

function* allParts(timelines: readonly { log: Parameters<typeof logParts>[0] }[]): Generator<Extract<ImportReply, { type: 'events' }>> {
  for (let i = 0; i < timelines.length; i++) yield* logParts(timelines[i]!.log, i);
}

async function run({ file, limits, readOnly }: Extract<ImportRequest, { type: 'import' }>): Promise<void> {
  let lastTold = 0;
  const source = {
    name: file.name,
    size: file.size,
    text: async () => {
      const text = await readWithProgress(file, (bytes) => {
        // At most about a hundred progress messages for the whole file.
        if (bytes - lastTold >= file.size / 100 || bytes === file.size) {
          lastTold = bytes;
          post({ type: 'progress', phase: 'reading', bytes, total: file.size });
        }
      });
      post({ type: 'progress', phase: 'parsing', total: file.size });
      return text;
    },
  };
  const SLICE = 50_000;
  let checked = 0;
  const result = await importFile(source, {
    limits,
    readOnly,
    newConnectionId,
    newTemplateId,
    sliceSize: SLICE,
    pause: () => {
      checked += SLICE;
      post({ type: 'progress', phase: 'checking', events: checked });
      return Promise.resolve();
    },
  });
  if (!result.ok) {
    post({ type: 'failed', error: result.error });
    return;
  }
  const { timelines, ...rest } = result.data;
  post({ type: 'head', data: { ...rest, timelines: timelines.map(timelineHead) } });
  parts = allParts(timelines);
  sendNext();
}
