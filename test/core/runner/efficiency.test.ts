import { describe, expect, it } from 'vitest';
import { parseSuiteResultFile } from '../../../src/core/compare/index.ts';
import type { DevicePeak } from '../../../src/core/efficiency/peak.ts';
import type { JobResult } from '../../../src/core/result.ts';
import { runSuite } from '../../../src/core/runner/index.ts';
import type { BackendName } from '../../../src/core/spec.ts';
import { parseSuite } from '../../../src/core/suite.ts';
import { fakeContext } from './fake-context.ts';

const peakOf = (backend: BackendName): DevicePeak => ({
  backend, flopsPerSec: 100e9, bytesPerSec: 10e9, matmul: [{ n: 1024, ms: 21.5, flopsPerSec: 100e9 }],
  bandwidth: { elements: 1 << 22, ms: 6.7, bytes: 16 << 22 }, device: 'test device', software: false,
});

const suite = (efficiency: boolean) => parseSuite({
  kind: 'comparison', name: 'eff', base: { workload: 'mlp', efficiency },
  variants: [{ name: 'gpu', spec: { backend: 'webgpu' } }, { name: 'gpu-wide', spec: { backend: 'webgpu', width: 160 } }, { name: 'wasm', spec: { backend: 'wasm' } }],
  metrics: ['steps.medianMs'], repetitions: 2,
});

/** Every fake job did 2 GFLOP moving 100 MB in its step. */
function withWork(context: ReturnType<typeof fakeContext>['context']) {
  const runJob = context.runJob.bind(context);
  return { ...context, runJob: async (spec: Parameters<typeof runJob>[0], job: Parameters<typeof runJob>[1]): Promise<JobResult> => {
    const result = await runJob(spec, job);
    return { ...result, spec: { ...result.spec, backend: spec.backend }, work: { flops: 2e9, bytes: 1e8, kernelCount: 30, byKernel: [], uncounted: [] } };
  } };
}

describe('efficiency in a suite run', () => {
  it('measures each backend\'s peak once, before the rounds, and places every variant on the roofline', async () => {
    const fake = fakeContext({ noise: 0.01 });
    const measured: string[] = [];
    const context = { ...withWork(fake.context), measurePeak: async (backend: BackendName) => (measured.push(backend), peakOf(backend)) };
    const outcome = await runSuite(suite(true), context);
    expect(measured).toEqual(['webgpu', 'wasm']);
    expect(parseSuiteResultFile(outcome.file).peaks?.map((p) => p.backend)).toEqual(['webgpu', 'wasm']);
    expect(outcome.table).toMatch(/efficiency \(roofline\):/);
    // 2 GFLOP in a step of ~128 ms (the fake step time is the width): ~15.6 GFLOP/s, ~15.6% of 100, above the ridge (20 > 10 FLOP/byte).
    expect(outcome.table).toMatch(/gpu\s+webgpu\s+2\s+2\.00\s+100\s+20\.0\s+12\d ms\s+15\.\d\s+15\.\d%\s+15\.\d%\s+compute/);
    expect(outcome.markdown).toContain('### Efficiency (roofline)');
    expect(outcome.table).toContain('webgpu peak measured in this run: 100 GFLOP/s (matmul 1024×1024), 10.0 GB/s');
  });

  it('says the peak is unavailable where the platform cannot measure it, and measures nothing without efficiency', async () => {
    const fake = fakeContext({ noise: 0.01 });
    const outcome = await runSuite(suite(true), withWork(fake.context));
    expect(fake.notes.join('\n')).toMatch(/cannot measure the device peak/);
    expect(outcome.table).toMatch(/no webgpu peak was measured in this run/);
    const plain = fakeContext({ noise: 0.01 });
    let asked = 0;
    await runSuite(suite(false), { ...plain.context, measurePeak: async (b: BackendName) => (asked++, peakOf(b)) });
    expect(asked).toBe(0);
  });
});
