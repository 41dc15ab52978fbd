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
export async function serveApp(options: { skipBuild?: boolean; outDir?: string; host?: string; port?: number } = {}): Promise<AppServer> {
  // A private outDir keeps a long run (calibration) safe from other builds replacing dist/ under it.
  const buildOptions = options.outDir === undefined ? {} : { build: { outDir: options.outDir, emptyOutDir: true } };
  if (!options.skipBuild) await buildApp(options.outDir === undefined ? {} : { outDir: options.outDir });
  const server: PreviewServer = await preview({
    root: PROJECT_ROOT,
    logLevel: 'warn',
    ...buildOptions,
    // A given port is the user's: taken means an error, never another port.
    preview: { host: options.host ?? '127.0.0.1', port: options.port ?? 0, strictPort: options.port !== undefined },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its address');
  return { url, close: () => server.close() };
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
