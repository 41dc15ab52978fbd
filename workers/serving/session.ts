/**
 * A serving session: one model, built and briefly trained in this worker, then answering
 * queries one at a time in arrival order.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { LoadReply } from '../../src/core/serve-api.ts';
import type { ServeModel } from '../../src/core/serving/suites.ts';
import { SERVING_DEFAULTS } from '../../src/core/defaults.ts';
import { parseJobSpec, type JobSpec } from '../../src/core/spec.ts';
import { collectEnv } from '../env.ts';
import { activateBackend, importTf, type Tf } from '../load-tf.ts';
import { getWorkload } from '../workloads/index.ts';
import { disposeBatch, type Batch, type Model, type Workload, type WorkloadOptions } from '../workloads/types.ts';

/** Batch indices of the synthetic task, kept apart so training, queries, hold-out and drift streams never share data. */
export const DATA_RANGES = { train: 0, queries: 1_000, reference: 100_000, holdout: 500_000, drift: 1_000_000 } as const;

export interface Session {
  readonly tf: Tf;
  readonly config: ServeModel;
  readonly workload: Workload;
  readonly model: Model;
  /** The task's options (dataSeed); the model was built with its own weight seed. */
  readonly data: WorkloadOptions;
  readonly queryInputs: readonly Batch[];
}

/** The job-spec view of a serving model, for the shared tfjs loader and environment. */
export function jobSpecOf(config: ServeModel): JobSpec {
  return parseJobSpec({
    workload: config.workload, backend: config.backend, width: config.width, seed: config.seed,
    importMode: config.importMode, flags: config.flags,
  });
}

export async function loadSession(config: ServeModel): Promise<{ session: Session; reply: LoadReply }> {
  const spec = jobSpecOf(config);
  const t0 = performance.now();
  const tf = await importTf(spec);
  const t1 = performance.now();
  await activateBackend(tf, spec);
  const t2 = performance.now();
  const workload = getWorkload(config.workload);
  const model = workload.build(tf, { width: config.width, seed: config.seed });
  const data: WorkloadOptions = { width: config.width, seed: config.dataSeed };
  const t3 = performance.now();
  const finalLoss = await train(tf, workload, model, data, config);
  const t4 = performance.now();
  const queryInputs = Array.from({ length: SERVING_DEFAULTS.queryInputs }, (_, i) =>
    workload.makeBatch(tf, data, DATA_RANGES.queries + i, config.queryBatchSize));
  const t5 = performance.now();
  return {
    session: { tf, config, workload, model, data, queryInputs },
    reply: {
      env: await collectEnv(tf, spec),
      phasesMs: { import: t1 - t0, backend: t2 - t1, build: t3 - t2, train: t4 - t3, inputs: t5 - t4 },
      finalLoss,
      queryInputs: queryInputs.length,
    },
  };
}

/** Brief Adam training on fresh batches of the task; returns the last loss (null when no steps). */
async function train(tf: Tf, workload: Workload, model: Model, data: WorkloadOptions, config: ServeModel): Promise<number | null> {
  if (config.trainSteps === 0) return null;
  const optimizer = tf.train.adam(config.learningRate);
  let last: number | null = null;
  try {
    for (let step = 0; step < config.trainSteps; step++) {
      const batch = workload.makeBatch(tf, data, DATA_RANGES.train + step, config.trainBatchSize);
      const read = step === config.trainSteps - 1 || step % 10 === 9;
      const cost = optimizer.minimize(() => model.loss(batch), read, model.variables);
      disposeBatch(batch);
      if (cost) {
        last = (await cost.data())[0] ?? null;
        cost.dispose();
      }
    }
  } finally {
    optimizer.dispose();
  }
  return last;
}

/** Runs the model on inputs and reads the result back (a query is done only when its values are on the CPU). */
export async function predictValues(session: Session, inputs: tfc.Tensor[]): Promise<{ values: Float32Array | Int32Array | Uint8Array; shape: number[] }> {
  const output = session.tf.tidy(() => session.model.predict(inputs));
  try {
    return { values: await output.data(), shape: output.shape };
  } finally {
    output.dispose();
  }
}

/**
 * One decision per example: arg-max for class scores; for one score per example, 1 when it is
 * at or above the workload's decision threshold (0.5 for probabilities, 0 for two-tower dot products).
 */
export function decisionsOf(session: Session, values: ArrayLike<number>, shape: readonly number[]): number[] {
  const rows = shape[0] ?? 0;
  if (shape.length === 2) {
    const classes = shape[1] ?? 1;
    return Array.from({ length: rows }, (_, r) => {
      let best = 0;
      for (let c = 1; c < classes; c++) if (values[r * classes + c]! > values[r * classes + best]!) best = c;
      return best;
    });
  }
  const threshold = session.config.workload === 'two-tower' ? 0 : 0.5;
  return Array.from({ length: rows }, (_, r) => (values[r]! >= threshold ? 1 : 0));
}

export function disposeSession(session: Session): void {
  for (const batch of session.queryInputs) disposeBatch(batch);
  session.model.dispose();
}
