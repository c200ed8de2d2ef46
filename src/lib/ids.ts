/** Branded ids: a ConnectionId cannot be passed where another string is expected. */
export type ConnectionId = string & { readonly __brand: 'ConnectionId' };

let counter = 0;

export function newConnectionId(): ConnectionId {
  counter += 1;
  const random = Math.floor(Math.random() * 0x1_0000_0000).toString(36);
  return `c${Date.now().toString(36)}${counter.toString(36)}${random}` as ConnectionId;
}

export function asConnectionId(value: string): ConnectionId {
  return value as ConnectionId;
}
