export const CONFIRM_MIB_RANGE = { min: 1, max: 4096 } as const;
export type ConfirmSendCheck = { ok: true; mib: number } | { ok: false; error: string };

/** Parses "Confirm sends larger than (MiB)": a whole number of MiB. */
export function checkConfirmSendMiB(text: string): ConfirmSendCheck {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d+$/.test(t)) return { ok: false, error: 'Enter a whole number of MiB' };
  const mib = Number(t);
  if (mib < CONFIRM_MIB_RANGE.min || mib > CONFIRM_MIB_RANGE.max) return { ok: false, error: `Between ${CONFIRM_MIB_RANGE.min} and ${CONFIRM_MIB_RANGE.max} MiB` };
  return { ok: true, mib };
}
