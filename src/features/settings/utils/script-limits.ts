import { SCRIPT_LIMIT_FIELDS, SCRIPT_LIMIT_RANGES } from '../../../lib/script-limits';
import type { ScriptLimits } from '../../../lib/script-limits';

export type ScriptLimitField = keyof ScriptLimits;
export type ScriptLimitsCheck = { ok: true; limits: ScriptLimits } | { ok: false; errors: Partial<Record<ScriptLimitField, string>> };

function whole(text: string, field: ScriptLimitField): number | string {
  const { min, max, unit } = SCRIPT_LIMIT_RANGES[field];
  const t = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d+$/.test(t)) return `Enter a whole number of ${unit}`;
  const n = Number(t);
  if (n < min || n > max) return `Between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')} ${unit}`;
  return n;
}

/** Parses the three fields; every field's error at once, so each shows beside its own field. */
export function checkScriptLimits(text: Record<ScriptLimitField, string>): ScriptLimitsCheck {
  const errors: Partial<Record<ScriptLimitField, string>> = {};
  const out: Partial<ScriptLimits> = {};
  for (const field of SCRIPT_LIMIT_FIELDS) {
    const v = whole(text[field], field);
    if (typeof v === 'string') errors[field] = v;
    else out[field] = v;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, limits: out as ScriptLimits };
}

