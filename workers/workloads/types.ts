/**
 * The job-module contract, version 1: what a job module exports and what firstbatch calls.
 * The built-in workloads (this folder) are job modules written against it, and a user's module
 * (`--job ./my-job.js`, spec field `job`) is checked against it the same way (workers/sources/job-module.ts).
 * docs/models.md documents it for users; change it only with a new contract version.
 *
 *   export const contract = 1;
 *   export function build(tf, options) { return { variables, loss(batch), predict(inputs) }; }
 *   export function makeBatch(tf, options, batchIndex, batchSize) { return { inputs, labels, size }; }
 *
 * A module receives the tf namespace as a parameter, so the runner can hand it either the full
 * `@tensorflow/tfjs` bundle or a lean `@tensorflow/tfjs-core` + backend import: use tfjs-core ops.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { MODEL_DEFAULTS } from '../../src/core/defaults.ts';
import type { WorkloadName } from '../../src/core/spec.ts';

export type Tf = typeof tfc;

export type { WorkloadName };

/** The contract version this build runs (a module says which it was written for in `contract`). */
export const JOB_CONTRACT = MODEL_DEFAULTS.jobContract;

export interface WorkloadOptions {
  /** The size knob (spec `width`): main hidden width in units (mlp hidden layer, tower/MLP widths, transformer d_model…); 8..4096. */
  readonly width: number;
  /** Weights come from the spec's seed; data from its dataSeed (else the seed). */
  readonly seed: number;
}

export interface Batch {
  /** Model inputs, in the order predict() takes. */
  readonly inputs: tfc.Tensor[];
  /** What loss() compares with: class ids (int32, [size]), 0/1, regression targets… */
  readonly labels: tfc.Tensor;
  /** Examples in the batch. */
  readonly size: number;
}

export interface Model {
  /** Every variable the optimizer (Adam, spec learningRate) updates, in a fixed order. */
  readonly variables: tfc.Variable[];
  /** Training loss of a batch, a scalar (mean over the batch). */
  loss(batch: Batch): tfc.Scalar;
  /** Serving output for inputs (scores/probabilities/logits/regression values, batch-major). */
  predict(inputs: tfc.Tensor[]): tfc.Tensor;
  /** Optional metric for serving's hold-out and canary: fraction correct, a scalar tensor. */
  accuracy?(batch: Batch): tfc.Scalar;
  /** Optional: frees what build() made; absent, firstbatch disposes `variables`. */
  dispose?(): void;
}

/** A job module: contract 1. */
export interface JobModule {
  readonly contract: typeof JOB_CONTRACT;
  /** One line for users, e.g. "MNIST-shaped classifier 784-W-10". */
  readonly description?: string;
  /** Creates the variables (and nothing else that outlives the call), seeded by options.seed. */
  build(tf: Tf, options: WorkloadOptions): Model;
  /** Batch `batchIndex` is a pure function of (options.seed, batchIndex, batchSize): produced on the CPU, then uploaded. */
  makeBatch(tf: Tf, options: WorkloadOptions, batchIndex: number, batchSize: number): Batch;
}

/** A built-in workload: a job module with a name and a description, whose models have accuracy() for serving. */
export interface Workload extends JobModule {
  readonly name: WorkloadName;
  readonly description: string;
  /** A one-score-per-example output is a positive decision at or above this (serving accuracy, drift's error stream); absent: 0.5, a probability. */
  readonly decisionThreshold?: number;
  build(tf: Tf, options: WorkloadOptions): Model & Required<Pick<Model, 'accuracy' | 'dispose'>>;
}

/** Frees a batch's tensors; the caller owns batches. */
export function disposeBatch(batch: Batch): void {
  for (const input of batch.inputs) input.dispose();
  batch.labels.dispose();
}
