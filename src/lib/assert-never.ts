/**
 * Ends every switch over a union: TypeScript rejects the call if a case is
 * missing, and at run time (data from an older build, a bad message from a
 * Worker) it throws an Error that names the value it did not expect.
 *
 *   default: return assertNever(event, 'event');
 */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${describeValue(x)}`);
}

const MAX_SHOWN = 200;

function describeValue(x: unknown): string {
  let text: string;
  if (typeof x === 'string') text = JSON.stringify(x);
  else if (typeof x === 'object' && x !== null) {
    try {
      text = JSON.stringify(x) ?? String(x);
    } catch {
      // Cycles, BigInt fields: fall back to the tag, which never throws.
      text = Object.prototype.toString.call(x);
    }
  } else text = String(x);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
