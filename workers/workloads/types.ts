/**
 * The contract between the job runner and the synthetic workloads.
 *
 * A workload receives the tf namespace as a parameter, so the runner can hand it
 * either the full `@tensorflow/tfjs` bundle or a lean `@tensorflow/tfjs-core` +
 * backend import; workloads use tfjs-core ops only.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { WorkloadName } from '../../src/core/spec.ts';

export type Tf = typeof tfc;

export type { WorkloadName };

export interface WorkloadOptions {
  /** The size knob: main hidden width in units (mlp hidden layer, tower/MLP widths, transformer d_model…); 8..4096. */
  readonly width: number;
  readonly seed: number;
}

export interface Batch {
  /** Model inputs, in the order predict() takes. */
  readonly inputs: tfc.Tensor[];
  /** Class ids (int32, [size]) for classifiers; 0/1 (float32, [size]) for binary tasks. */
  readonly labels: tfc.Tensor;
  /** Examples in the batch. */
  readonly size: number;
}

export interface Model {
  readonly variables: tfc.Variable[];
  /** Training loss of a batch, a scalar (mean over the batch). */
  loss(batch: Batch): tfc.Scalar;
  /** Serving output for inputs (scores/probabilities/logits, batch-major). */
  predict(inputs: tfc.Tensor[]): tfc.Tensor;
  /** Metric for a canary/holdout: fraction correct (classification) or simple accuracy at 0.5 for binary; a scalar tensor. */
  accuracy(batch: Batch): tfc.Scalar;
  /** Disposes the variables. */
  dispose(): void;
}

export interface Workload {
  readonly name: WorkloadName;
  /** One line for users, e.g. "MNIST-shaped classifier 784-W-10". */
  readonly description: string;
  /** Creates the variables (and nothing else that outlives the call). */
  build(tf: Tf, options: WorkloadOptions): Model;
  /** Batch `batchIndex` is a pure function of (seed, batchIndex, batchSize): produced on the CPU, then uploaded. */
  makeBatch(tf: Tf, options: WorkloadOptions, batchIndex: number, batchSize: number): Batch;
}

/** Frees a batch's tensors; the caller owns batches. */
export function disposeBatch(batch: Batch): void {
  for (const input of batch.inputs) input.dispose();
  batch.labels.dispose();
}
