import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeAnatomy } from '../../src/core/anatomy.ts';
import type { JobResult } from '../../src/core/result.ts';
import { checkTrace, toTrace } from '../../src/core/trace.ts';
import { openHarness, type Harness } from './harness.ts';

const small = { workload: 'mlp', steps: 4, warmupSteps: 1, servingQueries: 2, profileSteps: 0 };
const JOBS = {
  cpuCold: { ...small, backend: 'cpu', anatomySteps: 3 },
  cpuOverlap: { ...small, backend: 'cpu', overlapData: true },
  cpuPrewarm: { ...small, backend: 'cpu', prewarm: true, importMode: 'lean' },
  // Narrow, no serving: pipeline compilation on a software adapter is what takes the time.
  gpuPrecompile: { ...small, backend: 'webgpu', width: 32, servingQueries: 1, precompile: true, anatomySteps: 3 },
  gpuWarmCache: { ...small, backend: 'webgpu', width: 32, servingQueries: 0, prewarm: true, warmPipelineCache: true },
} as const;
type Name = keyof typeof JOBS;

let harness: Harness;
const results = {} as Record<Name, JobResult>;
beforeAll(async () => {
  harness = await openHarness();
  const names = Object.keys(JOBS) as Name[];
  const done = await harness.runPlan(names.map((name) => JOBS[name]));
  names.forEach((name, i) => {
    results[name] = done[i] as JobResult;
  });
}, 480_000);
afterAll(async () => {
  await harness?.close();
});

const phase = (result: JobResult, name: string): number | undefined => result.ttfb?.phases.find((p) => p.name === name)?.ms;

describe('TTFB knobs in real jobs', () => {
  it('every knob trains the same model on the same first batch', () => {
    for (const [name, result] of Object.entries(results)) expect(result.error, name).toBeNull();
    expect(results.cpuOverlap.loss!.first, 'overlapped data: same values from the helper worker').toBe(results.cpuCold.loss!.first);
    expect(results.cpuPrewarm.loss!.first, 'lean import trains').toBe(results.cpuCold.loss!.first);
    expect(results.gpuWarmCache.loss!.first, 'warm cache: a fresh model, not the pool’s trained one').toBeCloseTo(results.gpuPrecompile.loss!.first, 4);
  });

  it('prewarm: spawn, import and backend were done before submission and show as ~0, labelled', () => {
    const ttfb = results.cpuPrewarm.ttfb!;
    expect(ttfb.prewarmed).toBe(true);
    expect(ttfb.prewarm!.importMs, 'the pool did import tfjs').toBeGreaterThan(1);
    expect(ttfb.prewarm!.poolMs).toBeGreaterThan(ttfb.prewarm!.importMs);
    // Relative to what the pool did, not to a number of ms: a loaded machine slows every phase alike.
    const poolWork = ttfb.prewarm!.importMs + ttfb.prewarm!.backendMs;
    expect(phase(results.cpuPrewarm, 'import')! + phase(results.cpuPrewarm, 'backend')!, 'import and backend were not done again').toBeLessThan(0.1 * poolWork);
    expect(phase(results.cpuPrewarm, 'spawn'), 'spawn is only the job message’s trip, not a worker start').toBeLessThan(0.5 * phase(results.cpuCold, 'spawn')!);
    expect(results.cpuCold.ttfb!.prewarmed).toBeUndefined();
  });

  it('precompile: a compile phase of its own, leaving the first step little to compile', () => {
    const r = results.gpuPrecompile;
    expect(r.ttfb!.phases.map((p) => p.name)).toEqual(['spawn', 'import', 'backend', 'build', 'data', 'compile', 'first-step']);
    expect(phase(r, 'first-step')!).toBeLessThan(phase(r, 'compile')!);
  });

  it('warm pipeline cache: the pool compiled these shapes, so the first step is short', () => {
    const r = results.gpuWarmCache;
    expect(r.ttfb!.prewarm!.pipelineCacheMs).not.toBeNull();
    expect(phase(r, 'first-step')!).toBeLessThan(0.5 * r.ttfb!.prewarm!.pipelineCacheMs!);
    expect(r.ttfb!.prewarm!.reused).toMatch(/trained one step of mlp/);
  });

  it('overlapped data: the data phase only uploads what the helper made', () => {
    expect(phase(results.cpuOverlap, 'data')).toBeDefined();
    expect(results.cpuOverlap.memory!.tensorsAfterSteps).toBe(results.cpuOverlap.memory!.tensorsAfterWarmup);
  });
});

describe('step anatomy in real jobs', () => {
  it.each(['cpuCold', 'gpuPrecompile'] as const)('%s: the measured steps split where the kernels run (dispatch on cpu, wait on webgpu), and the kernels are named', (name) => {
    const r = results[name];
    const anatomy = r.anatomy!;
    expect(anatomy.wallMs, 'with syncEvery 1 the anatomy splits the measured steps themselves').toEqual(r.steps!.samplesMs);
    if (name === 'cpuCold') {
      // The cpu backend runs every kernel inside the minimize() call: the wait for the loss is a resolved promise.
      // Compared over all measured steps, so one GC pause inside a single wait cannot flip it.
      expect(anatomy.waitMs).toHaveLength(anatomy.dispatchMs.length);
      expect(anatomy.waitMs.every((wait) => Number.isFinite(wait) && wait >= 0)).toBe(true);
      const sum = (values: readonly number[]): number => values.reduce((total, ms) => total + ms, 0);
      expect(sum(anatomy.waitMs), `wait < dispatch on cpu (wait ${anatomy.waitMs.join(', ')}; dispatch ${anatomy.dispatchMs.join(', ')})`).toBeLessThan(sum(anatomy.dispatchMs));
    } else {
      // WebGPU only enqueues in minimize(); the GPU work shows as a wait for the loss.
      expect(anatomy.waitMs.every((wait) => wait > 0), 'webgpu: every step waits for the GPU').toBe(true);
    }
    const summary = summarizeAnatomy(r)!;
    expect(summary.kernels.available && summary.kernels.top.length).toBeGreaterThan(0);
    expect(r.memory!.tensorsAfterServing, 'anatomy leaks no tensors').toBe(r.memory!.tensorsAfterWarmup);
  });

  it('webgpu: GPU time comes from timestamp queries where the adapter has them, else says why', () => {
    const r = results.gpuPrecompile;
    const gpu = r.anatomy!.gpu;
    if (r.env!.adapter!.features.includes('timestamp-query')) expect(gpu).toMatchObject({ available: true, source: 'gpu-timestamp' });
    else expect(gpu.available).toBe(false);
    expect(results.cpuCold.anatomy!.gpu).toMatchObject({ available: false });
  });
});

describe('trace of real jobs', () => {
  it('validates, with steps, queries and kernels on one clock', () => {
    const trace = toTrace(Object.values(results));
    expect(checkTrace(JSON.parse(JSON.stringify(trace)))).toEqual([]);
    const steps = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'step' && e.pid === 1 && e.name.startsWith('step '));
    expect(steps).toHaveLength(4);
    expect(trace.traceEvents.some((e) => e.ph === 'X' && e.cat === 'kernel')).toBe(true);
    expect(trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'query' && e.pid === 1), 'cold query + 2').toHaveLength(3);
  });
});
