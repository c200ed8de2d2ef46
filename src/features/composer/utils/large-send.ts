import { formatBytes } from '../../../lib/codecs';
import { DEFAULT_CONFIRM_SEND_MIB } from '../../../store/defaults';
import type { Preferences } from '../../../store/types';

const MIB = 1024 * 1024;

/** The threshold in MiB above which a send asks first (Settings, "Confirm sends larger than"). */
export function confirmThresholdMiB(preferences: Preferences): number {
  const mib = preferences.confirmSendMiB;
  return typeof mib === 'number' && Number.isFinite(mib) && mib > 0 ? mib : DEFAULT_CONFIRM_SEND_MIB;
}

/** True when a send of `bytes` must be confirmed under a threshold of `mib` MiB. */
export function needsSendConfirmation(bytes: number, mib: number): boolean {
  return bytes > mib * MIB;
}

/** "64.0 MiB (67,108,864 bytes)" */
export function describeSize(bytes: number): string {
  return `${formatBytes(bytes)} (${bytes.toLocaleString('en-US')} bytes)`;
}
