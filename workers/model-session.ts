/**
 * One model session: the workload's model and Adam optimizer built from a job spec, and the
 * only code in the workers that trains a step, predicts or reads a tensor back. Jobs, the
 * prewarm pool, the compile-only pass and the serving worker all go through it, so every
 * read-back is raced against the loss of the GPU device (where the backend has one) and then
 * checked for errors nobody captured.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import { nowAbsMs } from '../src/core/clock.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { gpuDeviceOf, watchDevice, type DeviceWatch } from './gpu.ts';
import { JobFailure } from './job-failure.ts';
import type { Tf } from './load-tf.ts';
import { uploadTensors } from './upload.ts';
import { getWorkload } from './workloads/index.ts';
import type { Batch, Model, Workload, WorkloadOptions } from './workloads/types.ts';

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
  readonly workload: Workload;
  readonly model: Model;
  readonly optimizer: tfc.Optimizer;
  /** The synthetic task: its data and labels come from dataSeed (absent: seed); the weights from seed. */
  readonly data: WorkloadOptions;
  /** The backend's GPU device, when it has one (and then it is watched). */
  readonly device: GPUDevice | null;
  /** Batch `batchIndex` of the task, made on the CPU (the device gets it lazily: see resident). */
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
  /** The model's output for `inputs`, read back: a query is done only when its values are on the CPU. */
  predict(inputs: tfc.Tensor[]): Promise<{ values: Values; shape: number[] }>;
  /** Awaits a tensor's values on the CPU, raced against device loss, then checks the device. */
  readBack(tensor: tfc.Tensor): Promise<Values>;
  /** Frees the weights and the optimizer's state and stops watching the device. */
  dispose(): void;
}

/** Builds the spec's workload model (weights from `seed`) and its Adam optimizer (`learningRate`). */
export function createModelSession(tf: Tf, spec: JobSpec): ModelSession {
  const workload = getWorkload(spec.workload);
  const device = BACKEND_CAPABILITIES[spec.backend].gpuDevice ? gpuDeviceOf(tf) : null;
  const watch: DeviceWatch | null = device ? watchDevice(device, (code, message) => new JobFailure(code, message)) : null;
  const weights: WorkloadOptions = { width: spec.width, seed: spec.seed };
  const data: WorkloadOptions = { width: spec.width, seed: spec.dataSeed ?? spec.seed };
  const model = workload.build(tf, weights);
  const optimizer = tf.train.adam(spec.learningRate);

  const readBack = async (tensor: tfc.Tensor): Promise<Values> => {
    const data = tensor.data<tfc.NumericDataType>();
    const values = await (watch ? Promise.race([data, watch.lost]) : data);
    watch?.check();
    return values;
  };
  const dispatchStep = (batch: Batch): tfc.Scalar => {
    const cost = optimizer.minimize(() => model.loss(batch), true, model.variables);
    if (!cost) throw new Error('optimizer.minimize returned no loss');
    return cost;
  };
  const resident = async (batch: Batch, options: { readonly touch?: 'loss' | 'predict' } = {}): Promise<void> => {
    await uploadTensors(tf, spec, [...batch.inputs, batch.labels], device);
    if (options.touch === undefined || BACKEND_CAPABILITIES[spec.backend].upload !== 'first-kernel') return;
    const touched = tf.tidy(() => (options.touch === 'loss' ? model.loss(batch) : model.predict(batch.inputs)));
    try {
      await readBack(touched);
    } finally {
      touched.dispose();
    }
  };
  const enqueueStep = (batch: Batch): void => {
    optimizer.minimize(() => model.loss(batch), false, model.variables);
  };

  return {
    tf, spec, workload, model, optimizer, data, device,
    makeBatch: (batchIndex, batchSize) => workload.makeBatch(tf, data, batchIndex, batchSize),
    resident,
    residentWeights: () => uploadTensors(tf, spec, model.variables, device),
    dispatchStep,
    enqueueStep,
    async trainStep(batch, { read, onDispatched }) {
      if (!read) {
        enqueueStep(batch);
        onDispatched?.();
        return Number.NaN;
      }
      const cost = dispatchStep(batch);
      onDispatched?.();
      try {
        return (await readBack(cost))[0] ?? Number.NaN;
      } finally {
        cost.dispose();
      }
    },
    async predict(inputs) {
      const output = tf.tidy(() => model.predict(inputs));
      try {
        return { values: await readBack(output), shape: output.shape };
      } finally {
        output.dispose();
      }
    },
    readBack,
    dispose() {
      model.dispose();
      optimizer.dispose();
      watch?.stop();
    },
  };
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
export async function timedQuery(session: ModelSession, inputs: tfc.Tensor[]): Promise<QueryTime> {
  const startAbsMs = nowAbsMs();
  await session.predict(inputs);
  return { startAbsMs, endAbsMs: nowAbsMs() };
}
