import type { ReactNode } from 'react';
import type { BinaryType } from '../../../core/events';
import { cn } from '../../../components/ui/cn';
import { fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { Popover } from '../../../components/ui/popover';

export interface ConnectionFieldValues {
  url: string;
  protocols: string;
  binaryType: BinaryType;
  name: string;
}

export type ConnectionFieldsProps = {
  /** ids are `${idPrefix}-url`, `${idPrefix}-protocols`, … */
  idPrefix: string;
  values: ConnectionFieldValues;
  onChange: (patch: Partial<ConnectionFieldValues>) => void;
  urlError?: string | undefined;
  protocolsError?: string | undefined;
  /** under the URL when it has no error: the effective URL, notes */
  urlHint?: ReactNode;
  placeholder: string;
  readOnly?: boolean;
  /** before the URL: the status */
  status?: ReactNode;
  /** after the fields: Connect / Disconnect and friends */
  actions: ReactNode;
  /** more in the options panel (Remember secrets) */
  options?: ReactNode;
};

const barInput = cn(inputClass, 'h-8 py-1 font-mono text-[13px]');

/**
 * The one-line connection bar's fields: URL, subprotocols, and an Options
 * panel with the binary type and name. Errors and hints sit on the line under
 * the bar, each read as its own field's description.
 */
export function ConnectionFields({ idPrefix: p, values, onChange, urlError, protocolsError, urlHint, placeholder, readOnly, status, actions, options }: ConnectionFieldsProps) {
  const urlDesc = urlError ?? urlHint;
  return (
    <div className="flex flex-col gap-0.5 border-b border-zinc-800 px-3 py-1.5">
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        {status}
        <label htmlFor={`${p}-url`} className="sr-only">
          URL
        </label>
        <input
          id={`${p}-url`}
          className={cn(barInput, 'min-w-40 flex-1')}
          value={values.url}
          readOnly={readOnly}
          onChange={(e) => onChange({ url: e.target.value })}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={fieldDescribedBy(`${p}-url`)}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
        />
        <label htmlFor={`${p}-protocols`} className="sr-only">
          Subprotocols
        </label>
        <input
          id={`${p}-protocols`}
          className={cn(barInput, 'w-28 shrink-0 xl:w-44')}
          value={values.protocols}
          readOnly={readOnly}
          onChange={(e) => onChange({ protocols: e.target.value })}
          aria-invalid={protocolsError ? true : undefined}
          aria-describedby={fieldDescribedBy(`${p}-protocols`)}
          placeholder="Subprotocols"
          title="Subprotocols, comma-separated, e.g. sockpit.v1, json"
          spellCheck={false}
          autoComplete="off"
        />
        <Popover trigger={<>Options ▾</>} label="Connection options" title="Connection options" align="right" panelClassName="w-72 max-h-[calc(100vh-6rem)] overflow-y-auto">
          <div className="flex flex-col gap-2">
            <label htmlFor={`${p}-binary-type`} className="text-xs font-medium text-zinc-300">
              Binary type
            </label>
            <select id={`${p}-binary-type`} className={inputClass} value={values.binaryType} disabled={readOnly} onChange={(e) => onChange({ binaryType: e.target.value as BinaryType })} aria-describedby={`${p}-binary-type-hint`}>
              <option value="arraybuffer">arraybuffer</option>
              <option value="blob">blob</option>
            </select>
            <p id={`${p}-binary-type-hint`} className="text-xs text-zinc-400">
              How binary frames arrive (ws.binaryType)
            </p>
            <label htmlFor={`${p}-name`} className="text-xs font-medium text-zinc-300">
              Name
            </label>
            <input id={`${p}-name`} className={inputClass} value={values.name} onChange={(e) => onChange({ name: e.target.value })} placeholder="Optional" autoComplete="off" />
            {options}
          </div>
        </Popover>
        {actions}
      </div>
      <div className={cn('flex min-w-0 gap-4 text-xs', !urlDesc && !protocolsError && 'sr-only')}>
        <span id={fieldDescribedBy(`${p}-url`)} className={cn('min-w-0 break-words', urlError ? 'text-rose-300' : 'text-zinc-400')}>
          {urlDesc}
        </span>
        <span id={fieldDescribedBy(`${p}-protocols`)} className="ml-auto min-w-0 break-words text-rose-300">
          {protocolsError}
        </span>
      </div>
    </div>
  );
}
