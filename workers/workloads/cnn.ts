/**
 * `cnn`: a small conv net on 28×28×1 images:
 * conv3×3 (c = max(4, width/16)) relu → maxpool 2 → conv3×3 (2c) relu → maxpool 2 → dense 10.
 *
 * Task: each class is a seeded sum of Gaussian blobs (bright or dark) on the 28×28 grid;
 * an example is its class pattern shifted by up to ±2 pixels plus Gaussian noise.
 * Inputs: [images float32 [B, 28, 28, 1]] (NHWC). Labels: class ids int32 [B].
 * predict() returns class probabilities [B, 10].
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  applyDense, batchRng, checkBatch, checkOptions, classAccuracy, createParams, dense, input, makeModel,
  memoBySeed, softmaxCrossEntropy, taskRng,
} from './common.ts';
import { JOB_CONTRACT, type Workload } from './types.ts';

const SIDE = 28;
const CLASSES = 10;
const BLOBS_PER_CLASS = 4;
const MAX_SHIFT = 2;
const NOISE_STD = 0.3;

const patterns = memoBySeed((seed) => {
  const rng = taskRng(seed);
  const out = new Float32Array(CLASSES * SIDE * SIDE);
  for (let c = 0; c < CLASSES; c++) {
    for (let k = 0; k < BLOBS_PER_CLASS; k++) {
      const cy = 5 + rng.next() * (SIDE - 10);
      const cx = 5 + rng.next() * (SIDE - 10);
      const sigma = 1.5 + rng.next() * 2;
      const amplitude = rng.next() < 0.5 ? -1 : 1;
      for (let y = 0; y < SIDE; y++) {
        for (let x = 0; x < SIDE; x++) {
          const d2 = (y - cy) ** 2 + (x - cx) ** 2;
          const i = (c * SIDE + y) * SIDE + x;
          out[i] = (out[i] ?? 0) + amplitude * Math.exp(-d2 / (2 * sigma * sigma));
        }
      }
    }
  }
  return out;
});

/** Channels of the first conv layer for a width. */
export const cnnChannels = (width: number): number => Math.max(4, Math.round(width / 16));

export const cnn: Workload = {
  contract: JOB_CONTRACT,
  name: 'cnn',
  description: 'Conv net on 28×28×1: conv3×3(c)-pool-conv3×3(2c)-pool-dense10, c = max(4, W/16)',

  build(tf, options) {
    checkOptions(options);
    const c = cnnChannels(options.width);
    const params = createParams(tf, options.seed);
    const conv1 = params.he<tfc.Rank.R4>([3, 3, 1, c], 9);
    const bias1 = params.fill<tfc.Rank.R1>([c], 0);
    const conv2 = params.he<tfc.Rank.R4>([3, 3, c, 2 * c], 9 * c);
    const bias2 = params.fill<tfc.Rank.R1>([2 * c], 0);
    const flat = (SIDE / 4) * (SIDE / 4) * 2 * c;
    const out = dense(params, flat, CLASSES, false);
    const block = (x: tfc.Tensor4D, filter: tfc.Tensor4D, bias: tfc.Tensor1D): tfc.Tensor4D =>
      tf.maxPool(tf.relu(tf.add<tfc.Tensor4D>(tf.conv2d(x, filter, 1, 'same'), bias)), 2, 2, 'valid');
    return makeModel(params, {
      forward: (inputs) => {
        const images = tf.reshape<tfc.Rank.R4>(input(inputs, 0, 'cnn'), [-1, SIDE, SIDE, 1]);
        return applyDense(tf, block(block(images, conv1, bias1), conv2, bias2), out, false);
      },
      loss: (logits, batch) => softmaxCrossEntropy(tf, logits, batch.labels),
      serve: (logits) => tf.softmax(logits),
      accuracy: (logits, batch) => classAccuracy(tf, logits, batch.labels),
    });
  },

  makeBatch(tf, options, batchIndex, batchSize) {
    checkBatch(batchIndex, batchSize);
    const pats = patterns(options.seed);
    const rng = batchRng(options.seed, batchIndex);
    const pixels = new Float32Array(batchSize * SIDE * SIDE);
    const labels = new Int32Array(batchSize);
    for (let n = 0; n < batchSize; n++) {
      const label = rng.int(CLASSES);
      labels[n] = label;
      const dy = rng.int(2 * MAX_SHIFT + 1) - MAX_SHIFT;
      const dx = rng.int(2 * MAX_SHIFT + 1) - MAX_SHIFT;
      for (let y = 0; y < SIDE; y++) {
        for (let x = 0; x < SIDE; x++) {
          const sy = y - dy;
          const sx = x - dx;
          const inside = sy >= 0 && sy < SIDE && sx >= 0 && sx < SIDE;
          const signal = inside ? (pats[(label * SIDE + sy) * SIDE + sx] ?? 0) : 0;
          pixels[(n * SIDE + y) * SIDE + x] = signal + rng.normal() * NOISE_STD;
        }
      }
    }
    return {
      inputs: [tf.tensor4d(pixels, [batchSize, SIDE, SIDE, 1], 'float32')],
      labels: tf.tensor1d(labels, 'int32'),
      size: batchSize,
    };
  },
};
