import { madOutliers, mean, meanCi, median, minMax, tailQuantile } from './stats/index.ts';
import { TTFB_ENDS, ttfbFromMarks } from './phases.ts';
import { classifyError, type JobError } from './errors.ts';
import type { JobResult, ServingResult, StepsResult, TtfbResult } from './result.ts';
import type { JobSpec } from './spec.ts';
import type { BareReport, WorkerReport } from './worker-api.ts';

/** Turns a worker's raw measurements into a result: phases, step and serving statistics. */
export function summarizeJob(spec: JobSpec, submittedAbsMs: number, report: WorkerReport, wallMs: number): JobResult {
  // A TTFB ends at the first loss (training) or the first inference (serve-only), whichever the job had.
  const finishedFirstStep = report.marks.some((mark) => (TTFB_ENDS as readonly string[]).includes(mark.name));
  const loss = lossOf(report.lossHistory);
  return {
    spec,
    env: report.env,
    ttfb: finishedFirstStep ? summarizeTtfb(submittedAbsMs, report) : null,
    steps: report.stepSamplesMs.length > 0 ? summarizeSteps(spec, report.stepSamplesMs) : null,
    serving: report.serving ? summarizeServing(report.serving) : null,
    kernel: report.kernel,
    loss,
    memory: report.memory,
    ...(report.work ? { work: report.work } : {}),
    wallMs,
    error: report.error,
    model: report.model ?? null,
    peakMemory: report.peakMemory ?? null,
    agreement: report.agreement ?? null,
  };
}

/** A result for a job that produced no report (the worker broke, timed out or was cancelled). */
/**
 * A bare loop's report (instrumentation "bare", the yardstick of the engine's overhead) as a
 * result: steps and loss only; everything the engine measures stays null.
 */
export function summarizeBare(spec: JobSpec, report: BareReport, wallMs: number): JobResult {
  return {
    ...failedJob(spec, null, wallMs),
    env: report.env,
    steps: report.stepSamplesMs.length > 0 ? summarizeSteps(spec, report.stepSamplesMs) : null,
    loss: lossOf(report.lossHistory),
    error: report.error === null ? null : classifyError(new Error(report.error)),
  };
}

function lossOf(history: readonly number[]): JobResult['loss'] {
  return history.length > 0 ? { first: history[0] as number, last: history.at(-1) as number, history: [...history] } : null;
}

export function failedJob(spec: JobSpec, error: JobError | null, wallMs: number): JobResult {
  return { spec, env: null, ttfb: null, steps: null, serving: null, kernel: null, loss: null, memory: null, wallMs, error };
}

function summarizeTtfb(submittedAbsMs: number, report: WorkerReport): TtfbResult {
  const ttfb = ttfbFromMarks(submittedAbsMs, report.marks);
  return { ...ttfb, workerScriptStartMs: report.workerScriptStartAbsMs - submittedAbsMs };
}

export function summarizeSteps(spec: JobSpec, samplesMs: readonly number[]): StepsResult {
  const meanMs = mean(samplesMs);
  const { min, max } = minMax(samplesMs);
  const ci = samplesMs.length >= 2 ? meanCi(samplesMs).ci : null;
  return {
    samplesMs: [...samplesMs],
    syncEvery: spec.syncEvery,
    warmupSteps: spec.warmupSteps,
    medianMs: median(samplesMs),
    meanMs,
    p95Ms: tailQuantile(samplesMs, 0.95),
    p99Ms: tailQuantile(samplesMs, 0.99),
    minMs: min,
    maxMs: max,
    meanCi95Ms: ci,
    throughputPerSec: meanMs > 0 ? (spec.batchSize * 1000) / meanMs : null,
    outlierIndices: madOutliers(samplesMs).indices,
  };
}

export function summarizeServing(serving: NonNullable<WorkerReport['serving']>): ServingResult {
  const { samplesMs } = serving;
  const at = (q: number): number | null => (samplesMs.length > 0 ? tailQuantile(samplesMs, q) : null);
  const maxMs = samplesMs.length > 0 ? minMax(samplesMs).max : null;
  return { ...serving, samplesMs: [...samplesMs], p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs };
}
