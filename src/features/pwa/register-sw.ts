/**
 * Registers the service worker that keeps the hosted page working offline
 * (scripts/pwa/). Production builds only, and only where it cannot get in the
 * way:
 * - `?nosw` in the page address skips it and removes one already installed;
 * - automated browsers (navigator.webdriver, as in the e2e tests) skip it so
 *   no test ever runs a cached older build, unless the address has `?sw`.
 */
export function shouldRegister(search: string, webdriver: boolean): 'register' | 'unregister' | 'skip' {
  const params = new URLSearchParams(search);
  if (params.has('nosw')) return 'unregister';
  if (params.has('sw')) return 'register';
  return webdriver ? 'skip' : 'register';
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const decision = shouldRegister(location.search, navigator.webdriver);
  if (decision === 'skip') return;
  if (decision === 'unregister') {
    void navigator.serviceWorker.getRegistrations().then((regs) => Promise.all(regs.map((r) => r.unregister())));
    return;
  }
  // After the page has loaded, so caching the build never competes with starting the app.
  const register = () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
      // Offline support is a bonus: a host that cannot serve sw.js still serves the app.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
