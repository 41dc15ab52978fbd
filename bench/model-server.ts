/**
 * Serves the folders of the users' local models and job modules to the page, read-only, on
 * 127.0.0.1: each folder at its own URL prefix, nothing outside it ("..", absolute paths and
 * symlinks that leave the folder answer 403/404). CORS and Cross-Origin-Resource-Policy headers
 * let the cross-origin-isolated app (COEP require-corp) fetch and import from it.
 */
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.bin': 'application/octet-stream',
};

export interface ModelServer {
  /** The URL the page fetches a local file (model.json or a job module) from; its folder is mounted on first use. */
  urlOf(path: string): string;
  close(): Promise<void>;
}

/** True for a location the page can fetch as is (a URL with a scheme), false for a local file path. */
export function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(location) && !/^[a-z]:[\\/]/i.test(location);
}

export async function startModelServer(): Promise<ModelServer> {
  const folders: string[] = [];
  const server: Server = createServer((request, response) => {
    const headers = {
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Timing-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    };
    const deny = (status: number, why: string): void => {
      response.writeHead(status, { ...headers, 'Content-Type': 'text/plain' }).end(`${why}\n`);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return deny(405, 'read-only');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const [, mount = '', ...rest] = url.pathname.split('/');
    const folder = folders[Number(mount)];
    if (!/^\d+$/.test(mount) || folder === undefined) return deny(404, 'no such folder');
    let segments: string[];
    try {
      segments = rest.map((s) => decodeURIComponent(s));
    } catch {
      return deny(400, 'bad path');
    }
    if (segments.some((s) => s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'))) return deny(403, 'outside the model\'s folder');
    const file = resolve(folder, ...segments);
    let real: string;
    try {
      real = realpathSync(file);
      if (!statSync(real).isFile()) return deny(404, 'not a file');
    } catch {
      return deny(404, 'no such file');
    }
    const inside = relative(realpathSync(folder), real);
    if (inside.startsWith('..') || isAbsolute(inside)) return deny(403, 'outside the model\'s folder');
    response.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES[extname(real)] ?? 'application/octet-stream', 'Content-Length': statSync(real).size });
    if (request.method === 'HEAD') return response.end();
    createReadStream(real).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf(path) {
      const absolute = resolve(path);
      const folder = dirname(absolute);
      let index = folders.indexOf(folder);
      if (index < 0) index = folders.push(folder) - 1;
      const name = relative(folder, absolute).split(sep).map(encodeURIComponent).join('/');
      return `http://127.0.0.1:${port}/${index}/${name}`;
    },
    close: () => new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }),
  };
}

/**
 * A spec's local model / job files: the first that is missing, as a sentence (that job fails, the
 * others run), and the spec as the page may get it (URLs as they are).
 */
export function localFiles<S extends { model?: string | undefined; job?: string | undefined }>(spec: S): { missing: string | null; toPage: S } {
  for (const field of ['model', 'job'] as const) {
    const location = spec[field];
    if (location === undefined || isUrl(location)) continue;
    if (!existsSync(location)) return { missing: `${field === 'model' ? 'model' : 'job module'} ${location}: no such file`, toPage: spec };
    if (!statSync(location).isFile()) return { missing: `${field === 'model' ? 'model' : 'job module'} ${location} is not a file (give the path of ${field === 'model' ? 'model.json' : 'the .js module'})`, toPage: spec };
  }
  return { missing: null, toPage: spec };
}
