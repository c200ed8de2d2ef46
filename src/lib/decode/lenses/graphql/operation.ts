/**
 * A small scanner for the operation definitions of a GraphQL document: the
 * keyword (query, mutation, subscription; `{` alone is a query) and the name
 * of each top-level operation. It skips comments, strings (block strings
 * too) and nested braces, so fragments and selection sets never confuse it.
 * The full `graphql` parser would do it too, but it is far too big for the
 * lens chunk; the server validates the document anyway.
 */

export type OperationType = 'query' | 'mutation' | 'subscription';

export interface Operation {
  type: OperationType;
  /** '' for an anonymous operation */
  name: string;
}

/** Documents longer than this are scanned only this far. */
const MAX_SCAN = 256 * 1024;

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

/** Every top-level operation definition, in document order. */
export function scanOperations(query: string): Operation[] {
  const text = query.length > MAX_SCAN ? query.slice(0, MAX_SCAN) : query;
  const n = text.length;
  const ops: Operation[] = [];
  let depth = 0;
  let i = 0;
  /** a definition (operation or fragment) has begun and its `{` is still to come */
  let awaitingBody = false;
  /** the operation whose name may come next (right after its keyword) */
  let naming: Operation | null = null;
  while (i < n) {
    const c = text.charCodeAt(i);
    // whitespace, commas, BOM
    if (c <= 0x20 || c === 0x2c || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 0x23) {
      // # comment to end of line
      while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
      continue;
    }
    if (c === 0x22) {
      naming = null;
      if (text.startsWith('"""', i)) {
        i += 3;
        while (i < n && !text.startsWith('"""', i)) i += text.startsWith('\\"""', i) ? 4 : 1;
        i += 3;
      } else {
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 0x5c) i += 2;
          else if (d === 0x22 || d === 0x0a) {
            i++;
            break;
          } else i++;
        }
      }
      continue;
    }
    if (c === 0x7b || c === 0x28 || c === 0x5b) {
      if (depth === 0 && c === 0x7b) {
        if (!awaitingBody) ops.push({ type: 'query', name: '' });
        awaitingBody = false;
      }
      naming = null;
      depth++;
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x29 || c === 0x5d) {
      if (depth > 0) depth--;
      i++;
      continue;
    }
    if (c === 0x40) {
      // @directive: its name is not the operation's
      naming = null;
      i++;
      while (i < n && isNameChar(text.charCodeAt(i))) i++;
      continue;
    }
    if (isNameStart(c)) {
      const start = i;
      while (i < n && isNameChar(text.charCodeAt(i))) i++;
      if (depth !== 0) continue;
      const word = text.slice(start, i);
      if (naming) {
        naming.name = word;
        naming = null;
      } else if (!awaitingBody && (word === 'query' || word === 'mutation' || word === 'subscription')) {
        naming = { type: word, name: '' };
        ops.push(naming);
        awaitingBody = true;
      } else if (!awaitingBody && word === 'fragment') awaitingBody = true;
      continue;
    }
    // $ ! = : | & … and anything else
    naming = null;
    i++;
  }
  return ops;
}

/**
 * The operation a request runs: the one named `operationName`, or the only
 * one. An error when there is none, or several and no (matching) name.
 */
export function pickOperation(query: string, operationName?: string | null): { ok: true; op: Operation } | { ok: false; error: string } {
  const ops = scanOperations(query);
  if (ops.length === 0) return { ok: false, error: 'the query has no operation (query, mutation, subscription or { … })' };
  if (operationName) {
    const op = ops.find((o) => o.name === operationName);
    return op ? { ok: true, op } : { ok: false, error: `no operation named "${operationName}" in the query` };
  }
  if (ops.length > 1) return { ok: false, error: `the query has ${ops.length} operations: operationName must name one` };
  const op = ops[0];
  return op ? { ok: true, op } : { ok: false, error: 'the query has no operation' };
}
