import type { Lens } from '../../types';
import { cborCodec } from '../../encodings/cbor';
import { codecLens } from '../../encodings/lens';

/** CBOR binary frames: one data item per frame (see docs/protocols/encodings.md). */
export const cborLens: Lens<null> = codecLens('cbor', cborCodec);
