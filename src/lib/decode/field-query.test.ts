import { describe, expect, it } from 'vitest';
import { matchesFieldTerms, parseFieldQuery } from './field-query';
import type { DecodedMessage } from './types';

const publish: DecodedMessage = { protocol: 'MQTT', type: 'PUBLISH', summary: 'PUBLISH sensors/t', fields: [], keys: [['topic', 'sensors/t'], ['qos', '1']] };
const chat: DecodedMessage = { protocol: 'Socket.IO', type: 'EVENT', summary: 'event "chat message"', fields: [], keys: [['event', 'chat message']] };

describe('field:value filter terms', () => {
  it('splits terms from free text, quoted values included', () => {
    expect(parseFieldQuery('topic:sensors/t hello')).toEqual({ terms: [{ name: 'topic', value: 'sensors/t' }], rest: 'hello' });
    expect(parseFieldQuery('event:"chat message" type:EVENT')).toEqual({
      terms: [
        { name: 'event', value: 'chat message' },
        { name: 'type', value: 'EVENT' },
      ],
      rest: '',
    });
    expect(parseFieldQuery('plain text').terms).toEqual([]);
  });

  it('matches type, protocol and keys, case-insensitively unless asked', () => {
    expect(matchesFieldTerms([publish], parseFieldQuery('topic:sensors').terms, false)).toBe(true);
    expect(matchesFieldTerms([publish], parseFieldQuery('type:publish').terms, false)).toBe(true);
    expect(matchesFieldTerms([publish], parseFieldQuery('type:publish').terms, true)).toBe(false);
    expect(matchesFieldTerms([publish], parseFieldQuery('protocol:mqtt qos:1').terms, false)).toBe(true);
    expect(matchesFieldTerms([publish], parseFieldQuery('qos:2').terms, false)).toBe(false);
    expect(matchesFieldTerms([publish, chat], parseFieldQuery('topic:sensors event:chat').terms, false)).toBe(true);
    expect(matchesFieldTerms([chat], parseFieldQuery('nosuch:x').terms, false)).toBe(false);
  });
});
