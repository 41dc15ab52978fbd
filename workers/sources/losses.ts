/**
 * The losses a user's LayersModel trains with, in tfjs-core ops, as Keras defines them for
 * probabilities (from_logits = False): predictions are clipped to [ε, 1 − ε] before the log.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { assertNever } from '../../src/core/assert.ts';
import type { LossName } from '../../src/core/spec.ts';
import type { Tf } from '../workloads/types.ts';

/** Keras's backend epsilon. */
const EPSILON = 1e-7;

export function lossOf(tf: Tf, name: LossName, predicted: tfc.Tensor, labels: tfc.Tensor): tfc.Scalar {
  const clipped = (): tfc.Tensor => tf.clipByValue(predicted, EPSILON, 1 - EPSILON);
  switch (name) {
    case 'mse':
      return tf.mean<tfc.Scalar>(tf.squaredDifference(predicted, tf.cast(labels, 'float32')));
    case 'categorical-crossentropy':
      return tf.neg<tfc.Scalar>(tf.mean<tfc.Scalar>(tf.sum(tf.mul(tf.cast(labels, 'float32'), tf.log(clipped())), -1)));
    case 'sparse-categorical-crossentropy': {
      const classes = predicted.shape.at(-1) ?? 1;
      const oneHot = tf.oneHot(tf.cast(tf.reshape(labels, [-1]), 'int32'), classes);
      return tf.neg<tfc.Scalar>(tf.mean<tfc.Scalar>(tf.sum(tf.mul(oneHot, tf.log(tf.reshape(clipped(), [-1, classes]))), -1)));
    }
    case 'binary-crossentropy': {
      const p = clipped();
      const y = tf.cast(labels, 'float32');
      return tf.neg<tfc.Scalar>(tf.mean<tfc.Scalar>(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))))));
    }
    default:
      return assertNever(name, 'loss');
  }
}
