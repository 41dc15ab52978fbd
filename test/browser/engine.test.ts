import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobResult } from '../../src/core/result.ts';
import { BACKENDS, WORKLOADS } from '../../src/core/spec.ts';
import { newEvaluableContext, openBrowser } from '../../bench/browser.ts';
import { openHarness, type Harness } from './harness.ts';

/** The adapter as a plain page sees it (navigator.gpu.requestAdapter()), independently of tfjs. */
async function lookAtAdapter(): Promise<{ isFallbackAdapter: boolean | null; architecture: string }> {
  const browser = await openBrowser();
  try {
    const page = await (await newEvaluableContext(browser)).newPage();
    await page.goto(inject('appUrl')); // a secure context: WebGPU is not offered on about:blank
    return await page.evaluate(async () => {
      const adapter = await navigator.gpu.requestAdapter();
      if (!adapter) throw new Error('no WebGPU adapter in a plain page');
      const info = Reflect.get(adapter, 'info') as { isFallbackAdapter?: boolean; architecture: string };
      return { isFallbackAdapter: info.isFallbackAdapter ?? null, architecture: info.architecture };
    });
  } finally {
    await browser.close();
  }
}

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
});
afterAll(async () => {
  await harness?.close();
});

function expectSucceeded(result: JobResult): asserts result is JobResult & { ttfb: object; steps: object; loss: object; env: object } {
  expect(result.error, `${result.spec.workload}/${result.spec.backend} error`).toBeNull();
  expect(result.ttfb).not.toBeNull();
  expect(result.steps).not.toBeNull();
  expect(result.loss).not.toBeNull();
  expect(result.env).not.toBeNull();
}

describe('mlp on every backend', () => {
  let results: JobResult[];
  let pageAdapter: { isFallbackAdapter: boolean | null; architecture: string };
  beforeAll(async () => {
    pageAdapter = await lookAtAdapter();
    results = await harness.runPlan(BACKENDS.map((backend) => ({ workload: 'mlp', backend, steps: 6, warmupSteps: 1, servingQueries: 5, profileSteps: 2 })));
  });

  it.each(BACKENDS.map((backend, index) => ({ backend, index })))('$backend runs on the backend it asked for, on one clock', ({ backend, index }) => {
    const result = results[index] as JobResult;
    expectSucceeded(result);
    expect(result.env?.backend).toBe(backend);
    expect(result.env?.crossOriginIsolated, 'COOP/COEP make the worker cross-origin isolated').toBe(true);
    expect(result.env?.timerResolutionMs, 'isolated timers step in µs, not 100 µs').toBeLessThan(0.05);
    const ttfb = result.ttfb!;
    expect(ttfb.phases.map((p) => p.name)).toEqual(['spawn', 'import', 'backend', 'build', 'data', 'first-step']);
    // Phases mix page and worker marks: that holds only if both clocks share an epoch, measured by pings after the job.
    const clock = result.clock!;
    expect(clock.pings).toBe(5);
    // The bound itself is a measured round trip (no fixed ms threshold: a loaded machine may stretch it).
    expect(Number.isFinite(clock.uncertaintyMs), 'a message round trip bounds the offset').toBe(true);
    expect(clock.uncertaintyMs).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(clock.offsetMs)).toBe(true);
    expect(Math.abs(clock.offsetMs), 'worker and page clocks agree within the measurement').toBeLessThanOrEqual(clock.uncertaintyMs + 1);
    ttfb.phases.forEach((phase, i) => {
      const previous = ttfb.phases[i - 1];
      expect(phase.startMs, `${phase.name} starts where the previous phase ends`).toBeCloseTo(previous ? previous.startMs + previous.ms : 0, 6);
    });
    expect(ttfb.totalMs).toBeLessThan(result.wallMs);
    expect(result.steps!.samplesMs).toHaveLength(6);
    expect(result.steps!.samplesMs.every((ms) => ms > 0)).toBe(true);
    expect(result.serving!.samplesMs).toHaveLength(5);
    expect(result.serving!.coldMs).toBeGreaterThan(0);
  });

  it('labels the software WebGPU adapter and reports kernel time only where it can be measured', () => {
    const [webgpu, webgl, wasm] = results as [JobResult, JobResult, JobResult, JobResult];
    const adapter = webgpu.env?.adapter;
    expect(adapter).toBeTruthy();
    // What tfjs's device reports, checked against a fresh look at the adapter in a page of its own.
    expect(adapter!.isFallbackAdapter).toBe(pageAdapter.isFallbackAdapter);
    expect(adapter!.architecture).toBe(pageAdapter.architecture);
    expect(webgpu.env?.softwareRenderer, 'a fallback adapter is labelled software').toBe(pageAdapter.isFallbackAdapter === true);
    if (adapter!.features.includes('timestamp-query')) {
      expect(webgpu.kernel).toMatchObject({ available: true, source: 'gpu-timestamp' });
    } else {
      expect(webgpu.kernel).toMatchObject({ available: false });
    }
    if (webgl.env?.webgl?.disjointTimerQuery === false) {
      expect(webgl.kernel, 'headless WebGL has no timer query: unavailable, never 0').toMatchObject({ available: false });
      expect(webgl.kernel?.available === false && webgl.kernel.reason.length > 0).toBe(true);
    }
    expect(wasm.kernel).toMatchObject({ available: true, source: 'cpu-timer' });
  });

  it('backends agree on the first loss (same seed, same weights, same batch)', () => {
    const firstLosses = results.map((r) => r.loss!.first);
    for (const loss of firstLosses) expect(loss).toBeCloseTo(firstLosses[3] as number, 3);
  });

  it('puts the weights and the first batch on the GPU inside build and data, not in the first step', () => {
    const webgpu = results[0]!;
    // mlp 784-128-10: weights and biases, and batch 64 of 784 pixels plus 64 labels, 4 bytes each.
    const weightBytes = 4 * (784 * 128 + 128 + 128 * 10 + 10);
    const batchBytes = 4 * (64 * 784 + 64);
    expect(webgpu.memory?.deviceBytesAfterData, 'bytes in GPU buffers when the data phase ended').toBeGreaterThanOrEqual(weightBytes + batchBytes);
    expect(results[2]!.memory?.deviceBytesAfterData, 'wasm keeps data in its own memory: no GPU bytes').toBeNull();
  });

  it('keeps the tensor count flat across steps and serving', () => {
    for (const result of results) {
      const memory = result.memory!;
      expect(memory.tensorsAfterSteps, `${result.spec.backend} steps`).toBe(memory.tensorsAfterWarmup);
      expect(memory.tensorsAfterServing, `${result.spec.backend} serving`).toBe(memory.tensorsAfterWarmup);
    }
  });
});

