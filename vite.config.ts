import { defineConfig } from 'vite';
import { basePathFrom } from './bench/app-url.ts';

/**
 * COOP same-origin + COEP require-corp make the page and its workers
 * cross-origin isolated, which gives ~5 µs timers instead of ~100 µs.
 * Static hosts get the same headers from public/_headers (and friends), or,
 * where no header can be set, from the service worker public/coi-sw.js.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // FIRSTBATCH_APP_URL=https://acme.github.io/firstbatch/ builds for /firstbatch/ (vite's --base overrides).
  base: basePathFrom(process.env),
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  // The manifest lets bench/first-load.ts find the first screen's chunks (the first-load budget).
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, manifest: true },
});
