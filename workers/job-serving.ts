import { MODEL_DEFAULTS } from '../src/core/defaults.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { WorkerReport } from '../src/core/worker-api.ts';
import type { Progress } from './job-report.ts';
import { progressBatch } from './progress-batch.ts';
import { timedQuery, type ModelSession, type QueryTime, type Values } from './model-session.ts';
import { disposeBatch, type Batch } from './workloads/types.ts';

/** Distinct inputs the queries cycle through (batch indices from MODEL_DEFAULTS.servingBatchIndex, apart from the training batches). */
const SERVING_INPUTS = 4;

/**
 * The job's serving: the cold first inference (or the one the job already made: a serve-only
 * job's first inference), then spec.servingQueries SingleStream queries one at a time, each timed
 * by the same timedQuery as the serving worker's, read-back included.
 */
export async function measureServing(
  session: ModelSession,
  spec: JobSpec,
  onProgress?: Progress,
  made?: QueryTime & { outputs: Values[]; shapes: number[][] },
): Promise<{ report: NonNullable<WorkerReport['serving']>; first: { values: Values[]; shapes: number[][] } }> {
  const inputs: Batch[] = Array.from({ length: SERVING_INPUTS }, (_, i) => session.makeBatch(MODEL_DEFAULTS.servingBatchIndex + i, spec.servingBatchSize));
  try {
    for (const input of inputs) await session.resident(input);
    // The cold query compiles the serving shape (a serve-only job made it already, as its first
    // inference); then every other input is touched once, so no timed query pays an upload the others do not.
    const cold = made ?? (await timedQuery(session, inputs[0]!.inputs));
    for (const input of made ? inputs : inputs.slice(1)) await session.resident(input, { touch: 'predict' });
    const samplesMs: number[] = [];
    const startsAbsMs: number[] = [];
    const progress = progressBatch('queries', spec.servingQueries, onProgress);
    for (let i = 0; i < spec.servingQueries; i++) {
      const query = await timedQuery(session, inputs[(i + 1) % inputs.length]!.inputs);
      const ms = query.endAbsMs - query.startAbsMs;
      samplesMs.push(ms);
      startsAbsMs.push(query.startAbsMs);
      progress.add(i, ms);
    }
    return {
      report: { batchSize: spec.servingBatchSize, coldMs: cold.endAbsMs - cold.startAbsMs, samplesMs, coldStartAbsMs: cold.startAbsMs, startsAbsMs },
      first: { values: cold.outputs, shapes: cold.shapes },
    };
  } finally {
    for (const batch of inputs) disposeBatch(batch);
  }
}
