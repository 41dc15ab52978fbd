/**
 * A step's work against the device's own measured peak, on the roofline model (Williams,
 * Waterman & Patterson 2009, "Roofline: an insightful visual performance model", CACM 52(4)):
 * attainable FLOP/s = min(peak FLOP/s, arithmetic intensity × peak bandwidth).
 */
import { kernelBytes, kernelFlops, type KernelShapes } from './kernel-costs.ts';

export interface KernelWork {
  readonly name: string;
  readonly count: number;
  readonly flops: number;
  readonly bytes: number;
}

export interface StepWork {
  /** FLOPs of the kernels the registry knows. */
  readonly flops: number;
  /** Bytes read and written by every kernel. */
  readonly bytes: number;
  readonly kernelCount: number;
  /** Per kernel name, largest FLOPs first. */
  readonly byKernel: readonly KernelWork[];
  /** Kernels the registry does not know: their FLOPs are not in `flops` (bytes are). */
  readonly uncounted: readonly string[];
}

/** Sums the work of one step's kernels (from tf.profile of that step). */
export function countStepWork(kernels: readonly KernelShapes[]): StepWork {
  const byName = new Map<string, { count: number; flops: number; bytes: number }>();
  const uncounted = new Set<string>();
  for (const kernel of kernels) {
    const flops = kernelFlops(kernel);
    if (flops === null) uncounted.add(kernel.name);
    const entry = byName.get(kernel.name) ?? { count: 0, flops: 0, bytes: 0 };
    entry.count++;
    entry.flops += flops ?? 0;
    entry.bytes += kernelBytes(kernel);
    byName.set(kernel.name, entry);
  }
  const byKernel = [...byName].map(([name, e]) => ({ name, ...e })).sort((a, b) => b.flops - a.flops || b.bytes - a.bytes || a.name.localeCompare(b.name));
  return {
    flops: byKernel.reduce((n, k) => n + k.flops, 0),
    bytes: byKernel.reduce((n, k) => n + k.bytes, 0),
    kernelCount: kernels.length,
    byKernel,
    uncounted: [...uncounted].sort(),
  };
}

/** The device's measured peaks (same backend, same run). */
export interface DevicePeak {
  readonly flopsPerSec: number;
  readonly bytesPerSec: number;
}

export interface Efficiency {
  readonly achievedFlopsPerSec: number;
  readonly achievedBytesPerSec: number;
  /** FLOPs per byte moved. */
  readonly intensity: number;
  /** Where the roofline bends: peak FLOP/s ÷ peak bandwidth. */
  readonly ridgeIntensity: number;
  /** min(peak FLOP/s, intensity × bandwidth): what the step could reach at its intensity. */
  readonly attainableFlopsPerSec: number;
  readonly bound: 'compute' | 'memory';
  /** achieved ÷ peak FLOP/s. */
  readonly fractionOfPeak: number;
  /** achieved ÷ attainable: how close to the roof the step is. */
  readonly fractionOfRoof: number;
}

export function efficiencyOf(work: Pick<StepWork, 'flops' | 'bytes'>, stepMs: number, peak: DevicePeak): Efficiency {
  if (!(stepMs > 0)) throw new Error(`efficiencyOf needs a positive step time, got ${stepMs}`);
  if (!(peak.flopsPerSec > 0 && peak.bytesPerSec > 0)) throw new Error('efficiencyOf needs positive measured peaks');
  if (!(work.bytes > 0)) throw new Error('efficiencyOf needs a step that moves bytes');
  const seconds = stepMs / 1000;
  const intensity = work.flops / work.bytes;
  const ridgeIntensity = peak.flopsPerSec / peak.bytesPerSec;
  const attainableFlopsPerSec = Math.min(peak.flopsPerSec, intensity * peak.bytesPerSec);
  const achievedFlopsPerSec = work.flops / seconds;
  return {
    achievedFlopsPerSec,
    achievedBytesPerSec: work.bytes / seconds,
    intensity,
    ridgeIntensity,
    attainableFlopsPerSec,
    bound: intensity >= ridgeIntensity ? 'compute' : 'memory',
    fractionOfPeak: achievedFlopsPerSec / peak.flopsPerSec,
    fractionOfRoof: achievedFlopsPerSec / attainableFlopsPerSec,
  };
}
