import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/core/result.ts';
import { BACKENDS, WORKLOADS } from '../../src/core/spec.ts';
import { openHarness, type Harness } from './harness.ts';

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
  beforeAll(async () => {
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
    const sumMs = ttfb.phases.reduce((sum, p) => sum + p.ms, 0);
    expect(Math.abs(sumMs - ttfb.totalMs), 'phases add up to TTFB within clock resolution').toBeLessThanOrEqual(result.env!.timerResolutionMs);
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
    expect(webgpu.env?.softwareRenderer).toBe(adapter!.isFallbackAdapter);
    if (/swiftshader/i.test(adapter!.architecture)) expect(adapter!.isFallbackAdapter).toBe(true);
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

  it('keeps the tensor count flat across steps and serving', () => {
    for (const result of results) {
      const memory = result.memory!;
      expect(memory.tensorsAfterSteps, `${result.spec.backend} steps`).toBe(memory.tensorsAfterWarmup);
      expect(memory.tensorsAfterServing, `${result.spec.backend} serving`).toBe(memory.tensorsAfterWarmup);
    }
  });
});

describe('every workload trains on webgpu', () => {
  let results: JobResult[];
  beforeAll(async () => {
    results = await harness.runPlan(
      WORKLOADS.map((workload) => ({ workload, backend: 'webgpu', batchSize: 32, steps: 48, warmupSteps: 1, syncEvery: 4, servingQueries: 2, profileSteps: 0 })),
    );
  });
  it.each(WORKLOADS.map((workload, index) => ({ workload, index })))('$workload: loss after 50 steps is clearly below the first', ({ index }) => {
    const result = results[index] as JobResult;
    expectSucceeded(result);
    const history = result.loss!.history;
    expect(history.length).toBeGreaterThanOrEqual(12);
    const lastMean = history.slice(-3).reduce((a, b) => a + b, 0) / 3;
    expect(lastMean).toBeLessThan(0.75 * result.loss!.first);
    expect(result.steps!.samplesMs, 'one sample per window of syncEvery steps').toHaveLength(12);
    expect(result.memory!.tensorsAfterSteps).toBe(result.memory!.tensorsAfterWarmup);
  });
});
