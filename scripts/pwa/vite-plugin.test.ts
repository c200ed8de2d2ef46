import { describe, expect, it } from 'vitest';
import { isPrecached, serviceWorkerSource } from './vite-plugin.mjs';

describe('isPrecached', () => {
  it('takes the build, not maps, host config files or the worker itself', () => {
    for (const f of ['index.html', 'assets/index-abc.js', 'assets/socket.worker-x.js', 'assets/index.css', 'favicon.svg', 'manifest.webmanifest', 'icons/icon-192.png']) {
      expect(isPrecached(f)).toBe(true);
    }
    for (const f of ['assets/index-abc.js.map', 'sw.js', '_headers', '_redirects', '.DS_Store']) expect(isPrecached(f)).toBe(false);
  });
});

describe('serviceWorkerSource', () => {
  it('fills in the file list and the version', () => {
    const src = serviceWorkerSource("const VERSION = '__SOCKPIT_VERSION__';\nconst FILES = /* __SOCKPIT_FILES__ */ [];", ['index.html', 'a b.js'], 'abc123');
    expect(src).toBe('const VERSION = \'abc123\';\nconst FILES = ["index.html","a b.js"];');
  });
});
