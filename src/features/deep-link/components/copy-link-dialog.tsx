import { useRef, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { hasSecrets, secretNames } from '../../../lib/secrets';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { CopyButton } from '../../../components/ui/copy-button';
import { IconButton } from '../../../components/ui/icon-button';
import { inputClass } from '../../../components/ui/field';
import { cn } from '../../../components/ui/cn';
import { buildDeepLink } from '../utils/deep-link';

export type CopyLinkDialogProps = {
  connectionId: ConnectionId;
  /** render the "Copy link" button; without it, open the dialog with openDialog('copy-link') */
  trigger?: boolean;
};

/**
 * "Copy link": a link to this page that fills in this connection's URL,
 * subprotocols and (if wanted) the composer's message. Secrets in the URL are
 * left out unless asked for. Opening the link never connects or sends.
 */
export function CopyLinkDialog({ connectionId, trigger = true }: CopyLinkDialogProps) {
  const dialog = useDialog();
  const linkField = useRef<HTMLTextAreaElement>(null);
  const config = useStore((s) => s.connections.find((c) => c.id === connectionId));
  const draft = useStore((s) => s.drafts[connectionId]);
  const [withMessage, setWithMessage] = useState(true);
  const [withSecrets, setWithSecrets] = useState(false);
  useDialogOpener('copy-link', dialog.open);
  if (!config) return null;
  const message = draft?.mode === 'text' ? draft.text : '';
  const secret = hasSecrets(config.url);
  const link = buildDeepLink(
    location.href,
    { url: config.url, protocols: config.protocols, name: config.name, binaryType: config.binaryType, message: withMessage ? message : '' },
    { includeSecrets: withSecrets },
  );
  const id = `copy-link-${connectionId}`;
  return (
    <>
      {trigger ? (
        <IconButton iconOnly label="Copy link" icon="link" className="h-8 px-2" onClick={dialog.open} />
      ) : null}
      <Dialog
        handle={dialog}
        id={id}
        title="Copy a link to this connection"
        footerStart={<CopyButton label="Copy" text={link} fallbackTarget={() => linkField.current} />}
        footer={<Button onClick={dialog.close}>Close</Button>}
      >
        <p className="text-sm text-zinc-300">Opening the link fills in the new-connection form{message && withMessage ? ' and the first message' : ''}. Nothing connects or sends until the person clicks.</p>
        {message ? (
          <label className="flex items-center gap-2 text-sm text-zinc-200">
            <input type="checkbox" className="accent-sky-500" checked={withMessage} onChange={(e) => setWithMessage(e.target.checked)} />
            Include the composer’s message
          </label>
        ) : null}
        {secret ? (
          <label className="flex items-start gap-2 text-sm text-zinc-200">
            <input type="checkbox" className="mt-1 accent-sky-500" checked={withSecrets} onChange={(e) => setWithSecrets(e.target.checked)} />
            <span>
              Include secrets ({secretNames(config.url).join(', ')})
              <span className={cn('block text-xs', withSecrets ? 'text-amber-200' : 'text-zinc-400')}>
                {withSecrets ? 'Anyone with the link can use these credentials.' : 'Left out: the link has the parameter names with empty values.'}
              </span>
            </span>
          </label>
        ) : null}
        <label htmlFor={`${id}-link`} className="text-xs font-medium text-zinc-300">
          Link
        </label>
        <textarea id={`${id}-link`} ref={linkField} readOnly value={link} rows={3} className={cn(inputClass, 'resize-none font-mono text-xs break-all')} />
      </Dialog>
    </>
  );
}
