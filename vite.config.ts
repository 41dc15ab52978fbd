import { defineConfig } from 'vite';
import { basePathFrom } from './bench/app-url.ts';
import { ISOLATION_HEADERS } from './bench/isolation.ts';

const isolationHeaders = { ...ISOLATION_HEADERS };

export default defineConfig({
  // FIRSTBATCH_APP_URL=https://acme.github.io/firstbatch/ builds for /firstbatch/ (vite's --base overrides).
  base: basePathFrom(process.env),
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  // The manifest lets bench/first-load.ts find the first screen's chunks (the first-load budget).
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, manifest: true },
});
