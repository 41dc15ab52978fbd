import type { JobResult, PrewarmResult } from './result.ts';
import type { WorkerReport } from './worker-api.ts';

/**
 * Adds what traces and the lab need to a summarized job: sample start times,
 * spans after the first batch and the anatomy, all relative to submission,
 * and what a prewarmed worker did before it.
 */
export function withTimeline(result: JobResult, report: WorkerReport, submittedAbsMs: number, prewarm: PrewarmResult | null): JobResult {
  const rel = (absMs: number): number => absMs - submittedAbsMs;
  const anatomy = report.anatomy;
  return {
    ...result,
    ttfb: result.ttfb && prewarm ? { ...result.ttfb, prewarmed: true, prewarm } : result.ttfb,
    steps: result.steps && report.stepStartsAbsMs ? { ...result.steps, startsMs: report.stepStartsAbsMs.map(rel) } : result.steps,
    serving:
      result.serving && report.serving?.coldStartAbsMs !== undefined && report.serving.startsAbsMs
        ? { ...servingFields(result.serving), coldStartMs: rel(report.serving.coldStartAbsMs), startsMs: report.serving.startsAbsMs.map(rel) }
        : result.serving && servingFields(result.serving),
    anatomy: anatomy
      ? { ...anatomy, kernels: anatomy.kernels.available ? { ...anatomy.kernels, stepStartMs: rel(anatomy.kernels.stepStartMs) } : anatomy.kernels }
      : null,
    spans: (report.spans ?? []).map((span) => ({ name: span.name, startMs: rel(span.startAbsMs), ms: span.endAbsMs - span.startAbsMs })),
  };
}

/** The result's own serving fields (summarize copies the worker's raw object, absolute times included). */
function servingFields(serving: NonNullable<JobResult['serving']>): NonNullable<JobResult['serving']> {
  const { batchSize, coldMs, samplesMs, p50Ms, p90Ms, p99Ms, maxMs } = serving;
  return { batchSize, coldMs, samplesMs, p50Ms, p90Ms, p99Ms, ...(maxMs !== undefined ? { maxMs } : {}) };
}
