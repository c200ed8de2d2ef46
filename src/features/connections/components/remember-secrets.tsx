export type RememberSecretsProps = { checked: boolean; onChange: (checked: boolean) => void };

/** Shown under the bar when the URL carries a token, key or password. */
export function RememberSecrets({ checked, onChange }: RememberSecretsProps) {
  return (
    <label className="flex items-center gap-2 border-b border-zinc-800 px-3 py-1 text-xs text-zinc-300">
      <input type="checkbox" className="accent-sky-500" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        Remember secrets
        <span className="text-zinc-400"> · store the URL’s token, key or password in this browser; off: shown masked and kept for this session only</span>
      </span>
    </label>
  );
}
