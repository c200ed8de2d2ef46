/**
 * MQTT 3.1.1 (OASIS Standard, 2014) and 5.0 (OASIS Standard, 2019) facts as
 * tables: packet types, v5 properties and reason codes, 3.1.1 return codes.
 * The names and numbers are the spec's; nothing here is code from a library.
 */

/** Protocol level byte of CONNECT: 3 = MQTT 3.1 ("MQIsdp"), 4 = 3.1.1, 5 = 5.0. */
export type MqttVersion = 3 | 4 | 5;

export function versionName(v: MqttVersion): string {
  return v === 5 ? '5.0' : v === 4 ? '3.1.1' : '3.1';
}

export const PACKET_NAMES = [
  'Reserved',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;

export type PacketName = (typeof PACKET_NAMES)[number];

export const T = {
  CONNECT: 1,
  CONNACK: 2,
  PUBLISH: 3,
  PUBACK: 4,
  PUBREC: 5,
  PUBREL: 6,
  PUBCOMP: 7,
  SUBSCRIBE: 8,
  SUBACK: 9,
  UNSUBSCRIBE: 10,
  UNSUBACK: 11,
  PINGREQ: 12,
  PINGRESP: 13,
  DISCONNECT: 14,
  AUTH: 15,
} as const;

/** The flags nibble each type must carry (PUBLISH has its own: DUP, QoS, RETAIN). */
export function requiredFlags(type: number): number | null {
  if (type === T.PUBLISH) return null;
  return type === T.PUBREL || type === T.SUBSCRIBE || type === T.UNSUBSCRIBE ? 0b0010 : 0;
}

export const QOS_NOTES = ['at most once', 'at least once', 'exactly once'] as const;

export type PropType = 'byte' | 'two byte int' | 'four byte int' | 'var int' | 'utf-8 string' | 'utf-8 pair' | 'binary data';

export interface PropSpec {
  id: number;
  /** the spec's name */
  name: string;
  /** the JSON name in compose (mqtt-packet spells them the same way) */
  key: string;
  type: PropType;
  /** packet types it may appear in; 0 stands for the will properties of CONNECT */
  in: readonly number[];
  /** may appear more than once */
  multiple?: boolean;
  /** byte properties whose only values are 0 and 1 */
  bool?: boolean;
}

export const WILL = 0;
const ALL = [T.CONNECT, T.CONNACK, T.PUBLISH, T.PUBACK, T.PUBREC, T.PUBREL, T.PUBCOMP, T.SUBSCRIBE, T.SUBACK, T.UNSUBSCRIBE, T.UNSUBACK, T.DISCONNECT, T.AUTH, WILL];
const ACKS = [T.CONNACK, T.PUBACK, T.PUBREC, T.PUBREL, T.PUBCOMP, T.SUBACK, T.UNSUBACK, T.DISCONNECT, T.AUTH];

export const PROPERTIES: readonly PropSpec[] = [
  { id: 0x01, name: 'Payload Format Indicator', key: 'payloadFormatIndicator', type: 'byte', in: [T.PUBLISH, WILL], bool: true },
  { id: 0x02, name: 'Message Expiry Interval', key: 'messageExpiryInterval', type: 'four byte int', in: [T.PUBLISH, WILL] },
  { id: 0x03, name: 'Content Type', key: 'contentType', type: 'utf-8 string', in: [T.PUBLISH, WILL] },
  { id: 0x08, name: 'Response Topic', key: 'responseTopic', type: 'utf-8 string', in: [T.PUBLISH, WILL] },
  { id: 0x09, name: 'Correlation Data', key: 'correlationData', type: 'binary data', in: [T.PUBLISH, WILL] },
  { id: 0x0b, name: 'Subscription Identifier', key: 'subscriptionIdentifier', type: 'var int', in: [T.PUBLISH, T.SUBSCRIBE], multiple: true },
  { id: 0x11, name: 'Session Expiry Interval', key: 'sessionExpiryInterval', type: 'four byte int', in: [T.CONNECT, T.CONNACK, T.DISCONNECT] },
  { id: 0x12, name: 'Assigned Client Identifier', key: 'assignedClientIdentifier', type: 'utf-8 string', in: [T.CONNACK] },
  { id: 0x13, name: 'Server Keep Alive', key: 'serverKeepAlive', type: 'two byte int', in: [T.CONNACK] },
  { id: 0x15, name: 'Authentication Method', key: 'authenticationMethod', type: 'utf-8 string', in: [T.CONNECT, T.CONNACK, T.AUTH] },
  { id: 0x16, name: 'Authentication Data', key: 'authenticationData', type: 'binary data', in: [T.CONNECT, T.CONNACK, T.AUTH] },
  { id: 0x17, name: 'Request Problem Information', key: 'requestProblemInformation', type: 'byte', in: [T.CONNECT], bool: true },
  { id: 0x18, name: 'Will Delay Interval', key: 'willDelayInterval', type: 'four byte int', in: [WILL] },
  { id: 0x19, name: 'Request Response Information', key: 'requestResponseInformation', type: 'byte', in: [T.CONNECT], bool: true },
  { id: 0x1a, name: 'Response Information', key: 'responseInformation', type: 'utf-8 string', in: [T.CONNACK] },
  { id: 0x1c, name: 'Server Reference', key: 'serverReference', type: 'utf-8 string', in: [T.CONNACK, T.DISCONNECT] },
  { id: 0x1f, name: 'Reason String', key: 'reasonString', type: 'utf-8 string', in: ACKS },
  { id: 0x21, name: 'Receive Maximum', key: 'receiveMaximum', type: 'two byte int', in: [T.CONNECT, T.CONNACK] },
  { id: 0x22, name: 'Topic Alias Maximum', key: 'topicAliasMaximum', type: 'two byte int', in: [T.CONNECT, T.CONNACK] },
  { id: 0x23, name: 'Topic Alias', key: 'topicAlias', type: 'two byte int', in: [T.PUBLISH] },
  { id: 0x24, name: 'Maximum QoS', key: 'maximumQoS', type: 'byte', in: [T.CONNACK], bool: true },
  { id: 0x25, name: 'Retain Available', key: 'retainAvailable', type: 'byte', in: [T.CONNACK], bool: true },
  { id: 0x26, name: 'User Property', key: 'userProperties', type: 'utf-8 pair', in: ALL, multiple: true },
  { id: 0x27, name: 'Maximum Packet Size', key: 'maximumPacketSize', type: 'four byte int', in: [T.CONNECT, T.CONNACK] },
  { id: 0x28, name: 'Wildcard Subscription Available', key: 'wildcardSubscriptionAvailable', type: 'byte', in: [T.CONNACK], bool: true },
  { id: 0x29, name: 'Subscription Identifier Available', key: 'subscriptionIdentifiersAvailable', type: 'byte', in: [T.CONNACK], bool: true },
  { id: 0x2a, name: 'Shared Subscription Available', key: 'sharedSubscriptionAvailable', type: 'byte', in: [T.CONNACK], bool: true },
];

export const PROP_BY_ID = new Map<number, PropSpec>(PROPERTIES.map((p) => [p.id, p]));
export const PROP_BY_KEY = new Map<string, PropSpec>(PROPERTIES.map((p) => [p.key, p]));

/** v5 reason codes; 0x00 has a name per packet type. */
const REASONS = new Map<number, string>([
  [0x01, 'Granted QoS 1'],
  [0x02, 'Granted QoS 2'],
  [0x04, 'Disconnect with Will Message'],
  [0x10, 'No matching subscribers'],
  [0x11, 'No subscription existed'],
  [0x18, 'Continue authentication'],
  [0x19, 'Re-authenticate'],
  [0x80, 'Unspecified error'],
  [0x81, 'Malformed Packet'],
  [0x82, 'Protocol Error'],
  [0x83, 'Implementation specific error'],
  [0x84, 'Unsupported Protocol Version'],
  [0x85, 'Client Identifier not valid'],
  [0x86, 'Bad User Name or Password'],
  [0x87, 'Not authorized'],
  [0x88, 'Server unavailable'],
  [0x89, 'Server busy'],
  [0x8a, 'Banned'],
  [0x8b, 'Server shutting down'],
  [0x8c, 'Bad authentication method'],
  [0x8d, 'Keep Alive timeout'],
  [0x8e, 'Session taken over'],
  [0x8f, 'Topic Filter invalid'],
  [0x90, 'Topic Name invalid'],
  [0x91, 'Packet Identifier in use'],
  [0x92, 'Packet Identifier not found'],
  [0x93, 'Receive Maximum exceeded'],
  [0x94, 'Topic Alias invalid'],
  [0x95, 'Packet too large'],
  [0x96, 'Message rate too high'],
  [0x97, 'Quota exceeded'],
  [0x98, 'Administrative action'],
  [0x99, 'Payload format invalid'],
  [0x9a, 'Retain not supported'],
  [0x9b, 'QoS not supported'],
  [0x9c, 'Use another server'],
  [0x9d, 'Server moved'],
  [0x9e, 'Shared Subscriptions not supported'],
  [0x9f, 'Connection rate exceeded'],
  [0xa0, 'Maximum connect time'],
  [0xa1, 'Subscription Identifiers not supported'],
  [0xa2, 'Wildcard Subscriptions not supported'],
]);

/** Success-side codes that only some packets carry (the error codes, 0x80 up, are shared). */
const ONLY_IN = new Map<number, readonly number[]>([
  [0x01, [T.SUBACK]],
  [0x02, [T.SUBACK]],
  [0x04, [T.DISCONNECT]],
  [0x10, [T.PUBACK, T.PUBREC]],
  [0x11, [T.UNSUBACK]],
  [0x18, [T.AUTH]],
  [0x19, [T.AUTH]],
]);

/** The name of a v5 reason code in a packet type, or undefined when the spec has none. */
export function reasonName(code: number, type: number): string | undefined {
  if (code === 0) return type === T.DISCONNECT ? 'Normal disconnection' : type === T.SUBACK ? 'Granted QoS 0' : 'Success';
  const only = ONLY_IN.get(code);
  if (only && !only.includes(type)) return undefined;
  return REASONS.get(code);
}

/** MQTT 3.1.1 CONNACK return codes. */
export const CONNACK_RETURN_CODES = [
  'Connection Accepted',
  'unacceptable protocol version',
  'identifier rejected',
  'server unavailable',
  'bad user name or password',
  'not authorized',
] as const;

/** 3.1.1 SUBACK return codes: granted QoS 0..2 or 0x80 failure. */
export function subackName311(code: number): string | undefined {
  if (code <= 2) return `Granted QoS ${code}`;
  return code === 0x80 ? 'Failure' : undefined;
}
