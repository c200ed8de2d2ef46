import type { DecodedMessage } from './types';

/**
 * The filter's `field:value` terms (docs/protocols.md): a word, a colon and
 * a value with no spaces, e.g. `event:chat`, `topic:sensors/t`, `type:PUBLISH`.
 * On a connection a lens decodes, each term must match a decoded message:
 * its `type` or `protocol`, or one of its keys, whose value contains the
 * term's value (case-insensitive unless Match case). Several terms all
 * apply; what is left of the query is matched as text, as before. A value
 * in double quotes may hold spaces: `event:"chat message"`.
 */

export interface FieldTerm {
  name: string;
  value: string;
}

export interface FieldQuery {
  terms: FieldTerm[];
  /** the query without its field terms, trimmed */
  rest: string;
}

const TERM = /(?:^|\s)([A-Za-z][\w.-]*):("([^"]*)"|\S+)/g;

export function parseFieldQuery(query: string): FieldQuery {
  const terms: FieldTerm[] = [];
  const rest = query.replace(TERM, (_m, name: string, raw: string, quoted: string | undefined) => {
    terms.push({ name, value: quoted ?? raw });
    return ' ';
  });
  return { terms, rest: rest.trim() };
}

function contains(haystack: string, needle: string, caseSensitive: boolean): boolean {
  return caseSensitive ? haystack.includes(needle) : haystack.toLowerCase().includes(needle.toLowerCase());
}

function termMatches(m: DecodedMessage, t: FieldTerm, caseSensitive: boolean): boolean {
  const name = t.name.toLowerCase();
  if (name === 'type' && contains(m.type, t.value, caseSensitive)) return true;
  if (name === 'protocol' && contains(m.protocol, t.value, caseSensitive)) return true;
  for (const [k, v] of m.keys ?? []) if (k.toLowerCase() === name && contains(v, t.value, caseSensitive)) return true;
  return false;
}

/** Every term matches one of the messages (each term may match a different one). */
export function matchesFieldTerms(messages: readonly DecodedMessage[], terms: readonly FieldTerm[], caseSensitive: boolean): boolean {
  return terms.every((t) => messages.some((m) => termMatches(m, t, caseSensitive)));
}

/** The decoded summaries, searched by the filter's text beside the raw payload. */
export function decodedSearchText(messages: readonly DecodedMessage[]): string {
  return messages.map((m) => `${m.protocol} ${m.type} ${m.summary}`).join('\n');
}
