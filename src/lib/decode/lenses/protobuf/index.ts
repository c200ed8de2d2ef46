import type { ComposeField, Lens, SessionOptions } from '../../types';
import { codecLens } from '../../encodings/lens';
import { loadSchema, protobufCodec } from '../../encodings/protobuf/index';

/** The protobuf lens's options: a .proto and the message type (Lens.optionsFields). */
export const PROTOBUF_OPTIONS: readonly ComposeField[] = [
  {
    name: 'proto',
    label: '.proto schema',
    kind: 'textarea',
    optional: true,
    placeholder: 'syntax = "proto3";\npackage sockpit;\nmessage Tick { uint64 seq = 1; string at = 2; }',
    help: 'Paste or load a .proto (proto3 or proto2; imports are not read). Without one, frames show field numbers and wire types.',
    load: { label: 'Load a .proto file…', accept: '.proto,text/plain' },
  },
  {
    name: 'messageType',
    label: 'Message type',
    kind: 'text',
    optional: true,
    placeholder: 'sockpit.Tick',
    help: 'The message each binary frame holds; may be left empty when the .proto defines one message.',
  },
];

function make(options: SessionOptions): Lens<null> {
  return {
    ...codecLens('protobuf', protobufCodec, options),
    optionsFields: PROTOBUF_OPTIONS,
    configure,
  };
}

function configure(options: SessionOptions): { ok: true; lens: Lens<null> } | { ok: false; error: string; field?: string } {
  const s = loadSchema(options);
  if (s && !s.ok) return { ok: false, error: s.error, field: s.field };
  return { ok: true, lens: make(options) };
}

/**
 * Protocol Buffers binary frames. Unconfigured, it shows the raw wire
 * format; `configure({ proto, messageType })` gives a lens that decodes and
 * encodes with the schema (docs/protocols/encodings.md).
 */
export const protobufLens: Lens<null> = make({});
