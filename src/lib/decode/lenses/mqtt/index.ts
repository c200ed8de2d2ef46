import type { ComposeField, DecodeResult, Frame, Lens } from '../../types';
import type { PayloadCodec } from '../../encodings/types';
import { msgpackCodec } from '../../encodings/msgpack';
import { cborCodec } from '../../encodings/cbor';
import type { PayloadDecoder } from './decode';
import type { MqttDecodeOptions, MqttState } from './decode';
import { createMqttState, decodeMqttFrame } from './decode';
import { MQTT_COMPOSE, encodeMqtt } from './encode';
import { MQTT_SESSION_FIELDS, createMqttSession } from './session';

/**
 * MQTT 3.1.1 and 5.0 over WebSocket (subprotocol `mqtt`): every control
 * packet decoded with its v5 properties and reason codes, packets reassembled
 * across frames, a composer for the client's packets and an automatic client
 * session (CONNECT, keepalive pings, QoS acknowledgements). docs/protocols/mqtt.md.
 */
export type { MqttDecodeOptions, PayloadDecoder, PayloadDecoderContext } from './decode';

/** How PUBLISH payloads read: text, JSON or hex by themselves (auto), or a binary encoding. */
const MQTT_OPTIONS_FIELDS: readonly ComposeField[] = [
  {
    name: 'payloadAs',
    label: 'PUBLISH payloads as',
    kind: 'select',
    initial: 'auto',
    options: [
      { value: 'auto', label: 'Auto: text, JSON or hex' },
      { value: 'msgpack', label: 'MessagePack' },
      { value: 'cbor', label: 'CBOR' },
    ],
    help: 'a payload the encoding cannot read is shown as hex with the reason',
  },
];

/** A payload decoder from a codec: its field tree, or hex with the codec's error. */
function codecPayloads(codec: PayloadCodec): PayloadDecoder {
  return (payload) => {
    if (payload.length === 0) return null;
    const r = codec.decode(payload);
    if (r.ok) return { fields: r.fields, note: codec.name };
    return { fields: [{ name: 'bytes', value: payload, note: `not ${codec.name}: ${r.error}` }], note: `not ${codec.name}` };
  };
}

/** The lens, with an optional payload decoder (MessagePack, CBOR, … later). */
export function createMqttLens(options: MqttDecodeOptions = {}): Lens<MqttState> {
  return {
    id: 'mqtt',
    name: 'MQTT',
    createState: createMqttState,
    // The version from CONNECT carries over; packets in flight do not.
    fork: (s: MqttState): MqttState => ({ ...createMqttState(), version: s.version, versionSource: s.versionSource }),
    decode(frame: Frame, state: MqttState): DecodeResult {
      try {
        return decodeMqttFrame(frame, state, options);
      } catch (err) {
        // a bug of ours must not take the timeline down: the frame stays raw with a note
        return { messages: [{ protocol: 'MQTT', type: 'invalid', summary: 'cannot decode this frame', fields: [], error: `internal decode error: ${err instanceof Error ? err.message : String(err)}` }] };
      }
    },
    compose: MQTT_COMPOSE,
    encode: encodeMqtt,
    optionsFields: MQTT_OPTIONS_FIELDS,
    configure: (o) => {
      const as = o.payloadAs ?? 'auto';
      if (as === 'auto') return { ok: true, lens: mqttLens };
      const codec = as === 'msgpack' ? msgpackCodec : as === 'cbor' ? cborCodec : null;
      if (!codec) return { ok: false, error: `payloads are read as auto, msgpack or cbor, not "${as}"`, field: 'payloadAs' };
      return { ok: true, lens: createMqttLens({ payloadDecoder: codecPayloads(codec) }) };
    },
    sessionFields: MQTT_SESSION_FIELDS,
    session: createMqttSession,
    defaultProtocols: ['mqtt'],
  };
}

export const mqttLens: Lens<MqttState> = createMqttLens();
