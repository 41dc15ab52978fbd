/** What the model session builds on: a source loaded in the `load` phase, and the model built from it. */
import type * as tfc from '@tensorflow/tfjs-core';
import type { DeclaredInput } from '../../src/core/models/signature.ts';
import type { ModelFormat, ModelInfo } from '../../src/core/result.ts';
import type { JobSpec } from '../../src/core/spec.ts';
import type { Batch, Model, Tf } from '../workloads/types.ts';

/** What a job does with its model: train (loss) or serve (inference only). */
export type JobMode = 'train' | 'serve';

/** A model built on the active backend. */
export interface BuiltModel {
  readonly format: ModelFormat;
  /** variables / loss / predict (first output) / accuracy, as the job-module contract has them. */
  readonly model: Model;
  /** Why it cannot train (a GraphModel), or null. */
  readonly cannotTrain: string | null;
  /** The loss and where it came from; null when it has none (serve-only). */
  readonly loss: ModelInfo['loss'];
  /** Every output for inputs (a GraphModel with dynamic ops computes them asynchronously); the caller disposes them. */
  outputs(inputs: tfc.Tensor[]): tfc.Tensor[] | Promise<tfc.Tensor[]>;
  /** Batch `batchIndex` of `batchSize` for `mode` (serve batches carry no labels). */
  makeBatch(mode: JobMode, batchIndex: number, batchSize: number): Batch;
  /** Weight tensors uploaded in `build` where the backend allows (a GraphModel's constants are not: see graph.ts). */
  readonly weights: readonly tfc.Tensor[];
  readonly parameterCount: number;
  readonly weightBytes: number;
  /** The declared outputs (shapes as the model states them: null for unknown). */
  readonly declaredOutputs: readonly DeclaredInput[];
  /**
   * The same model built again on the now-active backend (the agreement check switches to cpu),
   * with these values for its variables (in `model.variables` order) when it trained.
   */
  rebuild(tf: Tf, variableValues: readonly tfc.TypedArray[] | null): Promise<BuiltModel>;
  dispose(): void;
}

/** A source after the `load` phase: its files fetched and parsed (nothing on the backend yet). */
export interface LoadedSource {
  readonly format: ModelFormat;
  /** Bytes fetched in the load phase; null for a built-in workload. */
  readonly loadBytes: number | null;
  /** The `build` phase: the model, its weights on the active backend. */
  build(tf: Tf, spec: JobSpec): Promise<BuiltModel>;
}
