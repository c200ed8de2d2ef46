import type { Draft } from './types';

export const EMPTY_DRAFT: Draft = {
  mode: 'text',
  binaryFormat: 'hex',
  text: '',
  hex: '',
  base64: '',
  closeCode: '1000',
  closeReason: '',
};

/** Sends larger than this many MiB ask first (Settings, "Confirm sends larger than"). */
export const DEFAULT_CONFIRM_SEND_MIB = 16;

export { DEFAULT_SCRIPT_LIMITS } from '../lib/script-limits';
