import { describe, expect, it } from 'vitest';
import { parseJobResult } from '../../src/core/result.ts';
import { parseJobSpec } from '../../src/core/spec.ts';
import { summarizeJob, summarizeServing, summarizeSteps } from '../../src/core/summarize.ts';
import type { WorkerReport } from '../../src/core/worker-api.ts';

const spec = parseJobSpec({ batchSize: 50, steps: 6 });

describe('summarizeSteps', () => {
  it('summarises the samples and keeps them all, outliers flagged not dropped', () => {
    const samples = [10, 11, 10.5, 10.2, 10.8, 40];
    const steps = summarizeSteps(spec, samples);
    expect(steps.samplesMs).toEqual(samples);
    expect(steps.medianMs).toBeCloseTo(10.65, 9);
    expect(steps.minMs).toBe(10);
    expect(steps.maxMs).toBe(40);
    expect(steps.outlierIndices).toEqual([5]);
    expect(steps.meanCi95Ms?.low).toBeLessThan(steps.meanMs);
    expect(steps.throughputPerSec).toBeCloseTo((50 * 1000) / steps.meanMs, 9);
  });

  it('has no CI of the mean with a single sample', () => {
    expect(summarizeSteps(spec, [12]).meanCi95Ms).toBeNull();
  });
});

describe('summarizeServing', () => {
  it('reports percentiles, or null (not 0) when there are no queries', () => {
    expect(summarizeServing({ batchSize: 1, coldMs: 50, samplesMs: [] })).toMatchObject({ p50Ms: null, p90Ms: null, p99Ms: null });
    const serving = summarizeServing({ batchSize: 1, coldMs: 50, samplesMs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(serving.p50Ms).toBeCloseTo(5.5, 9);
    expect(serving.p90Ms).toBeCloseTo(9.1, 9);
  });

  it('gives no p99 from fewer than 100 queries (it would be the slowest query), and reports that maximum as such', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    const serving = summarizeServing({ batchSize: 1, coldMs: 50, samplesMs: twenty });
    expect(serving).toMatchObject({ p99Ms: null, maxMs: 20 });
    expect(serving.p90Ms).not.toBeNull();
    const hundred = summarizeServing({ batchSize: 1, coldMs: 50, samplesMs: Array.from({ length: 100 }, (_, i) => i + 1) });
    expect(hundred.p99Ms).toBeCloseTo(99.01, 9);
  });
});

describe('tail percentiles of steps', () => {
  it('has no p95 below 20 samples and no p99 below 100; throughput is null, never 0, when unknown', () => {
    const steps = summarizeSteps(spec, [10, 11, 12, 13, 14, 15]);
    expect(steps).toMatchObject({ p95Ms: null, p99Ms: null });
    expect(summarizeSteps(spec, Array.from({ length: 20 }, (_, i) => 10 + i)).p95Ms).toBeCloseTo(28.05, 9);
    expect(summarizeSteps(spec, [0, 0]).throughputPerSec).toBeNull();
  });
});

describe('summarizeJob', () => {
  const submitted = 1000;
  const report: WorkerReport = {
    workerScriptStartAbsMs: 1030,
    marks: [
      { name: 'spawn', endAbsMs: 1040 },
      { name: 'import', endAbsMs: 1400 },
      { name: 'backend', endAbsMs: 1410 },
      { name: 'build', endAbsMs: 1420 },
      { name: 'data', endAbsMs: 1430 },
      { name: 'first-step', endAbsMs: 2430 },
    ],
    stepSamplesMs: [5, 6, 7, 5, 6, 7],
    lossHistory: [2.3, 2.0, 1.5],
    serving: null,
    kernel: { available: false, reason: 'no timestamp-query' },
    memory: null,
    env: null,
    error: null,
  };

  it('builds a result that passes its own schema', () => {
    const result = parseJobResult(summarizeJob(spec, submitted, report, 3000));
    expect(result.ttfb?.totalMs).toBe(1430);
    expect(result.ttfb?.workerScriptStartMs).toBe(30);
    expect(result.loss).toEqual({ first: 2.3, last: 1.5, history: [2.3, 2.0, 1.5] });
    expect(result.kernel).toEqual({ available: false, reason: 'no timestamp-query' });
  });

  it('has no TTFB when the job failed before its first step', () => {
    const failed = { ...report, marks: report.marks.slice(0, 3), stepSamplesMs: [], lossHistory: [], error: { code: 'job-failed' as const, message: 'x' } };
    const result = summarizeJob(spec, submitted, failed, 500);
    expect(result.ttfb).toBeNull();
    expect(result.steps).toBeNull();
    expect(result.loss).toBeNull();
  });
});
