/**
 * Shared pieces of the synthetic workloads: seed streams, seeded weight
 * initialisation, dense layers, losses and metrics.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { createRng, deriveSeed, type Rng } from '../../src/core/random.ts';
import type { Batch, Model, Tf, WorkloadOptions } from './types.ts';

export { disposeBatch } from './types.ts';

/** Separate seed streams so the task, the initial weights and the batches never share random numbers. */
const STREAM = { task: 1, init: 2, batch: 3 } as const;

export const MIN_WIDTH = 8;
export const MAX_WIDTH = 4096;

/** Throws a sentence a user can act on when the size knob or seed is out of range. */
export function checkOptions(options: WorkloadOptions): void {
  const { width, seed } = options;
  if (!Number.isInteger(width) || width < MIN_WIDTH || width > MAX_WIDTH) {
    throw new RangeError(`width must be an integer in ${MIN_WIDTH}..${MAX_WIDTH}, got ${width}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
}

/** Throws when a batch request cannot be met. */
export function checkBatch(batchIndex: number, batchSize: number): void {
  if (!Number.isInteger(batchIndex) || batchIndex < 0) {
    throw new RangeError(`batchIndex must be a non-negative integer, got ${batchIndex}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
}

/** Numbers that define the synthetic task (prototypes, hidden true weights): fixed by the seed. */
export const taskRng = (seed: number): Rng => createRng(deriveSeed(seed, STREAM.task));
/** Numbers for the initial weights. */
export const initRng = (seed: number): Rng => createRng(deriveSeed(seed, STREAM.init));
/** Numbers for batch `batchIndex`: fixed by (seed, batchIndex), whatever batches came before. */
export const batchRng = (seed: number, batchIndex: number): Rng =>
  createRng(deriveSeed(deriveSeed(seed, STREAM.batch), batchIndex));

/** Caches the task of the last seed, so making a batch does not regenerate it. */
export function memoBySeed<T>(make: (seed: number) => T): (seed: number) => T {
  let last: { seed: number; value: T } | undefined;
  return (seed) => {
    if (last?.seed !== seed) last = { seed, value: make(seed) };
    return last.value;
  };
}

export function normals(rng: Rng, count: number, std = 1): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal() * std;
  return out;
}

/** Seeded variables; every variable made here is listed in `variables`, in creation order. */
export interface Params {
  readonly variables: tfc.Variable[];
  /** Uniform in [-limit, limit]. */
  uniform<R extends tfc.Rank>(shape: tfc.ShapeMap[R], limit: number): tfc.Variable<R>;
  /** Glorot/Xavier uniform (Glorot & Bengio, 2010): limit sqrt(6 / (fanIn + fanOut)). */
  glorot<R extends tfc.Rank>(shape: tfc.ShapeMap[R], fanIn: number, fanOut: number): tfc.Variable<R>;
  /** He/Kaiming uniform (He et al., 2015), for layers followed by relu: limit sqrt(6 / fanIn). */
  he<R extends tfc.Rank>(shape: tfc.ShapeMap[R], fanIn: number): tfc.Variable<R>;
  /** N(0, std²), for embedding tables. */
  normal<R extends tfc.Rank>(shape: tfc.ShapeMap[R], std: number): tfc.Variable<R>;
  fill<R extends tfc.Rank>(shape: tfc.ShapeMap[R], value: number): tfc.Variable<R>;
}

export function createParams(tf: Tf, seed: number): Params {
  const rng = initRng(seed);
  const variables: tfc.Variable[] = [];
  function make<R extends tfc.Rank>(shape: tfc.ShapeMap[R], value: () => number): tfc.Variable<R> {
    let size = 1;
    for (const dim of shape) size *= dim;
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = value();
    const initial = tf.tensor<R>(values, shape, 'float32');
    const variable = tf.variable<R>(initial);
    initial.dispose();
    variables.push(variable);
    return variable;
  }
  function uniform<R extends tfc.Rank>(shape: tfc.ShapeMap[R], limit: number): tfc.Variable<R> {
    return make<R>(shape, () => (2 * rng.next() - 1) * limit);
  }
  return {
    variables,
    uniform,
    glorot: (shape, fanIn, fanOut) => uniform(shape, Math.sqrt(6 / (fanIn + fanOut))),
    he: (shape, fanIn) => uniform(shape, Math.sqrt(6 / fanIn)),
    normal: (shape, std) => make(shape, () => rng.normal() * std),
    fill: (shape, value) => make(shape, () => value),
  };
}

export interface Dense {
  readonly w: tfc.Variable<tfc.Rank.R2>;
  readonly b: tfc.Variable<tfc.Rank.R1>;
}

/** A fully connected layer; He init when a relu follows, Glorot otherwise. */
export function dense(params: Params, inUnits: number, outUnits: number, relu: boolean): Dense {
  const shape: [number, number] = [inUnits, outUnits];
  const w = relu ? params.he<tfc.Rank.R2>(shape, inUnits) : params.glorot<tfc.Rank.R2>(shape, inUnits, outUnits);
  return { w, b: params.fill<tfc.Rank.R1>([outUnits], 0) };
}

/** x·W + b over the last axis of a rank-2 input, optionally followed by relu. */
export function applyDense(tf: Tf, x: tfc.Tensor, layer: Dense, relu: boolean): tfc.Tensor2D {
  const y = tf.add<tfc.Tensor2D>(tf.matMul(tf.reshape(x, [-1, layer.w.shape[0]]), layer.w), layer.b);
  return relu ? tf.relu(y) : y;
}

/** Mean softmax cross-entropy of logits [B, C] against int32 class ids [B]. */
export function softmaxCrossEntropy(tf: Tf, logits: tfc.Tensor, labels: tfc.Tensor): tfc.Scalar {
  const classes = logits.shape[1] ?? 0;
  const picked = tf.sum(tf.mul(tf.oneHot(tf.cast(labels, 'int32'), classes), tf.logSoftmax(logits)), 1);
  return tf.neg(tf.mean<tfc.Scalar>(picked));
}

/**
 * Sigmoid binary cross-entropy from logits, in the stable form
 * max(z, 0) − z·y + log(1 + exp(−|z|)) (as in TensorFlow's sigmoid_cross_entropy_with_logits).
 * With `weights`, a weighted mean: Σ wᵢ·ℓᵢ / Σ wᵢ.
 */
export function sigmoidCrossEntropy(
  tf: Tf,
  logits: tfc.Tensor,
  labels: tfc.Tensor,
  weights?: tfc.Tensor,
): tfc.Scalar {
  const z = tf.reshape(logits, [-1]);
  const y = tf.reshape(tf.cast(labels, 'float32'), [-1]);
  const perExample = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  if (weights === undefined) return tf.mean<tfc.Scalar>(perExample);
  return tf.div<tfc.Scalar>(tf.sum(tf.mul(perExample, weights)), tf.sum(weights));
}

/** Fraction of rows whose arg-max equals the int32 class id. */
export function classAccuracy(tf: Tf, logits: tfc.Tensor, labels: tfc.Tensor): tfc.Scalar {
  return tf.mean<tfc.Scalar>(tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'float32'));
}

