/**
 * `two-tower`: retrieval with a user tower and an item tower, each an embedding table
 * (tf.gather on int32 ids, 16 wide) and a small MLP (16 → width relu → D, D = max(8, width/4)),
 * scored by dot product and trained with in-batch softmax: logits = U·Iᵀ, the positive of
 * row i is column i, every other item in the batch is a negative (as in Pinterest's
 * embedding-based retrieval).
 *
 * Task: users and items have hidden seeded latent factors; a batch row is a random user and
 * a positive item drawn with probability ∝ exp(SHARPNESS · affinity), so positives are the
 * items of high affinity.
 * Inputs: [userIds int32 [B], itemIds int32 [B]] (row i is a (user, positive item) pair).
 * Labels: int32 [B] = 0..B−1, the in-batch column of each row's positive.
 * predict([userIds, itemIds]) returns the score of each (user, item) pair, the elementwise
 * dot product of the tower outputs: float32 [B]. accuracy() is in-batch top-1 retrieval.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  applyDense, batchRng, checkBatch, checkOptions, classAccuracy, createParams, dense, input, makeModel,
  memoBySeed, normals, softmaxCrossEntropy, taskRng, type Params,
} from './common.ts';
import { JOB_CONTRACT, type Tf, type Workload } from './types.ts';

export const USERS = 128;
export const ITEMS = 128;
const EMBEDDING_DIM = 16;
const LATENT = 8;
/** Inverse temperature of the hidden preference: higher makes positives more predictable. */
const SHARPNESS = 3;

const latents = memoBySeed((seed) => {
  const rng = taskRng(seed);
  return { users: normals(rng, USERS * LATENT), items: normals(rng, ITEMS * LATENT) };
});

/** Output size of each tower for a width. */
export const towerDim = (width: number): number => Math.max(8, Math.round(width / 4));

function tower(tf: Tf, params: Params, rows: number, width: number): (ids: tfc.Tensor) => tfc.Tensor2D {
  const dim = towerDim(width);
  const table = params.normal<tfc.Rank.R2>([rows, EMBEDDING_DIM], 0.1);
  const hidden = dense(params, EMBEDDING_DIM, width, true);
  const out = dense(params, width, dim, false);
  return (ids) => applyDense(tf, applyDense(tf, tf.gather(table, tf.cast(ids, 'int32')), hidden, true), out, false);
}

export const twoTower: Workload = {
  contract: JOB_CONTRACT,
  name: 'two-tower',
  // Its score is a user · item dot product, positive for a likely click.
  decisionThreshold: 0,
  description: `Two-tower retrieval: ${USERS} users × ${ITEMS} items, embeddings + MLP towers, in-batch softmax`,

  build(tf, options) {
    checkOptions(options);
    const params = createParams(tf, options.seed);
    const userTower = tower(tf, params, USERS, options.width);
    const itemTower = tower(tf, params, ITEMS, options.width);
    const towers = (inputs: tfc.Tensor[]): [tfc.Tensor2D, tfc.Tensor2D] => [
      userTower(input(inputs, 0, 'two-tower')),
      itemTower(input(inputs, 1, 'two-tower')),
    ];
    const inBatchLogits = (inputs: tfc.Tensor[]): tfc.Tensor2D => {
      const [users, items] = towers(inputs);
      return tf.matMul(users, items, false, true);
    };
    const model = makeModel(params, {
      forward: inBatchLogits,
      loss: (logits, batch) => softmaxCrossEntropy(tf, logits, batch.labels),
      serve: (logits) => logits,
      accuracy: (logits, batch) => classAccuracy(tf, logits, batch.labels),
    });
    return {
      ...model,
      predict: (inputs) => {
        const [users, items] = towers(inputs);
        return tf.sum(tf.mul(users, items), 1);
      },
    };
  },

  makeBatch(tf, options, batchIndex, batchSize) {
    checkBatch(batchIndex, batchSize);
    const { users, items } = latents(options.seed);
    const rng = batchRng(options.seed, batchIndex);
    const userIds = new Int32Array(batchSize);
    const itemIds = new Int32Array(batchSize);
    const weights = new Float64Array(ITEMS);
    for (let n = 0; n < batchSize; n++) {
      const user = rng.int(USERS);
      // Sample the positive from softmax(SHARPNESS · affinity) over all items.
      let max = -Infinity;
      for (let i = 0; i < ITEMS; i++) {
        let affinity = 0;
        for (let k = 0; k < LATENT; k++) affinity += (users[user * LATENT + k] ?? 0) * (items[i * LATENT + k] ?? 0);
        weights[i] = SHARPNESS * affinity;
        max = Math.max(max, SHARPNESS * affinity);
      }
      let total = 0;
      for (let i = 0; i < ITEMS; i++) {
        const weight = Math.exp((weights[i] ?? 0) - max);
        weights[i] = weight;
        total += weight;
      }
      let pick = rng.next() * total;
      let item = 0;
      while (item < ITEMS - 1 && (pick -= weights[item] ?? 0) > 0) item++;
      userIds[n] = user;
      itemIds[n] = item;
    }
    const labels = new Int32Array(batchSize);
    for (let n = 0; n < batchSize; n++) labels[n] = n;
    return {
      inputs: [tf.tensor1d(userIds, 'int32'), tf.tensor1d(itemIds, 'int32')],
      labels: tf.tensor1d(labels, 'int32'),
      size: batchSize,
    };
  },
};
