import { describe, expect, it } from 'vitest';
import { checkConfirmSendMiB } from './confirm-send';

describe('checkConfirmSendMiB', () => {
  it('takes a whole number of MiB, separators allowed', () => {
    expect(checkConfirmSendMiB(' 16 ')).toEqual({ ok: true, mib: 16 });
    expect(checkConfirmSendMiB('1,024')).toEqual({ ok: true, mib: 1024 });
  });
  it('refuses anything else with a reason', () => {
    expect(checkConfirmSendMiB('')).toEqual({ ok: false, error: 'Enter a whole number of MiB' });
    expect(checkConfirmSendMiB('1.5')).toEqual({ ok: false, error: 'Enter a whole number of MiB' });
    expect(checkConfirmSendMiB('0')).toEqual({ ok: false, error: 'Between 1 and 4096 MiB' });
    expect(checkConfirmSendMiB('5000')).toEqual({ ok: false, error: 'Between 1 and 4096 MiB' });
  });
});
