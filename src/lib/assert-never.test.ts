import { describe, expect, it } from 'vitest';
import { assertNever } from './assert-never';

type Shape = { type: 'circle'; r: number } | { type: 'square'; side: number };

function area(s: Shape): number {
  switch (s.type) {
    case 'circle':
      return Math.PI * s.r * s.r;
    case 'square':
      return s.side * s.side;
    default:
      return assertNever(s, 'shape');
  }
}

describe('assertNever', () => {
  it('is never reached for the cases a switch handles', () => {
    expect(area({ type: 'square', side: 3 })).toBe(9);
  });

  it('throws an Error naming what and the unexpected object', () => {
    const bad = { type: 'triangle', base: 2 } as unknown as Shape;
    expect(() => area(bad)).toThrow(new Error('Unexpected shape: {"type":"triangle","base":2}'));
  });

  it('defaults the label to "value" and quotes strings', () => {
    expect(() => assertNever('hexagon' as never)).toThrow(new Error('Unexpected value: "hexagon"'));
  });

  it('shows numbers, undefined and null plainly', () => {
    expect(() => assertNever(42 as never, 'kind')).toThrow('Unexpected kind: 42');
    expect(() => assertNever(undefined as never)).toThrow('Unexpected value: undefined');
    expect(() => assertNever(null as never)).toThrow('Unexpected value: null');
  });

  it('survives values JSON cannot show', () => {
    const cyclic: Record<string, unknown> = { type: 'loop' };
    cyclic.self = cyclic;
    expect(() => assertNever(cyclic as never, 'event')).toThrow('Unexpected event: [object Object]');
    expect(() => assertNever({ n: 1n } as never)).toThrow('Unexpected value: [object Object]');
    expect(() => assertNever(Symbol('s') as never)).toThrow('Unexpected value: Symbol(s)');
  });

  it('cuts very long values so the message stays readable', () => {
    let message = '';
    try {
      assertNever('x'.repeat(1000) as never);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.length).toBeLessThan(230);
    expect(message.endsWith('…')).toBe(true);
  });
});
