import { cn } from './cn';

export type RadioGroupProps<T extends string> = {
  legend: string;
  name: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
};

/**
 * Native radios styled as a segmented control: arrow keys move between them.
 * No overflow clipping on the frame: the focus ring must show whole.
 */
export function RadioGroup<T extends string>({ legend, name, options, value, onChange }: RadioGroupProps<T>) {
  return (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">{legend}</legend>
      <div className="inline-flex rounded-md border border-zinc-600">
        {options.map((o) => (
          <label
            key={o.value}
            className={cn(
              'relative cursor-pointer px-3 py-1 text-xs font-medium first:rounded-l-[5px] last:rounded-r-[5px] has-[:focus-visible]:z-10 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-400',
              value === o.value ? 'bg-sky-700 text-white' : 'bg-zinc-900 text-zinc-300 hover:bg-zinc-800',
            )}
          >
            <input type="radio" className="absolute inset-0 m-0 cursor-pointer opacity-0" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
