/** The built web app from a folder, with the isolation headers; app routes (/r/ID, /p/PROJECT/…) get its index.html. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { STORE_ID_PATTERN } from '../src/core/store/api.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.bin': 'application/octet-stream',
};

export function serveAppFolder(app: FastifyInstance, root: string): void {
  const index = join(root, 'index.html');
  const sendFile = async (reply: FastifyReply, path: string) => {
    const body = await readFile(path);
    return reply.type(CONTENT_TYPES[extname(path)] ?? 'application/octet-stream').send(body);
  };
  const notFound = (reply: FastifyReply) => reply.code(404).type('text/plain; charset=utf-8').send('not found\n');
  app.get('/r/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    return STORE_ID_PATTERN.test(id) ? sendFile(reply, index) : notFound(reply);
  });
  app.get('/p/:project/*', async (request, reply) => {
    const { project } = request.params as { project: string };
    return STORE_ID_PATTERN.test(project) ? sendFile(reply, index) : notFound(reply);
  });
  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    // Nothing outside the app's folder, whatever the path says.
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || path.includes('\0')) return notFound(reply);
    const found = await stat(file).catch(() => null);
    return found?.isFile() ? sendFile(reply, file) : notFound(reply);
  });
}
