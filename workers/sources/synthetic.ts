/**
 * Synthetic batches for a user's model, from its signature: every input filled with seeded values
 * in its range (integers for int32, 0/1 for bool), labels shaped for the loss. Batch `batchIndex`
 * is a pure function of (seed, batchIndex, batchSize), like a built-in workload's.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { ResolvedInput } from '../../src/core/models/signature.ts';
import type { LossName } from '../../src/core/spec.ts';
import { batchRng } from '../workloads/common.ts';
import type { Batch, Tf } from '../workloads/types.ts';

export interface LabelPlan {
  readonly loss: LossName;
  /** The labels' shape (batch dimension first). */
  readonly shape: readonly number[];
  /** Classes on the output's last axis (categorical losses). */
  readonly classes: number;
}

export function syntheticBatch(tf: Tf, inputs: readonly ResolvedInput[], labels: LabelPlan | null, seed: number, batchIndex: number, batchSize: number): Batch {
  const rng = batchRng(seed, batchIndex);
  const tensors: tfc.Tensor[] = inputs.map((input) => {
    const size = input.shape.reduce((n, d) => n * d, 1);
    const { min, max } = input.range;
    if (input.dtype === 'float32') {
      const values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = min + rng.next() * (max - min);
      return tf.tensor(values, [...input.shape], 'float32');
    }
    const low = Math.ceil(min);
    const span = Math.max(1, Math.ceil(max) - low);
    const values = new Int32Array(size);
    for (let i = 0; i < size; i++) values[i] = low + rng.int(span);
    return input.dtype === 'bool' ? tf.tensor(Uint8Array.from(values, (v) => (v > 0 ? 1 : 0)), [...input.shape], 'bool') : tf.tensor(values, [...input.shape], 'int32');
  });
  return { inputs: tensors, labels: labels ? makeLabels(tf, labels, rng) : tf.tensor1d([], 'float32'), size: batchSize };
}

function makeLabels(tf: Tf, plan: LabelPlan, rng: ReturnType<typeof batchRng>): tfc.Tensor {
  const size = plan.shape.reduce((n, d) => n * d, 1);
  switch (plan.loss) {
    case 'sparse-categorical-crossentropy':
      return tf.tensor(Int32Array.from({ length: size }, () => rng.int(plan.classes)), [...plan.shape], 'int32');
    case 'categorical-crossentropy': {
      const values = new Float32Array(size);
      for (let row = 0; row < size / plan.classes; row++) values[row * plan.classes + rng.int(plan.classes)] = 1;
      return tf.tensor(values, [...plan.shape], 'float32');
    }
    case 'binary-crossentropy':
      return tf.tensor(Float32Array.from({ length: size }, () => (rng.next() < 0.5 ? 0 : 1)), [...plan.shape], 'float32');
    case 'mse':
      return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), [...plan.shape], 'float32');
  }
}
