import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { pickOperation, scanOperations } from './operation';

/** The graphql reference parser as the oracle: every operation definition, type and name. */
function oracle(doc: string) {
  return parse(doc)
    .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => ({ type: d.operation as string, name: d.name?.value ?? '' }));
}

const DOCS = [
  '{ hello }',
  'query { hello }',
  'query Hello { hello }',
  'mutation Say($text: String!) { say(text: $text) }',
  'subscription OnTick { tick(every: 100, count: 3) }',
  'subscription($n: Int = 3) @live { tick(count: $n) }',
  'query Q @dir(arg: "}") { a }',
  '# a comment with query Fake { x }\nquery Real { a }',
  'fragment F on Query { hello ... on Query { said } }\nquery UsesF { ...F }',
  'query A { a } mutation B { b } subscription C { c }',
  'query S { a(s: "a \\" { b", t: """block " { query X }""") }',
  '\uFEFF  ,, query  Spaced\n\t( $a : [Int!]! ) { a(list: [1, 2]) { b } }',
  'query query { query }',
  'query Q($v: In = {a: "}"}) { field(arg: $v) }',
];

describe('scanOperations', () => {
  for (const doc of DOCS) {
    it(`matches graphql's parser: ${JSON.stringify(doc.slice(0, 50))}`, () => {
      expect(scanOperations(doc)).toEqual(oracle(doc));
    });
  }

  it('finds nothing in a document without operations', () => {
    expect(scanOperations('fragment F on Query { a }')).toEqual([]);
    expect(scanOperations('')).toEqual([]);
    expect(scanOperations('# only a comment')).toEqual([]);
  });

  it('does not take a directive name for the operation name', () => {
    expect(scanOperations('subscription @live { t }')).toEqual([{ type: 'subscription', name: '' }]);
  });
});

describe('pickOperation', () => {
  it('picks the only operation, or the named one', () => {
    expect(pickOperation('subscription OnTick { tick }')).toEqual({ ok: true, op: { type: 'subscription', name: 'OnTick' } });
    expect(pickOperation('query A { a } mutation B { b }', 'B')).toEqual({ ok: true, op: { type: 'mutation', name: 'B' } });
  });

  it('says why it cannot pick', () => {
    expect(pickOperation('query A { a } mutation B { b }')).toMatchObject({ ok: false, error: expect.stringContaining('2 operations') });
    expect(pickOperation('query A { a }', 'Nope')).toMatchObject({ ok: false, error: expect.stringContaining('"Nope"') });
    expect(pickOperation('fragment F on Q { a }')).toMatchObject({ ok: false, error: expect.stringContaining('no operation') });
  });
});
