/**
 * `ranker`: a CTR ranker (the ranking stage): categorical features through embedding
 * tables, concatenated with dense features, then MLP (width relu → width/2 relu → 1) → logit,
 * sigmoid binary cross-entropy.
 *
 * Task: a hidden seeded logistic model (a bias per category value, a weight per dense
 * feature, one pairwise interaction) gives each example a click probability; the label is
 * a Bernoulli draw from it.
 * Inputs: [categorical ids int32 [B, FIELDS] (column f in 0..VOCABS[f]−1), dense float32 [B, DENSE]].
 * Labels: clicks float32 [B] (0/1). predict() returns click probabilities float32 [B].
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  applyDense, batchRng, checkBatch, binaryAccuracy, checkOptions, createParams, dense, input, makeModel,
  memoBySeed, normals, sigmoidCrossEntropy, taskRng,
} from './common.ts';
import { JOB_CONTRACT, type Workload } from './types.ts';

/** Vocabulary size of each categorical field (e.g. country, device, ad category, hour). */
export const VOCABS = [32, 16, 8, 24] as const;
export const DENSE = 8;
const EMBEDDING_DIM = 8;
/** Scale of the hidden logit: larger makes clicks more predictable. */
const SIGNAL = 1.5;

const OFFSETS = VOCABS.map((_, f) => VOCABS.slice(0, f).reduce((a, b) => a + b, 0));
const TOTAL_VOCAB = VOCABS.reduce((a, b) => a + b, 0);

const truth = memoBySeed((seed) => {
  const rng = taskRng(seed);
  return { categoryBias: normals(rng, TOTAL_VOCAB, SIGNAL), denseWeight: normals(rng, DENSE, SIGNAL / 2) };
});

export const ranker: Workload = {
  contract: JOB_CONTRACT,
  name: 'ranker',
  description: `CTR ranker: ${VOCABS.length} categorical embeddings + ${DENSE} dense features → MLP W-W/2-1, sigmoid BCE`,

  build(tf, options) {
    checkOptions(options);
    const { width } = options;
    const half = Math.max(4, Math.round(width / 2));
    const params = createParams(tf, options.seed);
    // One table for all fields; field f's rows start at OFFSETS[f].
    const table = params.normal<tfc.Rank.R2>([TOTAL_VOCAB, EMBEDDING_DIM], 0.1);
    const features = VOCABS.length * EMBEDDING_DIM + DENSE;
    const layers = [dense(params, features, width, true), dense(params, width, half, true), dense(params, half, 1, false)];
    return makeModel(params, {
      forward: (inputs) => {
        const ids = tf.add(tf.cast(input(inputs, 0, 'ranker'), 'int32'), tf.tensor1d(OFFSETS, 'int32'));
        const embedded = tf.reshape<tfc.Rank.R2>(tf.gather(table, ids), [-1, VOCABS.length * EMBEDDING_DIM]);
        let x: tfc.Tensor2D = tf.concat([embedded, tf.reshape<tfc.Rank.R2>(input(inputs, 1, 'ranker'), [-1, DENSE])], 1);
        layers.forEach((layer, i) => (x = applyDense(tf, x, layer, i < layers.length - 1)));
        return tf.reshape(x, [-1]);
      },
      loss: (logits, batch) => sigmoidCrossEntropy(tf, logits, batch.labels),
      serve: (logits) => tf.sigmoid(logits),
      accuracy: (logits, batch) => binaryAccuracy(tf, logits, batch.labels),
    });
  },

  makeBatch(tf, options, batchIndex, batchSize) {
    checkBatch(batchIndex, batchSize);
    const { categoryBias, denseWeight } = truth(options.seed);
    const rng = batchRng(options.seed, batchIndex);
    const ids = new Int32Array(batchSize * VOCABS.length);
    const denseValues = new Float32Array(batchSize * DENSE);
    const labels = new Float32Array(batchSize);
    for (let n = 0; n < batchSize; n++) {
      let logit = -0.5;
      VOCABS.forEach((vocab, f) => {
        const id = rng.int(vocab);
        ids[n * VOCABS.length + f] = id;
        logit += categoryBias[(OFFSETS[f] ?? 0) + id] ?? 0;
      });
      for (let d = 0; d < DENSE; d++) {
        const value = rng.normal();
        denseValues[n * DENSE + d] = value;
        logit += (denseWeight[d] ?? 0) * value;
      }
      logit += SIGNAL * (denseValues[n * DENSE] ?? 0) * (denseValues[n * DENSE + 1] ?? 0);
      labels[n] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    }
    return {
      inputs: [tf.tensor2d(ids, [batchSize, VOCABS.length], 'int32'), tf.tensor2d(denseValues, [batchSize, DENSE], 'float32')],
      labels: tf.tensor1d(labels, 'float32'),
      size: batchSize,
    };
  },
};