// Learning itself is proven on the cpu backend in test/workers/workloads.test.ts (50 Adam steps per
// workload). Here webgpu must compute that same training: the same losses, step for step, as cpu on
// the same seed, weights and batches. A few small steps check it; their count and size do not depend
// on how fast the machine's (software) GPU is, and the job's time limit is far above what they need.
describe('every workload trains on webgpu as it does on cpu', () => {
  const small = { batchSize: 16, steps: 3, warmupSteps: 0, servingQueries: 1, profileSteps: 0, timeoutMs: 600_000 } as const;
  // cnn and transformer at their smallest useful widths: the software adapter takes seconds per step at 128.
  const widthOf = (workload: string): number => (workload === 'cnn' || workload === 'transformer' ? 32 : 64);
  it.each(WORKLOADS.map((workload) => ({ workload })))('$workload: webgpu losses match cpu step for step', async ({ workload }) => {
    const [gpu, cpu] = await harness.runPlan(['webgpu', 'cpu'].map((backend) => ({ ...small, workload, backend, width: widthOf(workload) }))) as [JobResult, JobResult];
    expectSucceeded(gpu);
    expectSucceeded(cpu);
    const gpuLosses = gpu.loss!.history;
    const cpuLosses = cpu.loss!.history;
    expect(gpuLosses, 'first step + 3 measured steps').toHaveLength(4);
    expect(cpuLosses).toHaveLength(4);
    expect(gpuLosses.every(Number.isFinite), 'no NaN or Infinity on webgpu').toBe(true);
    expect(Math.abs(gpuLosses[0]! - cpuLosses[0]!), 'same initial loss').toBeLessThan(1e-3 * Math.max(1, Math.abs(cpuLosses[0]!)));
    gpuLosses.forEach((loss, step) => {
      expect(Math.abs(loss - cpuLosses[step]!), `step ${step}: webgpu ${loss} vs cpu ${cpuLosses[step]}`).toBeLessThan(0.01 * Math.max(1, Math.abs(cpuLosses[step]!)));
    });
    expect(gpu.memory!.tensorsAfterSteps, 'no tensor leaks across steps').toBe(gpu.memory!.tensorsAfterWarmup);
  }, 1_200_000);
});

describe('the task comes from dataSeed, the weights from seed', () => {
  const tiny = { workload: 'mlp', backend: 'cpu', width: 32, batchSize: 8, steps: 2, warmupSteps: 0, servingQueries: 1, profileSteps: 0 } as const;
  let results: JobResult[];
  beforeAll(async () => {
    results = await harness.runPlan([
      { ...tiny, seed: 1 },
      { ...tiny, seed: 1, dataSeed: 1 },
      { ...tiny, seed: 1, dataSeed: 2 },
      { ...tiny, seed: 2, dataSeed: 1 },
      { ...tiny, seed: 2, dataSeed: 1, overlapData: true },
      { ...tiny, seed: 1, steps: 0 },
    ]);
  });

  it('absent, dataSeed is the seed; another dataSeed or seed trains on other data or weights', () => {
    results.forEach((result) => expect(result.error, JSON.stringify(result.spec)).toBeNull());
    const [plain, same, otherData, otherWeights, overlapped] = results.map((r) => r.loss!.history);
    expect(same, 'dataSeed = seed is the default').toEqual(plain);
    expect(otherData![0], 'another task').not.toBe(plain![0]);
    expect(otherWeights![0], 'other initial weights').not.toBe(plain![0]);
    expect(overlapped, 'the data worker makes the first batch of the same task').toEqual(otherWeights);
  });

  it('steps 0 measures the TTFB and serving, and no step time', () => {
    const result = results[5]!;
    expect(result.ttfb?.totalMs).toBeGreaterThan(0);
    expect(result.steps, 'no measured steps: unavailable, not 0').toBeNull();
    expect(result.loss!.history, 'the first step only').toHaveLength(1);
    expect(result.serving!.samplesMs).toHaveLength(1);
  });
});

describe('the bare loop, the yardstick for the engine\'s overhead', () => {
  it('trains the same model on the same batches with nothing around it: steps and loss only', async () => {
    const job = { workload: 'mlp', backend: 'cpu', width: 32, steps: 4, warmupSteps: 1, servingQueries: 0, profileSteps: 0 } as const;
    const [bare, engine] = (await harness.runPlan([{ ...job, instrumentation: 'bare' }, job])) as [JobResult, JobResult];
    expect(bare.error).toBeNull();
    expect(bare.steps?.samplesMs).toHaveLength(4);
    expect(bare.loss?.first, 'same seed, same weights, same first batch').toBe(engine.loss?.first);
    expect(bare.ttfb, 'no phases are marked in a bare loop').toBeNull();
    expect(bare.env?.backend).toBe('cpu');
  });
});
