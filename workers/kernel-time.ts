import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import type { KernelResult } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { backendHasTimestampQuery } from './gpu.ts';
import { median } from '../src/core/stats/index.ts';
import type { Tf } from './load-tf.ts';

/**
 * Kernel time per training step from tf.time(), over spec.profileSteps extra
 * steps kept apart from the wall-time samples (profiling slows them).
 * Where the backend cannot time kernels the result says why, never 0.
 */
export async function profileKernels(tf: Tf, spec: JobSpec, step: () => void): Promise<KernelResult> {
  if (spec.profileSteps === 0) return { available: false, reason: 'profileSteps is 0' };
  const backend = BACKEND_CAPABILITIES[spec.backend];
  const problem = kernelTimerProblem(tf, spec);
  if (problem !== null) return { available: false, reason: problem };
  const samplesMs: number[] = [];
  for (let i = 0; i < spec.profileSteps; i++) {
    const timing = await tf.time(step);
    const kernelMs: unknown = timing.kernelMs;
    if (typeof kernelMs !== 'number') {
      const reason = kernelMs !== null && typeof kernelMs === 'object' && 'error' in kernelMs ? String(kernelMs.error) : 'tf.time() gave no kernel time';
      return { available: false, reason };
    }
    samplesMs.push(kernelMs);
  }
  return { available: true, source: backend.kernelTimer, samplesMs, medianMs: median(samplesMs), note: backend.kernelTimerNote };
}

/**
 * Why this backend cannot time kernels here, or null when it can. tfjs's webgpu backend without
 * timestamp-query reports every kernel as 0 ms: that must read "unavailable", never 0.
 */
export function kernelTimerProblem(tf: Tf, spec: JobSpec): string | null {
  const backend = BACKEND_CAPABILITIES[spec.backend];
  if (backend.kernelTimerNeeds === 'timestamp-query' && !backendHasTimestampQuery(tf)) {
    return `the ${backend.label} device has no timestamp-query feature`;
  }
  return null;
}

