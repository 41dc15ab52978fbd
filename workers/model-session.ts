/**
 * One model session: the job's model (a built-in workload, a job module, a LayersModel or a
 * GraphModel, through workers/sources) and its Adam optimizer, and the only code in the workers
 * that trains a step, predicts or reads a tensor back. Jobs, the prewarm pool, the compile-only
 * pass and the serving worker all go through it, so every read-back is raced against the loss of
 * the GPU device (where the backend has one) and then checked for errors nobody captured.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import { nowAbsMs } from '../src/core/clock.ts';
import { sourceLabel } from '../src/core/source.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { gpuDeviceOf, watchDevice, type DeviceWatch } from './gpu.ts';
import { JobFailure } from './job-failure.ts';
import type { Tf } from './load-tf.ts';
import { uploadTensors } from './upload.ts';
import { loadSource, type BuiltModel, type JobMode, type LoadedSource } from './sources/index.ts';
import type { Batch, Model, WorkloadOptions } from './workloads/types.ts';

/** Values read back from a tensor. */
export type Values = tfc.TypedArray;

export interface TrainStepOptions {
  /** Wait for the loss to come back to the CPU and return it; otherwise only enqueue the step (NaN). */
  readonly read: boolean;
  /** Hears the moment the step's kernels are enqueued (minimize returned), before the wait. */
  readonly onDispatched?: () => void;
}

export interface ModelSession {
  readonly tf: Tf;
  readonly spec: JobSpec;
  /** The model as its source built it (format, counts, outputs, rebuild for the agreement check). */
  readonly built: BuiltModel;
  readonly model: Model;
  /** train: TTFB ends at the first loss; serve: at the first inference (a GraphModel, or mode serve). */
  readonly mode: JobMode;
  readonly optimizer: tfc.Optimizer;
  /** The synthetic task: its data and labels come from dataSeed (absent: seed); the weights from seed. */
  readonly data: WorkloadOptions;
  /** The backend's GPU device, when it has one (and then it is watched). */
  readonly device: GPUDevice | null;
  /** Batch `batchIndex` of the task, made on the CPU (serve mode: inputs only; the device gets it lazily: see resident). */
  makeBatch(batchIndex: number, batchSize: number): Batch;
  /**
   * Makes a batch resident on the device before it is timed: uploaded and waited for where the
   * backend allows (WebGPU); with `touch`, where the first kernel uploads (WebGL), by running it
   * once through kernels that are already compiled for its shapes — the forward loss (after the
   * first training step) or predict (after the first query) — and reading the result back.
   */
  resident(batch: Batch, options?: { readonly touch?: 'loss' | 'predict' }): Promise<void>;
  /** Uploads the weights (WebGPU), so building the model includes putting it on the device. */
  residentWeights(): Promise<void>;
  /** Enqueues one training step and returns its loss tensor, not read (the caller disposes it). */
  dispatchStep(batch: Batch): tfc.Scalar;
  /** Enqueues one training step that keeps no loss. */
  enqueueStep(batch: Batch): void;
  /** One training step; with `read`, done only when its loss is back on the CPU, and that loss. */
  trainStep(batch: Batch, options: TrainStepOptions): Promise<number>;
  /** The model's outputs for `inputs`, every one read back (a query is done only when its values are on the CPU); the first with its shape. */
  predict(inputs: tfc.Tensor[]): Promise<{ values: Values; shape: number[]; all: Values[]; shapes: number[][] }>;
  /** Awaits a tensor's values on the CPU, raced against device loss, then checks the device. */
  readBack(tensor: tfc.Tensor): Promise<Values>;
  /** Frees the weights and the optimizer's state and stops watching the device. */
  dispose(): void;
}

/** train or serve: the spec's mode, `auto` resolved by what the model can do; training a serve-only model is the job's error. */
export function resolveMode(spec: JobSpec, built: BuiltModel): JobMode {
  if (spec.mode === 'serve') return 'serve';
  if (built.cannotTrain === null) return 'train';
  if (spec.mode === 'auto') return 'serve';
  throw new JobFailure('serve-only', `model ${spec.model ?? spec.job ?? sourceLabel(spec)} ${built.cannotTrain}; it was asked to train (mode "train"): use mode "serve" or "auto"`);
}

/**
 * Builds the spec's model (weights from `seed`) and its Adam optimizer (`learningRate`). `loaded`
 * is the source after the job's `load` phase; without it (a built-in workload) the source is loaded here.
 */
