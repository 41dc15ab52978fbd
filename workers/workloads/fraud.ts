/**
 * `fraud`: an imbalanced tabular classifier: dense features → MLP (width relu → width/2 relu
 * → 1) → logit, sigmoid binary cross-entropy with the positive class up-weighted.
 *
 * Task: each example is fraud with probability POSITIVE_RATE (4%). Legitimate examples are
 * N(0, I); fraud is shifted along a hidden seeded direction and has a hidden pair of features
 * that move together, so a linear score finds most of it and the MLP finds the rest.
 * Inputs: [features float32 [B, FEATURES]]. Labels: fraud float32 [B] (0/1).
 * Loss: weighted mean Σ wᵢ·ℓᵢ / Σ wᵢ, w = POSITIVE_WEIGHT for fraud, 1 otherwise.
 * predict() returns fraud probabilities float32 [B].
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  applyDense, batchRng, checkBatch, binaryAccuracy, checkOptions, createParams, dense, input, makeModel,
  memoBySeed, normals, sigmoidCrossEntropy, taskRng,
} from './common.ts';
import { JOB_CONTRACT, type Workload } from './types.ts';

export const FEATURES = 16;
export const POSITIVE_RATE = 0.04;
/** Up-weights fraud by the square root of the class ratio, a softer reweighting than the full ratio. */
export const POSITIVE_WEIGHT = Math.sqrt((1 - POSITIVE_RATE) / POSITIVE_RATE);
/** Distance between the class means along the hidden direction, in standard deviations. */
const SHIFT = 3.5;

const truth = memoBySeed((seed) => {
  const rng = taskRng(seed);
  const direction = normals(rng, FEATURES);
  const norm = Math.hypot(...direction);
  for (let i = 0; i < FEATURES; i++) direction[i] = (direction[i] ?? 0) / norm;
  const pair = [rng.int(FEATURES), rng.int(FEATURES)] as const;
  return { direction, pair };
});

export const fraud: Workload = {
  contract: JOB_CONTRACT,
  name: 'fraud',
  description: `Imbalanced fraud classifier: ${FEATURES} features → MLP W-W/2-1, ${POSITIVE_RATE * 100}% positives, weighted BCE`,

  build(tf, options) {
    checkOptions(options);
    const { width } = options;
    const half = Math.max(4, Math.round(width / 2));
    const params = createParams(tf, options.seed);
    const layers = [dense(params, FEATURES, width, true), dense(params, width, half, true), dense(params, half, 1, false)];
    return makeModel(params, {
      forward: (inputs) => {
        let x: tfc.Tensor2D = tf.reshape(input(inputs, 0, 'fraud'), [-1, FEATURES]);
        layers.forEach((layer, i) => (x = applyDense(tf, x, layer, i < layers.length - 1)));
        return tf.reshape(x, [-1]);
      },
      loss: (logits, batch) => {
        const isFraud = tf.cast(batch.labels, 'float32');
        const weights = tf.add(tf.mul(isFraud, POSITIVE_WEIGHT - 1), 1);
        return sigmoidCrossEntropy(tf, logits, isFraud, weights);
      },
      serve: (logits) => tf.sigmoid(logits),
      accuracy: (logits, batch) => binaryAccuracy(tf, logits, batch.labels),
    });
  },

  makeBatch(tf, options, batchIndex, batchSize) {
    checkBatch(batchIndex, batchSize);
    const { direction, pair } = truth(options.seed);
    const rng = batchRng(options.seed, batchIndex);
    const features = new Float32Array(batchSize * FEATURES);
    const labels = new Float32Array(batchSize);
    for (let n = 0; n < batchSize; n++) {
      const isFraud = rng.next() < POSITIVE_RATE;
      labels[n] = isFraud ? 1 : 0;
      const row = n * FEATURES;
      for (let f = 0; f < FEATURES; f++) {
        features[row + f] = rng.normal() + (isFraud ? SHIFT * (direction[f] ?? 0) : 0);
      }
      if (isFraud) features[row + pair[1]] = (features[row + pair[0]] ?? 0) + 0.3 * rng.normal();
    }
    return {
      inputs: [tf.tensor2d(features, [batchSize, FEATURES], 'float32')],
      labels: tf.tensor1d(labels, 'float32'),
      size: batchSize,
    };
  },
};
