/**
 * The two stages of a recommendation request: retrieval (two-tower scores the whole catalogue
 * for a user and keeps the top K) and ranking (the ranker scores those K items).
 */
import type { StageReply } from '../../src/core/serve-api.ts';
import { createRng, deriveSeed } from '../../src/core/random.ts';
import { nowAbsMs } from '../../src/core/clock.ts';
import { DENSE, VOCABS } from '../workloads/ranker.ts';
import { ITEMS } from '../workloads/two-tower.ts';
import type { ServingSession } from './session.ts';

/** Scores every catalogue item for the user and returns the top K ids with their scores. */
export async function retrieve(session: ServingSession, id: number, userId: number, topK: number): Promise<StageReply> {
  requireWorkload(session, 'two-tower', 'retrieval');
  const startAbsMs = nowAbsMs();
  const { tf } = session;
  const users = tf.fill([ITEMS], userId, 'int32');
  const items = tf.range(0, ITEMS, 1, 'int32');
  const scores = tf.tidy(() => session.model.predict([users, items]));
  const top = tf.topk(scores, Math.min(topK, ITEMS));
  try {
    const [itemIds, values] = await Promise.all([session.readBack(top.indices), session.readBack(top.values)]);
    return { id, startAbsMs, endAbsMs: nowAbsMs(), itemIds: Array.from(itemIds), scores: Array.from(values) };
  } finally {
    tf.dispose([users, items, scores, top.indices, top.values]);
  }
}

/** Ranker features of catalogue items: fixed per item (its categorical ids and dense features), seeded by the task. */
function itemFeatures(dataSeed: number, itemIds: readonly number[]): { ids: Int32Array; dense: Float32Array } {
  const ids = new Int32Array(itemIds.length * VOCABS.length);
  const dense = new Float32Array(itemIds.length * DENSE);
  itemIds.forEach((item, row) => {
    const rng = createRng(deriveSeed(deriveSeed(dataSeed, ITEM_STREAM), item));
    VOCABS.forEach((vocab, f) => (ids[row * VOCABS.length + f] = rng.int(vocab)));
    for (let d = 0; d < DENSE; d++) dense[row * DENSE + d] = rng.normal();
  });
  return { ids, dense };
}

/** Scores the items and returns them best first. */
export async function rank(session: ServingSession, id: number, itemIds: readonly number[]): Promise<StageReply> {
  requireWorkload(session, 'ranker', 'ranking');
  const startAbsMs = nowAbsMs();
  const { tf } = session;
  const features = itemFeatures(session.data.seed, itemIds);
  const inputs = [
    tf.tensor2d(features.ids, [itemIds.length, VOCABS.length], 'int32'),
    tf.tensor2d(features.dense, [itemIds.length, DENSE], 'float32'),
  ];
  try {
    const { values } = await session.predict(inputs);
    const order = itemIds.map((item, i) => ({ item, score: values[i] ?? Number.NaN })).sort((a, b) => b.score - a.score);
    return { id, startAbsMs, endAbsMs: nowAbsMs(), itemIds: order.map((o) => o.item), scores: order.map((o) => o.score) };
  } finally {
    tf.dispose(inputs);
  }
}

function requireWorkload(session: ServingSession, workload: string, stage: string): void {
  if (session.spec.workload !== workload) {
    throw new Error(`the ${stage} stage needs a ${workload} model, this worker serves ${session.spec.workload}`);
  }
}

const ITEM_STREAM = 31;