/** Fraction of examples where (probability ≥ 0.5) matches the 0/1 label, from logits. */
export function binaryAccuracy(tf: Tf, logits: tfc.Tensor, labels: tfc.Tensor): tfc.Scalar {
  const predicted = tf.greaterEqual(tf.reshape(logits, [-1]), 0);
  const actual = tf.greaterEqual(tf.reshape(labels, [-1]), 0.5);
  return tf.mean<tfc.Scalar>(tf.cast(tf.equal(predicted, actual), 'float32'));
}

/** The Model shape shared by all workloads: one forward pass, and how to read it. */
export function makeModel(
  params: Params,
  parts: {
    /** Raw outputs (logits or scores) for the inputs. */
    forward(inputs: tfc.Tensor[]): tfc.Tensor;
    loss(output: tfc.Tensor, batch: Batch): tfc.Scalar;
    serve(output: tfc.Tensor): tfc.Tensor;
    accuracy(output: tfc.Tensor, batch: Batch): tfc.Scalar;
  },
): Model & Required<Pick<Model, 'accuracy' | 'dispose'>> {
  const variables = params.variables;
  return {
    variables,
    loss: (batch) => parts.loss(parts.forward(batch.inputs), batch),
    predict: (inputs) => parts.serve(parts.forward(inputs)),
    accuracy: (batch) => parts.accuracy(parts.forward(batch.inputs), batch),
    dispose: () => {
      for (const variable of variables) variable.dispose();
    },
  };
}

/** Fetches an input by position, with a message that names the workload when it is missing. */
export function input(inputs: tfc.Tensor[], index: number, workload: string): tfc.Tensor {
  const tensor = inputs[index];
  if (tensor === undefined) throw new Error(`${workload}: predict() needs input #${index}, got ${inputs.length} inputs`);
  return tensor;
}
