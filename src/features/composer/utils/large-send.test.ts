import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS as DEFAULT_RETENTION_FOR_TEST } from '../../../core/event-log';
import { confirmThresholdMiB, describeSize, needsSendConfirmation } from './large-send';

describe('large sends', () => {
  it('asks only above the threshold', () => {
    expect(needsSendConfirmation(16 * 1024 * 1024, 16)).toBe(false);
    expect(needsSendConfirmation(16 * 1024 * 1024 + 1, 16)).toBe(true);
    expect(needsSendConfirmation(64 * 1024 * 1024, 16)).toBe(true);
  });
  it('defaults to 16 MiB when the preference is unset or unusable', () => {
    expect(confirmThresholdMiB({ retention: DEFAULT_RETENTION_FOR_TEST })).toBe(16);
    expect(confirmThresholdMiB({ retention: DEFAULT_RETENTION_FOR_TEST, confirmSendMiB: -1 })).toBe(16);
    expect(confirmThresholdMiB({ retention: DEFAULT_RETENTION_FOR_TEST, confirmSendMiB: 64 })).toBe(64);
  });
  it('names a size both ways', () => {
    expect(describeSize(64 * 1024 * 1024)).toBe('64.0 MiB (67,108,864 bytes)');
  });
});
