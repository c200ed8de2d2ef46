import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import type { ConnectionConfig } from '../../../store/types';
import type { CloseRequest } from '../../../store/close-requests';
import { parseSubprotocols } from '../../../lib/subprotocols';
import { hasSecrets, maskUrl } from '../../../lib/secrets';
import { generateCode } from '../utils/generate-code';
import { sessionCodeInput } from '../utils/session-code';
import type { Session } from '../utils/session';
import { CopyButton } from '../../../components/ui/copy-button';

export type CodePanelProps = {
  config: ConnectionConfig;
  session: Session;
  closeRequest: CloseRequest | null;
};

/** Reads the bytes of sent Blobs (files) so the code can spell them out. */
function useBlobBytes(session: Session): ReadonlyMap<number, Uint8Array> {
  const [bytes, setBytes] = useState<ReadonlyMap<number, Uint8Array>>(new Map());
  useEffect(() => {
    let live = true;
    const blobs = session.sends.flatMap((s) => (s.payload.kind === 'binary' && s.payload.data instanceof Blob && !bytes.has(s.seq) ? [{ seq: s.seq, blob: s.payload.data }] : []));
    if (blobs.length === 0) return;
    void Promise.all(blobs.map(async ({ seq, blob }) => [seq, new Uint8Array(await blob.arrayBuffer())] as const)).then((read) => {
      if (live) setBytes((prev) => new Map([...prev, ...read]));
    });
    return () => {
      live = false;
    };
  }, [session, bytes]);
  return bytes;
}

function protocolsOf(config: ConnectionConfig): string[] {
  const p = parseSubprotocols(config.protocols);
  return p.ok ? p.protocols : [];
}

/**
 * What the user did on the selected connection's latest socket, as plain
 * JavaScript to paste into a browser console. Sockpit never runs it.
 */
export function CodePanel({ config, session, closeRequest }: CodePanelProps) {
  const [timing, setTiming] = useState(true);
  const [showSecrets, setShowSecrets] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const blobBytes = useBlobBytes(session);
  const code = useMemo(
    () =>
      generateCode(
        sessionCodeInput(session, {
          fallbackUrl: config.url,
          fallbackProtocols: protocolsOf(config),
          binaryType: config.binaryType,
          closeRequest,
          blobBytes,
          timing,
        }),
      ),
    [session, config, closeRequest, blobBytes, timing],
  );
  const url = session.url ?? config.url;
  const secret = hasSecrets(url);
  const shown = secret && !showSecrets ? code.split(url).join(maskUrl(url)) : code;
  const id = `code-${config.id as ConnectionId}`;
  return (
    <section aria-labelledby={`${id}-heading`} className="flex min-h-0 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id={`${id}-heading`} className="text-sm font-semibold text-zinc-200">
          The same in plain JavaScript
        </h3>
        <CopyButton label="Copy code" text={code} fallbackTarget={() => pre.current} />
      </div>
      <div className="flex flex-wrap gap-4 text-xs text-zinc-300">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" className="accent-sky-500" checked={timing} onChange={(e) => setTiming(e.target.checked)} />
          Replay at the original times
        </label>
        {secret ? (
          <label className="flex items-center gap-1.5">
            <input type="checkbox" className="accent-sky-500" checked={showSecrets} onChange={(e) => setShowSecrets(e.target.checked)} />
            Show secrets (Copy always copies the real URL)
          </label>
        ) : null}
      </div>
      <pre
        ref={pre}
        tabIndex={0}
        aria-label="JavaScript code"
        className="min-h-0 flex-1 overflow-auto rounded-md border border-zinc-700 bg-zinc-900 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        <code>{shown}</code>
      </pre>
      <p className="text-xs text-zinc-400">Paste it into the console of any page (DevTools → Console); the messages appear there as the handlers log them.</p>
    </section>
  );
}
