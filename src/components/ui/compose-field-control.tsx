import type { ComposeField } from '../../lib/decode/types';
import { cn } from './cn';
import { inputClass } from './field';

export type ComposeFieldControlProps = {
  id: string;
  field: ComposeField;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean | undefined;
  invalid?: boolean | undefined;
  describedBy?: string | undefined;
  className?: string | undefined;
  /**
   * number fields as a number input (a spin button): settings such as a
   * keepalive. Without it they are text with a numeric keyboard, since a
   * message form's number may be left empty for "the next one".
   */
  spinNumbers?: boolean | undefined;
};

/** Credentials (passwords, passcodes, tokens) are typed masked. */
export function isSecretComposeField(f: ComposeField): boolean {
  return f.secret === true || /pass|secret|token/i.test(f.name);
}

/**
 * The control of one field of a protocol lens's form (lib/decode ComposeField):
 * a select, a textarea for text and JSON, a checkbox ('true' / ''), or an
 * input (masked for credentials). The caller draws the label and the help or
 * error line; a checkbox carries its own label.
 */
export function ComposeFieldControl({ id, field: f, value, onChange, disabled, invalid, describedBy, className, spinNumbers }: ComposeFieldControlProps) {
  const aria = { 'aria-invalid': invalid ? true : undefined, 'aria-describedby': describedBy };
  if (f.kind === 'checkbox') {
    return (
      <label className={cn('flex items-center gap-2 text-xs text-zinc-300', className)}>
        <input id={id} type="checkbox" checked={value === 'true'} disabled={disabled} onChange={(e) => onChange(e.target.checked ? 'true' : '')} />
        {f.label}
      </label>
    );
  }
  if (f.kind === 'select') {
    return (
      <select id={id} className={cn(inputClass, 'text-xs', className)} value={value} disabled={disabled} {...aria} onChange={(e) => onChange(e.target.value)}>
        {(f.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (f.kind === 'textarea' || f.kind === 'json') {
    return (
      <textarea
        id={id}
        className={cn(inputClass, 'h-16 font-mono text-xs', className)}
        value={value}
        disabled={disabled}
        spellCheck={false}
        placeholder={f.placeholder}
        {...aria}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <input
      id={id}
      className={cn(inputClass, 'font-mono text-xs', className)}
      type={isSecretComposeField(f) ? 'password' : f.kind === 'number' && spinNumbers ? 'number' : 'text'}
      inputMode={f.kind === 'number' && !spinNumbers ? 'numeric' : undefined}
      value={value}
      disabled={disabled}
      placeholder={f.placeholder}
      autoComplete="off"
      spellCheck={false}
      {...aria}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
