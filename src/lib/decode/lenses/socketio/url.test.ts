import { describe, expect, it } from 'vitest';
import { resolveSocketIoUrl } from './url';

const ok = (input: string, options: Record<string, string> = {}) => {
  const r = resolveSocketIoUrl(input, options);
  if (!r.ok) throw new Error(r.error);
  return r.url;
};
const err = (input: string, options: Record<string, string> = {}) => {
  const r = resolveSocketIoUrl(input, options);
  if (r.ok) throw new Error(`resolved to ${r.url}`);
  return r.error;
};

describe('resolveSocketIoUrl', () => {
  it('a bare host gets the Engine.IO path and parameters', () => {
    expect(ok('http://localhost:3000')).toBe('ws://localhost:3000/socket.io/?EIO=4&transport=websocket');
    expect(ok('http://localhost:3000/')).toBe('ws://localhost:3000/socket.io/?EIO=4&transport=websocket');
    expect(ok('https://example.com')).toBe('wss://example.com/socket.io/?EIO=4&transport=websocket');
    expect(ok('ws://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/socket.io/?EIO=4&transport=websocket');
    expect(ok('wss://[::1]:8443')).toBe('wss://[::1]:8443/socket.io/?EIO=4&transport=websocket');
    expect(ok('  http://h  ')).toBe('ws://h/socket.io/?EIO=4&transport=websocket');
  });

  it('version 2 asks for Engine.IO 3; v3 and v4 for Engine.IO 4', () => {
    expect(ok('http://h', { version: '2' })).toBe('ws://h/socket.io/?EIO=3&transport=websocket');
    expect(ok('http://h', { version: '3' })).toBe('ws://h/socket.io/?EIO=4&transport=websocket');
    expect(ok('http://h', { version: '4' })).toBe('ws://h/socket.io/?EIO=4&transport=websocket');
  });

  it('the path option replaces /socket.io/', () => {
    expect(ok('http://h', { path: '/socket.io-fast/' })).toBe('ws://h/socket.io-fast/?EIO=4&transport=websocket');
    expect(ok('http://h', { path: 'realtime' })).toBe('ws://h/realtime/?EIO=4&transport=websocket');
    expect(ok('http://h/realtime', { path: '/realtime/' })).toBe('ws://h/realtime/?EIO=4&transport=websocket');
    expect(ok('http://h', { path: '' })).toBe('ws://h/socket.io/?EIO=4&transport=websocket');
  });

  it('a URL with /socket.io/ keeps its path and gains only the missing parameters', () => {
    expect(ok('http://h/socket.io/')).toBe('ws://h/socket.io/?EIO=4&transport=websocket');
    expect(ok('http://h/socket.io')).toBe('ws://h/socket.io/?EIO=4&transport=websocket');
    expect(ok('ws://h/app/socket.io/?EIO=3')).toBe('ws://h/app/socket.io/?EIO=3&transport=websocket');
    expect(ok('ws://h/socket.io/?transport=websocket')).toBe('ws://h/socket.io/?transport=websocket&EIO=4');
    expect(ok('ws://h/socket.io/?EIO=4&transport=websocket')).toBe('ws://h/socket.io/?EIO=4&transport=websocket');
    expect(ok('ws://h/custom/?EIO=4')).toBe('ws://h/custom/?EIO=4&transport=websocket');
  });

  it('other query parameters stay as typed', () => {
    expect(ok('http://h:1/?token=a%2Bb&x=1')).toBe('ws://h:1/socket.io/?token=a%2Bb&x=1&EIO=4&transport=websocket');
    expect(ok('http://h/socket.io/?token=abc.def')).toBe('ws://h/socket.io/?token=abc.def&EIO=4&transport=websocket');
    expect(ok('http://u:p@h')).toBe('ws://u:p@h/socket.io/?EIO=4&transport=websocket');
  });

  it('errors for what cannot be a Socket.IO URL', () => {
    expect(err('')).toMatch(/Type the server/);
    expect(err('localhost:3000')).toMatch(/starts with http:\/\/, https:\/\/, ws:\/\/ or wss:\/\//);
    expect(err('not a url')).toMatch(/is not a URL/);
    expect(err('http://')).toMatch(/is not a URL/);
    expect(err('ftp://h')).toMatch(/got "ftp:"/);
    expect(err('http://h/#x')).toMatch(/fragment/);
    expect(err('http://h/admin')).toMatch(/^"\/admin" is not an Engine\.IO path\. socket\.io-client reads it as a namespace/);
    expect(err('http://h/socket.io/?EIO=5')).toMatch(/^EIO=5/);
    expect(err('http://h/socket.io/?transport=polling')).toMatch(/^transport=polling cannot run over a WebSocket/);
  });
});
