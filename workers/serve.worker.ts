import { expose } from 'comlink';
import type { ServeWorkerApi } from '../src/core/serve-api.ts';
import { driftStreams } from './serving/drift-streams.ts';
import { createQueue } from './serving/queue.ts';
import { holdout, offline, query } from './serving/scenarios.ts';
import { loadSession, type Session } from './serving/session.ts';
import { rank, retrieve } from './serving/stages.ts';

/**
 * A persistent serving worker: one model, loaded once, then every request runs through one
 * FIFO queue, so a query that arrives while another runs waits (and that wait is measured).
 */
let session: Session | null = null;
const enqueue = createQueue();

function current(): Session {
  if (!session) throw new Error('the serving worker has no model yet: call load() first');
  return session;
}

const api = {
  load: (model) => enqueue(async () => {
    if (session) throw new Error('this serving worker already serves a model; start a new worker for another');
    const loaded = await loadSession(model);
    session = loaded.session;
    return loaded.reply;
  }),
  query: (id, inputIndex) => enqueue(() => query(current(), id, inputIndex)),
  offline: (batchSize, batches) => enqueue(() => offline(current(), batchSize, batches)),
  holdout: (examples) => enqueue(() => holdout(current(), examples)),
  retrieve: (id, userId, topK) => enqueue(() => retrieve(current(), id, userId, topK)),
  rank: (id, itemIds) => enqueue(() => rank(current(), id, itemIds)),
  driftStreams: (request) => enqueue(() => driftStreams(current(), request)),
} satisfies ServeWorkerApi;

expose(api);
