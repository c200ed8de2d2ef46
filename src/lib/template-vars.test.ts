import { describe, expect, it } from 'vitest';
import { buildTemplatePayload, expandTemplate, liveContext, usesVariables } from './template-vars';
import type { ExpandContext } from './template-vars';

function fixed(overrides: Partial<ExpandContext> = {}): ExpandContext {
  let u = 0;
  let r = 0;
  return {
    counter: 7,
    now: Date.UTC(2026, 10, 24, 6, 43, 7, 125),
    uuid: () => `uuid-${++u}`,
    random: () => ++r * 1000,
    ...overrides,
  };
}

describe('expandTemplate', () => {
  it('replaces each variable', () => {
    const r = expandTemplate('{"n":{{counter}},"t":{{timestamp}},"iso":"{{isoTime}}","id":"{{uuid}}","r":{{random}}}', fixed());
    expect(r.text).toBe('{"n":7,"t":1795502587125,"iso":"2026-11-24T06:43:07.125Z","id":"uuid-1","r":1000}');
    expect(r.used).toEqual(['counter', 'timestamp', 'isoTime', 'uuid', 'random']);
    expect(r.unknown).toEqual([]);
  });

  it('gives a fresh uuid and random per occurrence, one time per message', () => {
    const r = expandTemplate('{{uuid}} {{uuid}} {{random}} {{random}} {{timestamp}} {{timestamp}}', fixed());
    expect(r.text).toBe('uuid-1 uuid-2 1000 2000 1795502587125 1795502587125');
    expect(r.used).toEqual(['uuid', 'random', 'timestamp']);
  });

  it('allows spaces inside the braces', () => {
    expect(expandTemplate('{{ counter }}|{{counter  }}', fixed()).text).toBe('7|7');
  });

  it('keeps unknown names and stray braces as typed and reports them once', () => {
    const body = '{{name}} {{ name }} {{}} {{1x}} { {counter} } {{counter}';
    const r = expandTemplate(body, fixed());
    expect(r.text).toBe(body);
    expect(r.unknown).toEqual(['name']);
    expect(r.used).toEqual([]);
  });

  it('is case-sensitive: isoTime yes, ISOTIME no', () => {
    expect(expandTemplate('{{ISOTIME}}', fixed()).text).toBe('{{ISOTIME}}');
  });

  it('never evaluates anything', () => {
    const body = '{{constructor}} {{__proto__}} {{toString}} ${1+1} {{counter+1}}';
    const r = expandTemplate(body, fixed());
    expect(r.text).toBe(body);
    expect(r.unknown).toEqual(['constructor', '__proto__', 'toString']);
  });

  it('treats replacement patterns in values literally', () => {
    const r = expandTemplate('{{uuid}}', fixed({ uuid: () => '$& $1 $$' }));
    expect(r.text).toBe('$& $1 $$');
  });

  it('floors the timestamp and keeps random unsigned', () => {
    expect(expandTemplate('{{timestamp}}', fixed({ now: 1.9 })).text).toBe('1');
    expect(expandTemplate('{{random}}', fixed({ random: () => -1 })).text).toBe('4294967295');
  });
});

describe('usesVariables', () => {
  it('is true only for known variables', () => {
    expect(usesVariables('a {{counter}} b')).toBe(true);
    expect(usesVariables('a {{nope}} b')).toBe(false);
    expect(usesVariables('plain')).toBe(false);
  });
});

describe('liveContext', () => {
  it('makes real UUIDs and 32-bit integers', () => {
    const r = expandTemplate('{{uuid}} {{random}}', liveContext(1));
    const [uuid, random] = r.text.split(' ');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const n = Number(random);
    expect(Number.isInteger(n) && n >= 0 && n <= 0xffffffff).toBe(true);
  });
});

describe('buildTemplatePayload', () => {
  it('expands text and counts its UTF-8 bytes', () => {
    const p = buildTemplatePayload('text', 'é{{counter}}', fixed());
    expect(p).toMatchObject({ ok: true, data: 'é7', size: 3, text: 'é7', used: ['counter'] });
  });

  it('sends hex and base64 as bytes, without expanding', () => {
    const hex = buildTemplatePayload('hex', '00 ff', fixed());
    expect(hex.ok && Array.from(hex.data as Uint8Array)).toEqual([0, 255]);
    const b64 = buildTemplatePayload('base64', 'AP8=', fixed());
    expect(b64.ok && Array.from(b64.data as Uint8Array)).toEqual([0, 255]);
  });

  it('reports bad bytes', () => {
    const p = buildTemplatePayload('hex', '{{counter}}', fixed());
    expect(p.ok).toBe(false);
    expect(!p.ok && p.error).toMatch(/not a hex digit/);
  });
});
