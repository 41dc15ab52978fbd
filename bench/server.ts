import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface AppServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the app and serves the build on 127.0.0.1 with the cross-origin
 * isolation headers (a build, not the dev server: dev-mode dependency bundling
 * adds seconds to the first import in a worker).
 */
export async function serveApp(options: { skipBuild?: boolean; outDir?: string; host?: string; port?: number; snapshot?: boolean } = {}): Promise<AppServer> {
  if (!options.skipBuild) await buildApp(options.outDir === undefined ? {} : { outDir: options.outDir });
  // A run serves a private copy of the build: another run's build (or the tests') replacing dist/ under a
  // long run would take away the worker scripts its next jobs load (they are named by content hash).
  const snapshot = options.snapshot === true && options.outDir === undefined ? mkdtempSync(join(tmpdir(), 'firstbatch-app-')) : undefined;
  if (snapshot !== undefined) cpSync(join(PROJECT_ROOT, 'dist'), snapshot, { recursive: true });
  const outDir = snapshot ?? options.outDir;
  const removeSnapshot = (): void => {
    if (snapshot !== undefined) rmSync(snapshot, { recursive: true, force: true });
  };
  try {
    const server: PreviewServer = await preview({
      root: PROJECT_ROOT,
      logLevel: 'warn',
      ...(outDir === undefined ? {} : { build: { outDir, emptyOutDir: true } }),
      // A given port is the user's: taken means an error, never another port.
      preview: { host: options.host ?? '127.0.0.1', port: options.port ?? 0, strictPort: options.port !== undefined },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('the preview server did not report its address');
    return { url, close: () => server.close().finally(removeSnapshot) };
  } catch (error) {
    removeSnapshot();
    throw error;
  }
}

/** Builds the app for `base` (default: FIRSTBATCH_APP_URL's path) into `outDir` (default dist/). */
export async function buildApp(options: { outDir?: string; base?: string } = {}): Promise<void> {
  const buildOptions = options.outDir === undefined ? {} : { build: { outDir: options.outDir, emptyOutDir: true } };
  await productionBuild(() => build({ root: PROJECT_ROOT, logLevel: 'error', ...buildOptions, ...(options.base !== undefined ? { base: options.base } : {}) }));
}

/**
 * Runs a build as production whatever the caller's NODE_ENV: vitest sets it to "test", which
 * would resolve libraries' development builds (lit's dev mode) into what the tests measure.
 */
async function productionBuild<T>(run: () => Promise<T>): Promise<T> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await run();
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
