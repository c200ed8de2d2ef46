import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EMPTY_DRAFT } from '../../../store/defaults';
import { checkTemplateForm, formFromDraft, formOf, templateOf } from './template-draft';

describe('template form', () => {
  it('needs a name of at most 80 characters', () => {
    expect(checkTemplateForm({ name: '  ', global: false, format: 'text', body: '' })).toMatchObject({ ok: false, field: 'name' });
    expect(checkTemplateForm({ name: 'x'.repeat(81), global: false, format: 'text', body: '' })).toMatchObject({ ok: false, error: 'At most 80 characters (81 now)' });
    expect(checkTemplateForm({ name: ' ping ', global: false, format: 'text', body: '' })).toEqual({ ok: true, name: 'ping' });
  });

  it('round-trips a template through the form', () => {
    const c = asConnectionId('c1');
    const t = templateOf('t1', { name: 'ping', global: false, format: 'hex', body: '00' }, 'ping', c);
    expect(t).toEqual({ id: 't1', name: 'ping', connectionId: c, format: 'hex', body: '00' });
    expect(formOf(t)).toEqual({ name: 'ping', global: false, format: 'hex', body: '00' });
    expect(templateOf('t2', { ...formOf(t), global: true }, 'ping', c).connectionId).toBeNull();
  });

  it('starts from the composer message', () => {
    expect(formFromDraft({ ...EMPTY_DRAFT, text: 'hi' })).toMatchObject({ format: 'text', body: 'hi' });
    expect(formFromDraft({ ...EMPTY_DRAFT, mode: 'binary', binaryFormat: 'base64', base64: 'AP8=' })).toMatchObject({ format: 'base64', body: 'AP8=' });
    expect(formFromDraft({ ...EMPTY_DRAFT, mode: 'binary', binaryFormat: 'file' })).toMatchObject({ format: 'text', body: '' });
  });
});
