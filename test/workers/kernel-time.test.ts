import { describe, expect, it } from 'vitest';
import { parseJobSpec } from '../../src/core/spec.ts';
import { kernelTimerProblem, profileKernels } from '../../workers/kernel-time.ts';
import type { Tf } from '../../workers/load-tf.ts';

/** Just enough of tfjs for kernel timing: tf.time() answering the given kernel times in turn, and a backend without a GPU device. */
function fakeTf(kernelMs: readonly number[]): Tf {
  let call = 0;
  return { time: async () => ({ kernelMs: kernelMs[call++] ?? 0, wallMs: 0 }), backend: () => ({}) } as unknown as Tf;
}

describe('kernel time', () => {
  it('is the median of the profiled steps (the mean of the middle two for an even count)', async () => {
    const result = await profileKernels(fakeTf([4, 1, 3, 2]), parseJobSpec({ backend: 'cpu', profileSteps: 4 }), () => undefined);
    expect(result).toMatchObject({ available: true, source: 'cpu-timer', samplesMs: [4, 1, 3, 2], medianMs: 2.5 });
  });

  it('says "unavailable" with the reason, never 0, where WebGPU has no timestamp queries', async () => {
    const spec = parseJobSpec({ backend: 'webgpu', profileSteps: 2 });
    const tf = fakeTf([0, 0]);
    expect(kernelTimerProblem(tf, spec)).toBe('the WebGPU device has no timestamp-query feature');
    await expect(profileKernels(tf, spec, () => undefined)).resolves.toEqual({ available: false, reason: 'the WebGPU device has no timestamp-query feature' });
    expect(kernelTimerProblem(tf, parseJobSpec({ backend: 'wasm' })), 'CPU backends time kernels themselves').toBeNull();
  });
});
