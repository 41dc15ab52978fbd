import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../bench/server.ts';

/** The page's own files in the build the global setup made (worker bundles and tfjs are not among them): URL paths. */
export function pageFiles(): Set<string> {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist', '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; css?: string[] }>;
  return new Set(['/', '/index.html', ...Object.values(manifest).flatMap((chunk) => [`/${chunk.file}`, ...(chunk.css ?? []).map((f) => `/${f}`)])]);
}
