import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

/**
 * The bench-only bundle: the bare page (the limit) and the real app plus the
 * bench harness. Built into bench/dist so nothing bench-only ships in the
 * app's dist/. `npm run bench` builds it; SOCKPIT_BENCH_PAGES=bare builds the
 * bare page alone (used when the app does not build yet), and
 * SOCKPIT_BENCH_PAGES=window SOCKPIT_BENCH_OUT=… the e2e timeline harness
 * (bench/window.html).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
// SOCKPIT_BENCH_PAGES: a comma-separated subset (e.g. "window", the e2e timeline harness); default all bench pages.
const pages = process.env.SOCKPIT_BENCH_PAGES ? process.env.SOCKPIT_BENCH_PAGES.split(',') : ['bare', 'app', 'search', 'import', 'charts', 'retention'];
// SOCKPIT_BENCH_OUT: where to build (the e2e runs build the harness apart from bench/dist).
const outDir = process.env.SOCKPIT_BENCH_OUT ?? 'bench/dist';

export default defineConfig({
  root,
  base: '/',
  // The app's public/ (favicon) is not needed here.
  publicDir: false,
  plugins: [react(), tailwindcss()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir,
    emptyOutDir: true,
    reportCompressedSize: false,
    // npm run bench -- --profile-build: readable names in the long-frame attributions (never the default).
    ...(process.env.SOCKPIT_BENCH_UNMINIFIED ? { minify: false, sourcemap: true } : {}),
    // Never shipped: the app's own build (vite.config.ts) is the one whose size matters.
    chunkSizeWarningLimit: 8192,
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, `${root}bench/${p}.html`])),
    },
  },
});
