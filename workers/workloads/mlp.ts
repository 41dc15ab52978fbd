/**
 * `mlp`: an MNIST-shaped classifier, 784 → width (relu) → 10, softmax cross-entropy.
 *
 * Task: 10 seeded class prototypes (sparse on/off "strokes" in 28×28 = 784 pixels);
 * an example is its class's prototype plus Gaussian noise, clipped to [0, 1] like pixels.
 * Inputs: [pixels float32 [B, 784]]. Labels: class ids int32 [B].
 * predict() returns class probabilities [B, 10].
 */
import {
  applyDense, batchRng, checkBatch, checkOptions, classAccuracy, createParams, dense, makeModel, memoBySeed,
  input, softmaxCrossEntropy, taskRng,
} from './common.ts';
import { JOB_CONTRACT, type Workload } from './types.ts';

const PIXELS = 784;
const CLASSES = 10;
/** Share of pixels that are "on" in a prototype, about MNIST's ink coverage. */
const INK = 0.2;
const NOISE_STD = 0.5;

const prototypes = memoBySeed((seed) => {
  const rng = taskRng(seed);
  const out = new Float32Array(CLASSES * PIXELS);
  for (let i = 0; i < out.length; i++) out[i] = rng.next() < INK ? 1 : 0;
  return out;
});

export const mlp: Workload = {
  contract: JOB_CONTRACT,
  name: 'mlp',
  description: 'MNIST-shaped classifier 784-W-10 (dense, relu, softmax)',

  build(tf, options) {
    checkOptions(options);
    const params = createParams(tf, options.seed);
    const hidden = dense(params, PIXELS, options.width, true);
    const out = dense(params, options.width, CLASSES, false);
    return makeModel(params, {
      forward: (inputs) => applyDense(tf, applyDense(tf, input(inputs, 0, 'mlp'), hidden, true), out, false),
      loss: (logits, batch) => softmaxCrossEntropy(tf, logits, batch.labels),
      serve: (logits) => tf.softmax(logits),
      accuracy: (logits, batch) => classAccuracy(tf, logits, batch.labels),
    });
  },

  makeBatch(tf, options, batchIndex, batchSize) {
    checkBatch(batchIndex, batchSize);
    const protos = prototypes(options.seed);
    const rng = batchRng(options.seed, batchIndex);
    const pixels = new Float32Array(batchSize * PIXELS);
    const labels = new Int32Array(batchSize);
    for (let n = 0; n < batchSize; n++) {
      const label = rng.int(CLASSES);
      labels[n] = label;
      for (let p = 0; p < PIXELS; p++) {
        const value = (protos[label * PIXELS + p] ?? 0) + rng.normal() * NOISE_STD;
        pixels[n * PIXELS + p] = Math.min(1, Math.max(0, value));
      }
    }
    return {
      inputs: [tf.tensor2d(pixels, [batchSize, PIXELS], 'float32')],
      labels: tf.tensor1d(labels, 'int32'),
      size: batchSize,
    };
  },
};
