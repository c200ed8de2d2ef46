import type { DecodeResult, Frame, Lens } from '../../types';
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
    sessionFields: MQTT_SESSION_FIELDS,
    session: createMqttSession,
    defaultProtocols: ['mqtt'],
  };
}

export const mqttLens: Lens<MqttState> = createMqttLens();
