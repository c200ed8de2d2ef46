import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { sockpitPwa } from './scripts/pwa/vite-plugin.mjs';

// `base: './'` keeps every asset URL relative, so the built site works from any
// sub-path of any static host. sockpitPwa() writes dist/sw.js (offline support,
// docs/hosting.md).
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss(), sockpitPwa()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
