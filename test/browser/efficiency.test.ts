import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/core/result.ts';
import { openHarness, type Harness } from './harness.ts';

describe('efficiency in real jobs', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await openHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('counts a training step\'s work from its kernels: the mlp\'s matmuls, nothing uncounted', async () => {
    const [result] = (await harness.runPlan([{ workload: 'mlp', backend: 'cpu', width: 32, batchSize: 64, steps: 2, warmupSteps: 0, servingQueries: 0, profileSteps: 0, efficiency: true }])) as [JobResult];
    expect(result.error).toBeNull();
    const work = result.work!;
    // Forward 784→32→10 and the weight gradients of both layers: at least 2·64·(784·32 + 32·10) multiply-adds twice over.
    const forward = 2 * 64 * (784 * 32 + 32 * 10);
    const matmul = work.byKernel.find((k) => k.name === 'BatchMatMul')!;
    expect(matmul.flops).toBeGreaterThanOrEqual(2 * forward);
    expect(matmul.flops).toBeLessThanOrEqual(3 * forward);
    expect(work.byKernel[0]!.name, 'matmuls dominate an mlp step').toBe('BatchMatMul');
    expect(work.uncounted, 'every kernel of the built-in mlp has a known cost').toEqual([]);
    expect(work.bytes).toBeGreaterThan(4 * 64 * 784);
  });

  it('measures the device peak with tfjs kernels on the chosen backend, labelled', async () => {
    const peak = await harness.session.measurePeak('cpu');
    expect(peak.backend).toBe('cpu');
    expect(peak.matmul.length).toBeGreaterThan(0);
    expect(peak.flopsPerSec).toBe(Math.max(...peak.matmul.map((m) => m.flopsPerSec)));
    expect(peak.bytesPerSec).toBeGreaterThan(0);
    expect(peak.software, 'the cpu backend is the CPU').toBe(true);
    expect(peak.device, 'the cpu backend computes on one thread, whatever the machine has').toMatch(/^CPU \(JavaScript\), 1 thread of \d+ cores$/);
  });
});
