/**
 * A serving session: the spec's model session, briefly trained in this worker, then answering
 * queries one at a time in arrival order. A serving model is a job spec: `steps` training steps
 * of `batchSize`, queries of `servingBatchSize`, the task from `dataSeed`.
 */
import type { LoadReply } from '../../src/core/serve-api.ts';
import { SERVING_DEFAULTS } from '../../src/core/defaults.ts';
import type { JobSpec } from '../../src/core/spec.ts';
import { collectEnv } from '../env.ts';
import { activateBackend, importTf } from '../load-tf.ts';
import { createModelSession, type ModelSession } from '../model-session.ts';
import { getWorkload } from '../workloads/index.ts';
import { disposeBatch, type Batch } from '../workloads/types.ts';

const PROBABILITY_THRESHOLD = 0.5;

/** Batch indices of the synthetic task, kept apart so training, queries, hold-out and drift streams never share data. */
export const DATA_RANGES = { train: 0, queries: 1_000, reference: 100_000, holdout: 500_000, drift: 1_000_000 } as const;

export type ServingSession = ModelSession & {
  /** The pooled query inputs (made before timing starts). */
  readonly queryInputs: readonly Batch[];
};

export async function loadSession(spec: JobSpec): Promise<{ session: ServingSession; reply: LoadReply }> {
  const t0 = performance.now();
  const tf = await importTf(spec);
  const t1 = performance.now();
  await activateBackend(tf, spec);
  const t2 = performance.now();
  const model = await createModelSession(tf, spec);
  const t3 = performance.now();
  // A serve-only model (a GraphModel) serves as loaded.
  const finalLoss = model.mode === 'train' ? await train(model) : null;
  const t4 = performance.now();
  const queryInputs = Array.from({ length: SERVING_DEFAULTS.queryInputs }, (_, i) => model.makeBatch(DATA_RANGES.queries + i, spec.servingBatchSize));
  // Resident before any query (WebGPU); on WebGL the first query of each input uploads it.
  for (const input of queryInputs) await model.resident(input);
  const t5 = performance.now();
  return {
    // The model session is an object with methods (a class): extended in place, never spread.
    session: Object.assign(model, { queryInputs }),
    reply: {
      env: await collectEnv(tf, spec),
      phasesMs: { import: t1 - t0, backend: t2 - t1, build: t3 - t2, train: t4 - t3, inputs: t5 - t4 },
      finalLoss,
      queryInputs: queryInputs.length,
    },
  };
}

/** Brief Adam training on fresh batches of the task; returns the last loss read (null when no steps). */
async function train(session: ModelSession): Promise<number | null> {
  const { steps, batchSize } = session.spec;
  let last: number | null = null;
  for (let step = 0; step < steps; step++) {
    const batch = session.makeBatch(DATA_RANGES.train + step, batchSize);
    // Reading every step would add a sync per step; every tenth and the last keep the loss in view.
    const read = step === steps - 1 || step % 10 === 9;
    try {
      const loss = await session.trainStep(batch, { read });
      if (read) last = loss;
    } finally {
      disposeBatch(batch);
    }
  }
  return last;
}

/**
 * One decision per example: arg-max for class scores; for one score per example, 1 when it is
 * at or above the workload's decision threshold (its `decisionThreshold`; 0.5, a probability, for a
 * workload without one and for the user's own models).
 */
export function decisionsOf(session: ServingSession, values: ArrayLike<number>, shape: readonly number[]): number[] {
  const rows = shape[0] ?? 0;
  if (shape.length === 2) {
    const classes = shape[1] ?? 1;
    return Array.from({ length: rows }, (_, r) => {
      let best = 0;
      for (let c = 1; c < classes; c++) if (values[r * classes + c]! > values[r * classes + best]!) best = c;
      return best;
    });
  }
  const threshold = session.spec.workload === undefined ? PROBABILITY_THRESHOLD : getWorkload(session.spec.workload).decisionThreshold ?? PROBABILITY_THRESHOLD;
  return Array.from({ length: rows }, (_, r) => (values[r]! >= threshold ? 1 : 0));
}
