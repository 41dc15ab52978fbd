/** `firstbatch server`'s HTTP side: the JSON API of src/core/store/api.ts over the Store, and the built app. */
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { STORE_DEFAULTS } from '../src/core/defaults.ts';
import { messageOf } from '../src/core/errors.ts';
import { createProjectSchema, STORE_ID_PATTERN, type StoreError } from '../src/core/store/api.ts';
import { describeIssues } from '../src/core/spec.ts';
import { ISOLATION_HEADERS } from '../bench/isolation.ts';
import { DatabaseUnavailableError } from './db.ts';
import { serveAppFolder } from './static.ts';
import { Store, StoreFailure } from './store.ts';
import { bearerOf } from './tokens.ts';

const errorBody = (code: string, message: string): StoreError => ({ error: { code, message } });

/** The id of a route parameter, or a 404 before any lookup. */
function idParam(request: FastifyRequest, name: 'project' | 'id'): string {
  const value = (request.params as Record<string, string | undefined>)[name] ?? '';
  if (!STORE_ID_PATTERN.test(value)) throw new StoreFailure(404, 'not-found', `no such ${name === 'id' ? 'run' : 'project'}`);
  return value;
}

const tokenOf = (request: FastifyRequest) => bearerOf(request.headers.authorization);
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>;

function required(request: FastifyRequest, names: readonly string[]): Record<string, string> {
  const q = query(request);
  const missing = names.filter((name) => typeof q[name] !== 'string' || q[name] === '');
  if (missing.length > 0) throw new StoreFailure(400, 'invalid-query', `missing query parameter ${missing.join(', ')}`);
  return Object.fromEntries(names.map((name) => [name, q[name]!]));
}

function replyError(error: unknown, reply: FastifyReply, log: (message: string) => void) {
  if (error instanceof StoreFailure) return reply.code(error.status).send(errorBody(error.code, error.message));
  if (error instanceof DatabaseUnavailableError) return reply.code(503).send(errorBody('database-unavailable', `${error.message}; nothing was stored, try again`));
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (status === 413) return reply.code(413).send(errorBody('too-large', `the body is larger than the ${Math.round(STORE_DEFAULTS.uploadMaxBytes / 1024 / 1024)} MB limit`));
  if (status === 415) return reply.code(415).send(errorBody('unsupported-media-type', 'send application/json (import: application/x-ndjson)'));
  if (status === 400 && code.startsWith('FST_ERR_CTP')) return reply.code(400).send(errorBody('not-json', `the body is not JSON: ${messageOf(error)}`));
  if (status >= 400 && status < 500) return reply.code(status).send(errorBody('bad-request', messageOf(error)));
  log(`firstbatch server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return reply.code(500).send(errorBody('internal', 'the server failed; it says why in its log'));
}

export function buildServer(store: Store, options: { appDir: string | null; log?: (message: string) => void }): FastifyInstance {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const app = Fastify({ bodyLimit: STORE_DEFAULTS.uploadMaxBytes, logger: false });
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) reply.header(name, value);
  });
  app.addContentTypeParser(['application/x-ndjson', 'text/plain'], { parseAs: 'string', bodyLimit: STORE_DEFAULTS.importMaxBytes }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, _request, reply) => replyError(error, reply, log));
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not-found', 'no such route')));

  app.post('/api/p/:project/runs', async (request, reply) => {
    const result = await store.upload(idParam(request, 'project'), tokenOf(request), request.body);
    return reply.code(result.created ? 201 : 200).send(result);
  });
  app.get('/api/runs/:id', async (request) => store.run(idParam(request, 'id'), tokenOf(request)));
  app.get('/api/p/:project/series', async (request) => store.series(idParam(request, 'project'), tokenOf(request), query(request).branch || 'main', query(request).device || undefined));
  app.get('/api/p/:project/trend', async (request) => {
    const q = required(request, ['suite', 'variant', 'metric', 'device']);
    return store.trend(idParam(request, 'project'), tokenOf(request), { suite: q.suite!, variant: q.variant!, metric: q.metric!, device: q.device!, branch: query(request).branch || 'main' });
  });
  app.get('/api/p/:project/alerts', async (request) => store.alerts(idParam(request, 'project'), tokenOf(request)));
  app.post('/api/p/:project/changepoints', async (request) => store.recompute(idParam(request, 'project'), tokenOf(request)));
  app.get('/api/projects', async (request) => store.projects(tokenOf(request)));
  app.post('/api/projects', async (request, reply) => {
    const parsed = createProjectSchema.safeParse(request.body);
    if (!parsed.success) throw new StoreFailure(400, 'invalid-project', `invalid project: ${describeIssues(parsed.error, request.body).join('; ')}`);
    return reply.code(201).send(await store.createProject(tokenOf(request), parsed.data.name, parsed.data.readToken));
  });
  app.delete('/api/p/:project', async (request, reply) => {
    await store.deleteProject(tokenOf(request), idParam(request, 'project'));
    return reply.code(204).send();
  });
  app.delete('/api/runs/:id', async (request, reply) => {
    await store.deleteRun(tokenOf(request), idParam(request, 'id'));
    return reply.code(204).send();
  });
  app.get('/api/p/:project/export', async (request, reply) => {
    const lines = await store.exportLines(tokenOf(request), idParam(request, 'project'));
    return reply.type('application/x-ndjson').send(Readable.from(lines));
  });
  app.post('/api/p/:project/import', { bodyLimit: STORE_DEFAULTS.importMaxBytes }, async (request) => {
    if (typeof request.body !== 'string') throw new StoreFailure(400, 'invalid-import', 'send the export\'s JSON lines as application/x-ndjson');
    return store.importLines(tokenOf(request), idParam(request, 'project'), request.body);
  });
  app.all('/api/*', async () => {
    throw new StoreFailure(404, 'not-found', 'no such route');
  });
  if (options.appDir !== null) serveAppFolder(app, options.appDir);
  return app;
}