export async function createModelSession(tf: Tf, spec: JobSpec, loaded?: LoadedSource): Promise<ModelSession> {
  const source = loaded ?? (await loadSource(spec));
  const built = await source.build(tf, spec);
  let mode: JobMode;
  try {
    mode = resolveMode(spec, built);
  } catch (error) {
    built.dispose();
    throw error;
  }
  return new TfModelSession(tf, spec, built, mode);
}

/** The model session over tfjs: every read-back raced against the loss of the device it watches. */
class TfModelSession implements ModelSession {
  readonly model: Model;
  readonly device: GPUDevice | null;
  readonly data: WorkloadOptions;
  readonly optimizer: tfc.Optimizer;
  private readonly watch: DeviceWatch | null;

  constructor(
    readonly tf: Tf,
    readonly spec: JobSpec,
    readonly built: BuiltModel,
    readonly mode: JobMode,
  ) {
    this.model = built.model;
    this.device = BACKEND_CAPABILITIES[spec.backend].gpuDevice ? gpuDeviceOf(tf) : null;
    this.watch = this.device ? watchDevice(this.device, (code, message) => new JobFailure(code, message)) : null;
    this.data = { width: spec.width, seed: spec.dataSeed ?? spec.seed };
    this.optimizer = tf.train.adam(spec.learningRate);
  }

  makeBatch(batchIndex: number, batchSize: number): Batch {
    return this.built.makeBatch(this.mode, batchIndex, batchSize);
  }

  async readBack(tensor: tfc.Tensor): Promise<Values> {
    const values = tensor.data<tfc.NumericDataType>();
    const read = await (this.watch ? Promise.race([values, this.watch.lost]) : values);
    this.watch?.check();
    return read;
  }

  async resident(batch: Batch, options: { readonly touch?: 'loss' | 'predict' } = {}): Promise<void> {
    const { tf, spec, model } = this;
    await uploadTensors(tf, spec, [...batch.inputs, batch.labels], this.device);
    if (options.touch === undefined || BACKEND_CAPABILITIES[spec.backend].upload !== 'first-kernel') return;
    const touched = options.touch === 'loss' ? [tf.tidy(() => model.loss(batch))] : await this.built.outputs(batch.inputs);
    try {
      await Promise.all(touched.map((t) => this.readBack(t)));
    } finally {
      tf.dispose(touched);
    }
  }

  residentWeights(): Promise<void> {
    // Every weight, not only the variables: a GraphModel holds its weights as constants of its graph.
    return uploadTensors(this.tf, this.spec, this.built.weights, this.device);
  }

  dispatchStep(batch: Batch): tfc.Scalar {
    const { model } = this;
    const cost = this.optimizer.minimize(() => model.loss(batch), true, model.variables);
    if (!cost) throw new Error('optimizer.minimize returned no loss');
    return cost;
  }

  enqueueStep(batch: Batch): void {
    const { model } = this;
    this.optimizer.minimize(() => model.loss(batch), false, model.variables);
  }

  async trainStep(batch: Batch, { read, onDispatched }: TrainStepOptions): Promise<number> {
    if (!read) {
      this.enqueueStep(batch);
      onDispatched?.();
      return Number.NaN;
    }
    const cost = this.dispatchStep(batch);
    onDispatched?.();
    try {
      return (await this.readBack(cost))[0] ?? Number.NaN;
    } finally {
      cost.dispose();
    }
  }

  async predict(inputs: tfc.Tensor[]): Promise<{ values: Values; shape: number[]; all: Values[]; shapes: number[][] }> {
    // outputs() may be asynchronous (a GraphModel with dynamic ops), so no tidy around it: the outputs are disposed below.
    const outputs = await this.built.outputs(inputs);
    try {
      const all = await Promise.all(outputs.map((t) => this.readBack(t)));
      return { values: all[0] ?? new Float32Array(0), shape: outputs[0]?.shape ?? [], all, shapes: outputs.map((t) => [...t.shape]) };
    } finally {
      this.tf.dispose(outputs);
    }
  }

  dispose(): void {
    this.built.dispose();
    this.optimizer.dispose();
    this.watch?.stop();
  }
}

/** One query's span on the shared clock: from the call to its values on the CPU. */
export interface QueryTime {
  readonly startAbsMs: number;
  readonly endAbsMs: number;
}

/**
 * The one timed query: the model's output for `inputs`, read back. The job's SingleStream
 * queries (JobSpec.servingQueries) and the serving worker's queries both time it.
 */
export async function timedQuery(session: ModelSession, inputs: tfc.Tensor[]): Promise<QueryTime & { outputs: Values[]; shapes: number[][] }> {
  const startAbsMs = nowAbsMs();
  const { all, shapes } = await session.predict(inputs);
  return { startAbsMs, endAbsMs: nowAbsMs(), outputs: all, shapes };
}
