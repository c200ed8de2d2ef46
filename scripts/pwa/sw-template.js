// @ts-check
/*
 * Sockpit's service worker, written at build time by scripts/pwa/vite-plugin.mjs,
 * which replaces the two placeholders below with the build's file list and a
 * hash of their contents. It makes the hosted page work offline once loaded:
 *
 * - install: caches every file of the build (paths relative to the scope, so
 *   any sub-path of any static host works);
 * - navigations: network first, the cached index.html when the network fails,
 *   so a new deployment is picked up whenever the host is reachable;
 * - other same-scope GETs: cache first, then network (./playground.json and
 *   anything not built is never cached);
 * - activate: deletes the caches of older builds, then takes control of the
 *   open page. No skipWaiting: an open tab keeps the build it loaded.
 * WebSocket traffic never passes through a service worker.
 */

/**
 * The service worker globals this file uses (the project's typings are the page's, not a worker's).
 * @typedef {Event & { waitUntil(promise: Promise<unknown>): void }} ExtendableEvent
 * @typedef {ExtendableEvent & { request: Request, respondWith(response: Promise<Response>): void }} FetchEvent
 * @typedef {object} ServiceWorkerScope
 * @property {{ scope: string }} registration
 * @property {{ claim(): Promise<void> }} clients
 * @property {((type: 'fetch', listener: (event: FetchEvent) => void) => void) & ((type: 'install' | 'activate', listener: (event: ExtendableEvent) => void) => void)} addEventListener
 */
const sw = /** @type {ServiceWorkerScope} */ (/** @type {unknown} */ (self));

const VERSION = '__SOCKPIT_VERSION__';
/** @type {string[]} */
const FILES = /* __SOCKPIT_FILES__ */ [];
const CACHE = `sockpit-${VERSION}`;
const SCOPE = sw.registration.scope;

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new URL(f, SCOPE).href))));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('sockpit-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match(new URL('index.html', SCOPE).href)).then((hit) => hit ?? Response.error()),
      ),
    );
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: false }).then((hit) => hit ?? fetch(request))));
});
