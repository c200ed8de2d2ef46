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
