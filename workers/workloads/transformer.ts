/**
 * `transformer`: a tiny encoder for next-item prediction. Token + position embeddings
 * (d_model = max(16, width/2)), one single-head self-attention block (scaled dot-product,
 * residual, layer norm) and one FFN block (d → width relu → d, residual, layer norm);
 * the last position's state gives logits over the VOCAB items.
 *
 * Task: sequences of SEQUENCE items follow a seeded rule, next = (a·prev + b) mod VOCAB,
 * except that with probability NOISE an item is uniformly random instead.
 * Inputs: [item ids int32 [B, SEQUENCE]]. Labels: the next item, int32 [B].
 * predict() returns next-item probabilities float32 [B, VOCAB].
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  applyDense, batchRng, checkBatch, checkOptions, classAccuracy, createParams, dense, input, makeModel,
  memoBySeed, softmaxCrossEntropy, taskRng, type Params,
} from './common.ts';
import { JOB_CONTRACT, type Tf, type Workload } from './types.ts';

export const SEQUENCE = 16;
export const VOCAB = 64;
const NOISE = 0.1;
const LAYER_NORM_EPSILON = 1e-5;

const rule = memoBySeed((seed) => {
  const rng = taskRng(seed);
  // An odd multiplier is invertible mod 64, so the rule is a permutation of the items.
  return { a: 2 * rng.int(VOCAB / 2) + 1, b: rng.int(VOCAB) };
});

/** d_model for a width. */
export const modelDim = (width: number): number => Math.max(16, Math.round(width / 2));

/** Layer normalisation over the last axis (Ba, Kiros & Hinton, 2016), with a learnt gain and bias. */
function layerNorm(tf: Tf, params: Params, dim: number): (x: tfc.Tensor) => tfc.Tensor {
  const gain = params.fill<tfc.Rank.R1>([dim], 1);
  const bias = params.fill<tfc.Rank.R1>([dim], 0);
  return (x) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON))), gain), bias);
  };
}

export const transformer: Workload = {
  contract: JOB_CONTRACT,
  name: 'transformer',
  description: `Tiny encoder, next-item prediction: ${SEQUENCE} items of ${VOCAB}, d = max(16, W/2), 1 attention + FFN(W) block`,

  build(tf, options) {
    checkOptions(options);
    const d = modelDim(options.width);
    const params = createParams(tf, options.seed);
    const tokens = params.normal<tfc.Rank.R2>([VOCAB, d], 0.1);
    const positions = params.normal<tfc.Rank.R2>([SEQUENCE, d], 0.1);
    const query = dense(params, d, d, false);
    const key = dense(params, d, d, false);
    const value = dense(params, d, d, false);
    const mix = dense(params, d, d, false);
    const norm1 = layerNorm(tf, params, d);
    const ffnIn = dense(params, d, options.width, true);
    const ffnOut = dense(params, options.width, d, false);
    const norm2 = layerNorm(tf, params, d);
    const head = dense(params, d, VOCAB, false);
    const perPosition = (x: tfc.Tensor, f: (flat: tfc.Tensor2D) => tfc.Tensor2D): tfc.Tensor3D =>
      tf.reshape<tfc.Rank.R3>(f(tf.reshape(x, [-1, d])), [-1, SEQUENCE, d]);

    return makeModel(params, {
      forward: (inputs) => {
        // Token embedding as one-hot × table: for a 64-item vocabulary it is one small matmul,
        // and its gradient is a matmul too rather than a scatter-add.
        const oneHot = tf.oneHot(tf.reshape(tf.cast(input(inputs, 0, 'transformer'), 'int32'), [-1]), VOCAB);
        const x = tf.add<tfc.Tensor3D>(tf.reshape(tf.matMul(oneHot, tokens), [-1, SEQUENCE, d]), positions);
        // Single-head scaled dot-product attention (Vaswani et al., 2017): softmax(QKᵀ/√d)·V.
        const q = perPosition(x, (h) => applyDense(tf, h, query, false));
        const k = perPosition(x, (h) => applyDense(tf, h, key, false));
        const v = perPosition(x, (h) => applyDense(tf, h, value, false));
        const weights = tf.softmax(tf.div(tf.matMul(q, k, false, true), Math.sqrt(d)));
        const attended = perPosition(tf.matMul(weights, v), (h) => applyDense(tf, h, mix, false));
        const h1 = norm1(tf.add(x, attended));
        const ffn = perPosition(h1, (h) => applyDense(tf, applyDense(tf, h, ffnIn, true), ffnOut, false));
        const h2 = norm2(tf.add(h1, ffn));
        const last = tf.reshape(tf.slice(h2, [0, SEQUENCE - 1, 0], [-1, 1, d]), [-1, d]);
        return applyDense(tf, last, head, false);
      },
      loss: (logits, batch) => softmaxCrossEntropy(tf, logits, batch.labels),
      serve: (logits) => tf.softmax(logits),
      accuracy: (logits, batch) => classAccuracy(tf, logits, batch.labels),
    });
  },

  makeBatch(tf, options, batchIndex, batchSize) {
    checkBatch(batchIndex, batchSize);
    const { a, b } = rule(options.seed);
    const rng = batchRng(options.seed, batchIndex);
    const ids = new Int32Array(batchSize * SEQUENCE);
    const labels = new Int32Array(batchSize);
    const step = (prev: number): number => (rng.next() < NOISE ? rng.int(VOCAB) : (a * prev + b) % VOCAB);
    for (let n = 0; n < batchSize; n++) {
      let item = rng.int(VOCAB);
      for (let t = 0; t < SEQUENCE; t++) {
        ids[n * SEQUENCE + t] = item;
        item = step(item);
      }
      labels[n] = item;
    }
    return {
      inputs: [tf.tensor2d(ids, [batchSize, SEQUENCE], 'int32')],
      labels: tf.tensor1d(labels, 'int32'),
      size: batchSize,
    };
  },
};
