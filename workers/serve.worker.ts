import { expose } from 'comlink';
import type { ServeWorkerApi } from '../src/core/serve-api.ts';
import { driftStreams } from './serving/drift-streams.ts';
import { createQueue } from './serving/queue.ts';
import { holdout, offline, query } from './serving/scenarios.ts';
import { loadSession, type ServingSession } from './serving/session.ts';
import { rank, retrieve } from './serving/stages.ts';

/**
 * A persistent serving worker: one model per slot, loaded once, then every request runs through
 * one FIFO queue, so a query that arrives while another runs waits (and that wait is measured).
 */
const sessions = new Map<number, ServingSession>();
const enqueue = createQueue();

function current(slot = 0): ServingSession {
  const session = sessions.get(slot);
  if (!session) throw new Error(`the serving worker has no model in slot ${slot}: call load() first`);
  return session;
}

const api = {
  load: (spec, slot = 0) => enqueue(async () => {
    if (sessions.has(slot)) throw new Error(`slot ${slot} of this serving worker already serves a model`);
    const other = [...sessions.values()][0];
    if (other && other.spec.backend !== spec.backend) {
      throw new Error(`one serving worker runs one backend: it has ${other.spec.backend}, ${spec.backend} needs its own worker`);
    }
    const loaded = await loadSession(spec);
    sessions.set(slot, loaded.session);
    return loaded.reply;
  }),
  query: (id, inputIndex, slot) => enqueue(() => query(current(slot), id, inputIndex)),
  offline: (batchSize, batches, slot) => enqueue(() => offline(current(slot), batchSize, batches)),
  holdout: (examples, slot) => enqueue(() => holdout(current(slot), examples)),
  retrieve: (id, userId, topK, slot) => enqueue(() => retrieve(current(slot), id, userId, topK)),
  rank: (id, itemIds, slot) => enqueue(() => rank(current(slot), id, itemIds)),
  driftStreams: (request, slot) => enqueue(() => driftStreams(current(slot), request)),
} satisfies ServeWorkerApi;

expose(api);
