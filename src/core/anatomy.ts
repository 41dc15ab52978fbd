/**
 * Step anatomy summaries (pure): a training step split into exclusive parts
 * that add up to its wall time, and the kernels that take the time.
 *
 * - JS dispatch: the synchronous optimizer.minimize() call (kernels enqueued);
 * - read-back wait: from its return until the loss is on the CPU;
 *   dispatch + wait = wall, step by step, by construction.
 * - GPU execution: from timestamp queries on separate profiled steps; a part
 *   of the wait (the rest is submit, queueing and mapping), never an extra part.
 */
import type { AnatomyResult, JobResult } from './result.ts';
import { formatMs } from './format.ts';
import { mean, median } from './stats/index.ts';

export interface AnatomyPart {
  name: 'JS dispatch' | 'read-back wait' | 'GPU execution (in wait)' | 'other wait (submit, queue, map)';
  ms: number;
  /** Of the mean wall time. */
  share: number;
}

export interface TopKernel {
  name: string;
  count: number;
  totalMs: number;
  /** Of the profiled step's summed kernel time. */
  share: number;
}

export interface AnatomySummary {
  steps: number;
  /** Means over the anatomy steps (means add up; medians do not). */
  wallMs: number;
  medianWallMs: number;
  /** dispatch + wait: the exclusive parts that add up to wallMs. */
  parts: AnatomyPart[];
  /** |Σ parts − wall|, ms: ~0 by construction. */
  residualMs: number;
  /** The wait split in GPU execution and the rest, when GPU time is known and fits in the wait. */
  waitSplit: AnatomyPart[] | null;
  /** Why there is no wait split although GPU time is known (it exceeds the wait); null otherwise. */
  waitSplitProblem: string | null;
  gpu: { available: true; msPerStep: number; source: string; quantumMs: number | null; note: string } | { available: false; reason: string };
  kernels: { available: true; source: string; note: string; totalMs: number; top: TopKernel[] } | { available: false; reason: string };
  /** The anatomy steps' median wall against the job's measured step median (medians: step times are skewed): does the breakdown describe the steps that were measured? */
  vsMeasured: { stepMedianMs: number; relativeDifference: number } | null;
}

export function summarizeAnatomy(result: JobResult, topCount = 10): AnatomySummary | null {
  const anatomy = result.anatomy;
  if (!anatomy || anatomy.wallMs.length === 0) return null;
  const wallMs = mean(anatomy.wallMs);
  const dispatchMs = mean(anatomy.dispatchMs);
  const waitMs = mean(anatomy.waitMs);
  const part = (name: AnatomyPart['name'], ms: number): AnatomyPart => ({ name, ms, share: wallMs > 0 ? ms / wallMs : 0 });
  const parts = [part('JS dispatch', dispatchMs), part('read-back wait', waitMs)];
  const gpu = gpuOf(anatomy);
  const fits = gpu.available && gpu.msPerStep <= waitMs;
  const waitSplit = fits ? [part('GPU execution (in wait)', gpu.msPerStep), part('other wait (submit, queue, map)', waitMs - gpu.msPerStep)] : null;
  // tf.time() serialises kernels on separate profiled steps; their sum can exceed a real step's wait.
  const waitSplitProblem = gpu.available && !fits
    ? `GPU time summed over separately profiled steps (${formatMs(gpu.msPerStep)}) exceeds the measured read-back wait (${formatMs(waitMs)}): tf.time() runs each kernel on its own, so the sum overstates a real step and the wait cannot be split`
    : null;
  const stepMedianMs = result.steps?.syncEvery === 1 ? result.steps.medianMs : null;
  return {
    steps: anatomy.wallMs.length,
    wallMs,
    medianWallMs: median(anatomy.wallMs),
    parts,
    residualMs: Math.abs(dispatchMs + waitMs - wallMs),
    waitSplit,
    waitSplitProblem,
    gpu,
    kernels: topKernels(anatomy, topCount),
    vsMeasured: stepMedianMs ? { stepMedianMs, relativeDifference: (median(anatomy.wallMs) - stepMedianMs) / stepMedianMs } : null,
  };
}

function gpuOf(anatomy: AnatomyResult): AnatomySummary['gpu'] {
  if (!anatomy.gpu.available) return { available: false, reason: anatomy.gpu.reason };
  const { msPerStep, source, quantumMs, note } = anatomy.gpu;
  if (msPerStep.length === 0) return { available: false, reason: 'no profiled steps' };
  return { available: true, msPerStep: mean(msPerStep), source, quantumMs, note };
}

/** Kernels of the profiled step grouped by name: count, total time, share; largest first. */
export function topKernels(anatomy: AnatomyResult, topCount = 10): AnatomySummary['kernels'] {
  const kernels = anatomy.kernels;
  if (!kernels.available) return { available: false, reason: kernels.reason };
  const byName = new Map<string, { count: number; totalMs: number }>();
  for (const kernel of kernels.list) {
    const entry = byName.get(kernel.name) ?? { count: 0, totalMs: 0 };
    entry.count++;
    entry.totalMs += kernel.ms;
    byName.set(kernel.name, entry);
  }
  const totalMs = kernels.list.reduce((sum, k) => sum + k.ms, 0);
  const top = [...byName]
    .map(([name, { count, totalMs: ms }]) => ({ name, count, totalMs: ms, share: totalMs > 0 ? ms / totalMs : 0 }))
    .sort((a, b) => b.totalMs - a.totalMs || a.name.localeCompare(b.name))
    .slice(0, topCount);
  return { available: true, source: kernels.source, note: kernels.note, totalMs, top };
}
