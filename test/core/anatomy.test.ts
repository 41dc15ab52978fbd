import { describe, expect, it } from 'vitest';
import { summarizeAnatomy, topKernels } from '../../src/core/anatomy.ts';
import type { AnatomyResult } from '../../src/core/result.ts';
import { syntheticJob } from './trace-fixture.ts';

describe('summarizeAnatomy', () => {
  const job = syntheticJob({ anatomy: true });
  const summary = summarizeAnatomy(job)!;

  it('splits the step into dispatch and wait that add up to its wall time', () => {
    const anatomy = job.anatomy!;
    const meanWall = anatomy.wallMs.reduce((a, b) => a + b, 0) / anatomy.wallMs.length;
    expect(summary.wallMs).toBeCloseTo(meanWall, 9);
    expect(summary.parts.map((p) => p.name)).toEqual(['JS dispatch', 'read-back wait']);
    expect(summary.parts.reduce((sum, p) => sum + p.ms, 0)).toBeCloseTo(summary.wallMs, 9);
    expect(summary.parts.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1, 9);
    expect(summary.residualMs).toBeLessThan(1e-9);
  });

  it('places GPU time inside the wait, not beside it', () => {
    expect(summary.gpu).toMatchObject({ available: true, msPerStep: 71, quantumMs: 0.1 });
    const [gpu, rest] = summary.waitSplit!;
    expect(gpu!.ms + rest!.ms).toBeCloseTo(summary.parts[1]!.ms, 9);
    expect(gpu!.name).toMatch(/GPU/);
  });

  it('compares the anatomy steps with the measured step median', () => {
    expect(summary.vsMeasured!.stepMedianMs).toBe(job.steps!.medianMs);
    expect(summary.vsMeasured!.relativeDifference).toBeCloseTo((summary.medianWallMs - job.steps!.medianMs) / job.steps!.medianMs, 12);
  });

  it('is null without anatomy steps', () => expect(summarizeAnatomy(syntheticJob())).toBeNull());

  it('says why GPU time is unavailable, and gives no wait split', () => {
    const anatomy: AnatomyResult = { ...job.anatomy!, gpu: { available: false, reason: 'WebGL query timers are not supported' } };
    const s = summarizeAnatomy({ ...job, anatomy })!;
    expect(s.gpu).toEqual({ available: false, reason: 'WebGL query timers are not supported' });
    expect(s.waitSplit).toBeNull();
    expect(s.waitSplitProblem).toBeNull();
  });

  it('says why there is no wait split when the profiled GPU time exceeds the wait, instead of dropping it silently', () => {
    const wait = summary.parts[1]!.ms;
    const anatomy: AnatomyResult = { ...job.anatomy!, gpu: { ...(job.anatomy!.gpu as Extract<AnatomyResult['gpu'], { available: true }>), msPerStep: [wait * 1.2, wait * 1.2] } };
    const s = summarizeAnatomy({ ...job, anatomy })!;
    expect(s.waitSplit).toBeNull();
    expect(s.waitSplitProblem).toMatch(/exceeds the measured read-back wait/);
    expect(summary.waitSplitProblem, 'no problem when it fits').toBeNull();
  });
});

describe('topKernels', () => {
  const anatomy: AnatomyResult = {
    wallMs: [10],
    dispatchMs: [2],
    waitMs: [8],
    gpu: { available: false, reason: 'n/a' },
    kernels: {
      available: true,
      source: 'gpu-timestamp',
      note: '',
      stepStartMs: 0,
      stepMs: 10,
      list: [
        { name: 'MatMul', ms: 3 },
        { name: 'Add', ms: 0.5 },
        { name: 'MatMul', ms: 2 },
        { name: 'Relu', ms: 0.5 },
        { name: 'Identity', ms: 0 },
      ],
    },
  };
  it.each([
    { label: 'groups by name, largest first', top: 10, names: ['MatMul', 'Add', 'Relu', 'Identity'] },
    { label: 'keeps the top N', top: 2, names: ['MatMul', 'Add'] },
  ])('$label', ({ top, names }) => {
    const result = topKernels(anatomy, top);
    expect(result.available && result.top.map((k) => k.name)).toEqual(names);
  });
  it('counts, totals and shares', () => {
    const result = topKernels(anatomy);
    expect(result.available && result.top[0]).toEqual({ name: 'MatMul', count: 2, totalMs: 5, share: 5 / 6 });
    expect(result.available && result.totalMs).toBe(6);
  });
  it('passes on why kernels are unavailable', () => {
    expect(topKernels({ ...anatomy, kernels: { available: false, reason: 'no timer', names: ['MatMul'] } })).toEqual({ available: false, reason: 'no timer' });
  });
});
