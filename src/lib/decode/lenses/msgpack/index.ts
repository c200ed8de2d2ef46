import type { Lens } from '../../types';
import { msgpackCodec } from '../../encodings/msgpack';
import { codecLens } from '../../encodings/lens';

/** MessagePack binary frames: one value per frame (see docs/protocols/encodings.md). */
export const msgpackLens: Lens<null> = codecLens('msgpack', msgpackCodec);
