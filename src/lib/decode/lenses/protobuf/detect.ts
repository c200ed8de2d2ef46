import type { DetectHint } from '../../types';
import { subprotocolNames } from '../binary-detect';

/** Protobuf bytes look like anything, so only a subprotocol naming protobuf (e.g. "v1.protobuf") detects it: 3, else 0. */
export function detectProtobuf(hint: DetectHint): number {
  return subprotocolNames(hint, ['protobuf', 'proto']) ? 3 : 0;
}
