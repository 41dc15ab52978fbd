import type { JobSpec } from '../src/core/spec.ts';
import { nowAbsMs } from '../src/core/clock.ts';
import type { MeasuredSplit } from './anatomy.ts';
import type { FullReport, Progress } from './job-report.ts';
import type { ModelSession } from './model-session.ts';
import { progressBatch } from './progress-batch.ts';
import type { Batch } from './workloads/types.ts';

/**
 * Measured steps: a sample per step, or per window of syncEvery steps (time per step = window / N).
 * With syncEvery 1 every step is also split at the moment its kernels were enqueued, for the anatomy.
 */
export async function measureSteps(
  session: ModelSession,
  spec: JobSpec,
  batchAt: (step: number) => Batch,
  report: FullReport,
  onProgress?: Progress,
): Promise<MeasuredSplit[]> {
  const split: MeasuredSplit[] = [];
  const windows = spec.steps / spec.syncEvery;
  const progress = progressBatch('steps', windows, onProgress);
  let step = spec.warmupSteps + 1;
  for (let w = 0; w < windows; w++) {
    report.stepStartsAbsMs.push(nowAbsMs());
    const startMs = performance.now();
    let dispatchedMs = Number.NaN;
    let loss = Number.NaN;
    for (let j = 0; j < spec.syncEvery; j++) {
      loss = await session.trainStep(batchAt(step++), { read: j === spec.syncEvery - 1, onDispatched: () => (dispatchedMs = performance.now()) });
    }
    const endMs = performance.now();
    const perStepMs = (endMs - startMs) / spec.syncEvery;
    if (spec.syncEvery === 1) split.push({ wallMs: endMs - startMs, dispatchMs: dispatchedMs - startMs, waitMs: endMs - dispatchedMs });
    report.stepSamplesMs.push(perStepMs);
    report.lossHistory.push(loss);
    progress.add(w, perStepMs, loss);
  }
  return split;
}
