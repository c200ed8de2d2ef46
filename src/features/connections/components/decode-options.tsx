import { useMemo, useState } from 'react';
import { LENSES, lensInfo } from '../../../lib/decode/registry';
import type { DecodeAs, LensId } from '../../../lib/decode/types';
import { inputClass } from '../../../components/ui/field';
import { readTextFile } from '../../../lib/text-file';
import { ComposeFieldControl } from '../../../components/ui/compose-field-control';
import { useStore } from '../../../store/store';
import { scriptDecodeAs, scriptIdOf } from '../../../store/scripts-slice';
import { useLens } from '../hooks/use-options-check';

export interface DecodeChoice {
  decodeAs: DecodeAs;
  sessionManual: boolean;
  /** the chosen lens's session options */
  options: Record<string, string>;
}

export type DecodeOptionsProps = {
  idPrefix: string;
  value: DecodeChoice;
  onChange: (patch: Partial<DecodeChoice>) => void;
  /** under Auto: the lens the timeline detected, if any */
  detected?: LensId | null | undefined;
  readOnly?: boolean | undefined;
  /** the lens's options could not be used (a .proto syntax error): shown next to that option */
  optionsError?: { error: string; field?: string | undefined } | undefined;
};

/** Enabled scripts that define decode (or are not checked yet), for Decode as: "Script: name". */
function useScriptChoices(current: string): { value: string; label: string }[] {
  const scripts = useStore((s) => s.scripts);
  const functions = useStore((s) => s.scriptFunctions);
  return useMemo(() => {
    const out: { value: string; label: string }[] = scripts
      .filter((x) => x.enabled && x.importedFrom === undefined && (functions[x.id]?.includes('decode') ?? true))
      .map((x) => ({ value: scriptDecodeAs(x.id), label: `Script: ${x.name}` }));
    const id = scriptIdOf(current);
    // A script the connection decodes with that is now off or gone: keep it visible, so the choice shows.
    if (id && !out.some((o) => o.value === current)) {
      const x = scripts.find((y) => y.id === id);
      out.push({ value: current, label: `Script: ${x?.name ?? 'deleted'} (${x ? 'disabled' : 'not found'})` });
    }
    return out;
  }, [scripts, functions, current]);
}

/**
 * Decode as (Auto, Raw or a protocol), whether the protocol session runs by
 * itself, and the session's options: in the connection's Options panel.
 */
