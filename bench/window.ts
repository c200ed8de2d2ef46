// The real app, mounted exactly as src/main.tsx mounts it, plus a harness
// that fills a timeline with N events at once (e2e/window.spec.ts and the
// Firefox subset: 10,000,000 rows in seconds rather than a long flood).
import '../src/main';
import './page/window-harness';
