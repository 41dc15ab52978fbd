import type { AnatomyResult, JobResult } from '../result.ts';
import type { Run } from './run.ts';

/**
 * Share-link precision. Time values keep 3 significant digits, never finer than
 * 0.1 µs: the isolated timer steps in 5 µs and run-to-run noise is percents, so
 * the 4th digit carries no information but costs link length. Loss values keep
 * 4 significant digits. Counts, limits and flags are kept exactly.
 *
 * The app renders every run at this precision (live, from history and from a
 * link), so a shared link shows exactly the numbers its sender saw.
 */
export const SHARE_PRECISION = { timeSignificantDigits: 3, timeMaxDecimals: 4, lossSignificantDigits: 4 } as const;

function roundSignificant(value: number, digits: number, maxDecimals = 12): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const decimals = digits - 1 - Math.floor(Math.log10(Math.abs(value)));
  if (decimals < 0) {
    const step = 10 ** -decimals;
    return Math.round(value / step) * step;
  }
  // Through toFixed, so the JSON text carries no binary noise (0.30000000000000004).
  return Number(value.toFixed(Math.min(decimals, maxDecimals)));
}

/** A time in ms at share-link precision. */
export function quantiseMs(ms: number): number {
  return roundSignificant(ms, SHARE_PRECISION.timeSignificantDigits, SHARE_PRECISION.timeMaxDecimals);
}

function quantiseLoss(value: number): number {
  return roundSignificant(value, SHARE_PRECISION.lossSignificantDigits);
}

const q = quantiseMs;
const qNullable = (ms: number | null): number | null => (ms === null ? null : q(ms));

/** The result at share-link precision; an explicit field-by-field mapper, so a new field must be placed here on purpose. */
export function quantiseResult(result: JobResult): JobResult {
  const { ttfb, steps, serving, kernel, loss, env } = result;
  const quantised: JobResult = {
    spec: result.spec,
    env: env && { ...env, timerResolutionMs: qNullable(env.timerResolutionMs) },
    ttfb: ttfb && {
      totalMs: q(ttfb.totalMs),
      phases: ttfb.phases.map((phase) => ({ name: phase.name, startMs: q(phase.startMs), ms: q(phase.ms) })),
      residualMs: q(ttfb.residualMs),
      workerScriptStartMs: qNullable(ttfb.workerScriptStartMs),
    },
    steps: steps && {
      ...steps,
      samplesMs: steps.samplesMs.map(q),
      medianMs: q(steps.medianMs),
      meanMs: q(steps.meanMs),
      p95Ms: qNullable(steps.p95Ms),
      p99Ms: qNullable(steps.p99Ms),
      minMs: q(steps.minMs),
      maxMs: q(steps.maxMs),
      meanCi95Ms: steps.meanCi95Ms && { ...steps.meanCi95Ms, low: q(steps.meanCi95Ms.low), high: q(steps.meanCi95Ms.high) },
      throughputPerSec: steps.throughputPerSec === null ? null : roundSignificant(steps.throughputPerSec, SHARE_PRECISION.timeSignificantDigits),
    },
    serving: serving && {
      batchSize: serving.batchSize,
      coldMs: q(serving.coldMs),
      samplesMs: serving.samplesMs.map(q),
      p50Ms: qNullable(serving.p50Ms),
      p90Ms: qNullable(serving.p90Ms),
      p99Ms: qNullable(serving.p99Ms),
      ...(serving.maxMs !== undefined ? { maxMs: qNullable(serving.maxMs) } : {}),
    },
    kernel: kernel && (kernel.available ? { ...kernel, samplesMs: kernel.samplesMs.map(q), medianMs: q(kernel.medianMs) } : kernel),
    loss: loss && { first: quantiseLoss(loss.first), last: quantiseLoss(loss.last), history: loss.history.map(quantiseLoss) },
    memory: result.memory,
    ...(result.work ? { work: result.work } : {}),
    // Where a step's time went and what the worker did when: the app's anatomy panel and trace download read these.
    ...(result.anatomy ? { anatomy: quantiseAnatomy(result.anatomy) } : {}),
    ...(result.spans ? { spans: result.spans.map((span) => ({ name: span.name, startMs: q(span.startMs), ms: q(span.ms) })) } : {}),
    ...(result.clock ? { clock: { offsetMs: q(result.clock.offsetMs), uncertaintyMs: q(result.clock.uncertaintyMs), pings: result.clock.pings } } : {}),
    wallMs: q(result.wallMs),
    error: result.error,
    // What a user's model was, its peak memory and its agreement with cpu: small, and what a reader of the link asks first.
    ...(result.model ? { model: result.model } : {}),
    ...(result.peakMemory ? { peakMemory: result.peakMemory } : {}),
    ...(result.agreement ? { agreement: result.agreement } : {}),
  };
  return quantised;
}

function quantiseAnatomy(anatomy: AnatomyResult): AnatomyResult {
  const { gpu, kernels } = anatomy;
  return {
    wallMs: anatomy.wallMs.map(q),
    dispatchMs: anatomy.dispatchMs.map(q),
    waitMs: anatomy.waitMs.map(q),
    gpu: gpu.available ? { ...gpu, msPerStep: gpu.msPerStep.map(q), quantumMs: qNullable(gpu.quantumMs) } : gpu,
    kernels: kernels.available
      ? { ...kernels, stepStartMs: q(kernels.stepStartMs), stepMs: q(kernels.stepMs), list: kernels.list.map((k) => ({ name: k.name, ms: q(k.ms) })) }
      : kernels,
  };
}

/** The run exactly as a link shows it (share-link precision); the app renders every run through this. */
export function runAtSharePrecision(run: Run): Run {
  return { ...run, jobs: run.jobs.map((job) => ({ ...job, result: quantiseResult(job.result) })) };
}