export function DecodeOptions({ idPrefix: p, value, onChange, detected, readOnly, optionsError }: DecodeOptionsProps) {
  const scriptChoices = useScriptChoices(value.decodeAs);
  // A file that could not be loaded into a field (too large, not UTF-8): shown at that field until it is edited.
  const [loadErrors, setLoadErrors] = useState<Record<string, string>>({});
  const scriptId = scriptIdOf(value.decodeAs);
  const scriptName = useStore((s) => (scriptId ? s.scripts.find((x) => x.id === scriptId)?.name : undefined));
  const lensId = value.decodeAs === 'auto' ? (detected ?? null) : value.decodeAs === 'raw' || scriptId ? null : (value.decodeAs as LensId);
  const lens = useLens(lensId);
  const fields = lens?.session && !value.sessionManual ? (lens.sessionFields ?? []) : [];
  // How the lens reads frames (protobuf: the .proto and message type; MQTT: the payload encoding).
  const lensFields = lens ? (lens.optionsFields ?? []) : [];
  const hint =
    value.decodeAs === 'auto'
      ? detected
        ? `Detected: ${lensInfo(detected)?.name ?? detected}.`
        : 'Detected from the URL, the subprotocol and the first frames.'
      : value.decodeAs === 'raw'
        ? 'Frames are shown as sent; no protocol session.'
        : scriptId
          ? scriptName
            ? `Your script "${scriptName}" decodes each frame in the sandbox (Scripts panel).`
            : 'The script this connection decoded with is gone: choose another.'
          : (lensInfo(value.decodeAs as LensId)?.description ?? '');
  return (
    <div className="flex flex-col gap-2 border-t border-zinc-800 pt-2">
      <label htmlFor={`${p}-decode-as`} className="text-xs font-medium text-zinc-300">
        Decode as
      </label>
      <select
        id={`${p}-decode-as`}
        className={inputClass}
        value={value.decodeAs}
        disabled={readOnly}
        onChange={(e) => onChange({ decodeAs: e.target.value as DecodeAs })}
        aria-describedby={`${p}-decode-as-hint`}
      >
        <option value="auto">Auto</option>
        <option value="raw">Raw</option>
        {LENSES.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
        {scriptChoices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p id={`${p}-decode-as-hint`} className="text-xs text-zinc-400">
        {hint}
      </p>
      {lens?.session ? (
        <>
          <label className="flex items-center gap-2 text-xs text-zinc-300">
            <input type="checkbox" checked={!value.sessionManual} disabled={readOnly} onChange={(e) => onChange({ sessionManual: !e.target.checked })} />
            Automatic {lens.name} session
          </label>
          <p className="text-xs text-zinc-400">
            {value.sessionManual ? 'Manual: nothing is sent for you; the server may drop a connection that does not answer its heartbeats.' : 'Handshakes and heartbeats are sent for you (applies when it connects again).'}
          </p>
        </>
      ) : null}
      {[...lensFields, ...fields].map((f) => {
                const id = `${p}-session-${f.name}`;
                const v = value.options[f.name] ?? f.initial ?? '';
                const set = (x: string) => onChange({ options: { ...value.options, [f.name]: x } });
                const loadError = loadErrors[f.name] ?? null;
                const error = loadError ?? (optionsError && optionsError.field === f.name ? optionsError.error : null);
                if (f.kind === 'checkbox') return <ComposeFieldControl key={f.name} id={id} field={f} value={v} onChange={set} disabled={readOnly} />;
                return (
                  <div key={f.name} className="flex flex-col gap-1">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <label htmlFor={id} className="text-xs font-medium text-zinc-300">
                        {f.label}
                      </label>
                      {f.load && !readOnly ? (
                        <>
                          <input
                            id={`${id}-file`}
                            type="file"
                            accept={f.load.accept}
                            className="peer sr-only"
                            onChange={(e) => {
                              const input = e.currentTarget;
                              const file = input.files?.[0];
                              if (!file) return;
                              void readTextFile(file).then((r) => {
                                setLoadErrors((old) => {
                                  const { [f.name]: _gone, ...rest } = old;
                                  return r.ok ? rest : { ...rest, [f.name]: r.error };
                                });
                                if (r.ok) set(r.text);
                              });
                              // The same file chosen again (edited on disk) loads again.
                              input.value = '';
                            }}
                          />
                          <label htmlFor={`${id}-file`} className="cursor-pointer rounded-sm text-xs text-sky-300 underline-offset-2 hover:underline peer-focus-visible:outline-2 peer-focus-visible:outline-sky-400">
                            {f.load.label}
                          </label>
                        </>
                      ) : null}
                    </div>
                    <ComposeFieldControl
                      id={id}
                      field={f}
                      value={v}
                      onChange={(x) => {
                        if (loadError) setLoadErrors(({ [f.name]: _gone, ...rest }) => rest);
                        set(x);
                      }}
                      disabled={readOnly}
                      invalid={error !== null}
                      describedBy={error ? `${id}-error` : undefined}
                      spinNumbers
                    />
                    {error ? (
                      <p id={`${id}-error`} className="text-xs text-rose-300">
                        {error}
                      </p>
                    ) : f.help ? (
                      <p className="text-xs text-zinc-400">{f.help}</p>
                    ) : null}
                  </div>
                );
              })}
      {optionsError && !lensFields.some((f) => f.name === optionsError.field) ? <p className="text-xs text-rose-300">{optionsError.error}</p> : null}
    </div>
  );
}
