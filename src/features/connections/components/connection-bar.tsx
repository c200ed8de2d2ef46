import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { checkConfig, closeConnection, expandTyped, focusComposer, newConnection, reconnect, updateConnection, updateForm } from '../../../store/actions';
import type { ConnectionConfig } from '../../../store/types';
import { Button } from '../../../components/ui/button';
import { ConnectionStatus } from '../../../components/ui/connection-status';
import { hasSecrets, maskUrl } from '../../../lib/secrets';
import { hasVariables } from '../../../lib/environments';
import { ConnectionFields } from './connection-fields';
import type { ConnectionFieldValues } from './connection-fields';
import { ConnectButton } from './connect-button';
import { DecodeOptions } from './decode-options';
import { useDecodeStatus } from '../../../store/decode';

export type ConnectionBarProps = {
  connectionId: ConnectionId;
  /** at the end of the bar: Copy link */
  extra?: React.ReactNode;
};

const same = (a: ConnectionFieldValues, c: ConnectionConfig) => a.url === c.url && a.protocols === c.protocols && a.binaryType === c.binaryType;

/**
 * The selected connection in one line: status, URL (secrets masked until
 * revealed), subprotocols, options, and one Connect / Disconnect / Reconnect
 * control. Edits apply when it next connects.
 */
export function ConnectionBar({ connectionId, extra }: ConnectionBarProps) {
  const config = useStore((s) => s.connections.find((c) => c.id === connectionId));
  const state = useStore((s) => s.runtime[connectionId]?.readyState ?? 'CLOSED');
  const outcome = useStore((s) => s.runtime[connectionId]?.outcome);
  const [edit, setEdit] = useState<ConnectionFieldValues | null>(null);
  const [revealed, setRevealed] = useState(false);
  const decodeStatus = useDecodeStatus(connectionId);
  // The check fills in the environment in use: redraw when it changes.
  useStore((st) => st.environments);
  useStore((st) => st.activeEnvironment);
  if (!config) return null;
  const decodeAs = config.decodeAs ?? 'auto';
  const sessionLens = decodeAs === 'auto' ? decodeStatus.lens : decodeAs === 'raw' ? null : decodeAs;
  const values: ConnectionFieldValues = edit ?? { url: config.url, protocols: config.protocols, binaryType: config.binaryType, name: config.name };
  const dirty = edit !== null && !same(edit, config);
  const imported = config.source === 'import';
  const masked = hasSecrets(values.url) && !revealed;
  const checked = checkConfig(values.url, values.protocols);
  const errors = checked.ok ? {} : checked.errors;
  // An unknown {{variable}} is an error whether or not the URL was edited: the environment may have changed under it.
  const expanded = expandTyped(values.url, values.protocols);
  const shownErrors = dirty ? errors : expanded.ok ? {} : expanded.errors;
  const effective = checked.ok && (hasVariables(values.url) || hasVariables(values.protocols)) ? `Effective URL: ${maskUrl(checked.value.shownUrl)}` : '';
  const hint = [dirty ? 'Edited: applies when it connects again.' : '', effective].filter((t) => t !== '').join(' ');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (imported) return;
    if (state === 'OPEN' || state === 'CONNECTING') {
      if (!dirty) {
        closeConnection(connectionId);
        return;
      }
    }
    if (!checked.ok) return;
    if (dirty) updateConnection(connectionId, { url: values.url.trim(), protocols: values.protocols, binaryType: values.binaryType });
    setEdit(null);
    reconnect(connectionId);
    focusComposer();
  };

  return (
    <form aria-label="Connection" onSubmit={onSubmit} noValidate>
      <ConnectionFields
        idPrefix="conn"
        values={masked ? { ...values, url: maskUrl(values.url) } : values}
        onChange={(patch) => {
          if (patch.name !== undefined) updateConnection(connectionId, { name: patch.name });
          const { name: _name, ...rest } = patch;
          if (Object.keys(rest).length > 0) setEdit({ ...values, ...rest });
        }}
        urlError={shownErrors.url}
        protocolsError={shownErrors.protocols}
        urlHint={hint || undefined}
        placeholder="ws:// or wss:// URL"
        readOnly={imported || masked}
        options={
          <DecodeOptions
            idPrefix="conn"
            value={{ decodeAs, sessionManual: config.sessionManual === true, options: (sessionLens && config.sessionOptions?.[sessionLens]) || {} }}
            detected={decodeStatus.lens}
            optionsError={decodeStatus.optionsError}
            onChange={(patch) =>
              updateConnection(connectionId, {
                ...(patch.decodeAs !== undefined ? { decodeAs: patch.decodeAs } : {}),
                ...(patch.sessionManual !== undefined ? { sessionManual: patch.sessionManual } : {}),
                ...(patch.options !== undefined && sessionLens ? { sessionOptions: { ...config.sessionOptions, [sessionLens]: patch.options } } : {}),
              })
            }
          />
        }
        status={<ConnectionStatus state={state} outcome={outcome} className="max-w-56 shrink-0" />}
        actions={
          <>
            {masked && !imported ? (
              <Button size="sm" variant="ghost" onClick={() => setRevealed(true)} title="Show the URL with its secrets, to edit it">
                Reveal
              </Button>
            ) : null}
            {imported ? null : <ConnectButton state={state} dirty={dirty} />}
            {extra}
          </>
        }
      />
      {config.secretsDropped && !hasSecrets(config.url) ? (
        <p className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-3 py-1 text-xs text-amber-200">
          The credentials in this URL were not saved (Remember secrets was off), so it connects without them.
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              updateForm({ url: config.url, protocols: config.protocols, binaryType: config.binaryType, name: config.name, secretsDropped: false });
              newConnection();
            }}
          >
            Edit a copy in the form
          </Button>
        </p>
      ) : null}
    </form>
  );
}
