/**
 * The web app's first load: the JavaScript a browser fetches for the Configure view before the
 * first interaction — index.html's entry chunk (the page API, src/main.ts), the UI it starts at
 * once (src/ui/fb-app.ts) and every chunk they import statically, read from the build's
 * manifest (dist/.vite/manifest.json) — and its gzip size. test/browser/first-load.test.ts holds
 * it to APP_BUDGETS.firstLoadGzipBytes and checks it against what Chromium really fetches;
 * `npm run size` prints it after a build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
}

export interface LoadedFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** gzip at level 9, as a static server or CDN would serve a build. */
function gzipSize(content: Buffer | string): number {
  return gzipSync(content, { level: 9 }).byteLength;
}

/** The modules the first screen starts from: the page's entry and the UI that src/main.ts imports at once. */
const FIRST_SCREEN_MODULES = ['index.html', 'src/ui/fb-app.ts'] as const;

/** The files of the first screen's static import graph, entry first. */
export function firstLoadFiles(distDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const files: string[] = [];
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names ${key} but has no chunk for it`);
    files.push(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of FIRST_SCREEN_MODULES) {
    if (!manifest[key]) throw new Error(`${key} is not a chunk in ${distDir}/.vite/manifest.json: build with build.manifest on, and keep src/main.ts importing the UI`);
    visit(key);
  }
  return files;
}

/** Each first-load file with its size and gzip size. */
export function measureFiles(distDir: string, files: readonly string[]): LoadedFile[] {
  return files.map((file) => {
    const content = readFileSync(join(distDir, file));
    return { file, bytes: content.byteLength, gzipBytes: gzipSize(content) };
  });
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** A table of the files and their total. */
export function formatFirstLoad(files: readonly LoadedFile[], budgetBytes: number): string {
  const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  const lines = files.map((f) => `${kb(f.gzipBytes).padStart(9)} gzip  ${kb(f.bytes).padStart(9)}  ${f.file}`);
  return [...lines, `${kb(total).padStart(9)} gzip in ${files.length} files, budget ${kb(budgetBytes)}${total > budgetBytes ? ' — OVER BUDGET' : ''}`].join('\n');
}

async function main(): Promise<void> {
  const { APP_BUDGETS } = await import('../src/core/defaults.ts');
  const dist = process.argv[2] ?? 'dist';
  const files = measureFiles(dist, firstLoadFiles(dist));
  console.log(formatFirstLoad(files, APP_BUDGETS.firstLoadGzipBytes));
  if (files.reduce((sum, f) => sum + f.gzipBytes, 0) > APP_BUDGETS.firstLoadGzipBytes) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
