import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServingReport } from '../../src/core/serving/index.ts';
import { openHarness, type Harness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await openHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** Each suite runs as the CLI runs it: through the bench session, in a fresh browser context. */
const run = (suite: Record<string, unknown>): Promise<ServingReport> => harness.runServing(suite);

/** A cpu model costing ~10 ms or more per query (12.8 M multiply-adds), so 200 QPS is beyond its capacity. */
const slowModel = { workload: 'mlp', backend: 'cpu', width: 512, servingBatchSize: 32, steps: 0 };
const overloadQps = 200;

describe('serving in the browser', () => {
  it('measures queueing: above capacity, the Server p99 grows with the run length', async () => {
    const suite = { kind: 'server', model: slowModel, latencyTargetMs: 50, durationMs: 100, sweepQps: [overloadQps] };
    const short = await run({ ...suite, minQueries: 20 });
    const long = await run({ ...suite, minQueries: 80 });
    if (short.kind !== 'server' || long.kind !== 'server') throw new Error('expected Server reports');
    const [s, l] = [short.sweep[0]!, long.sweep[0]!];
    expect(s.latency.count).toBe(20);
    expect(l.latency.count).toBe(80);
    // Overloaded: the worker cannot keep up, so later queries wait behind earlier ones.
    expect(l.achievedQps).toBeLessThan(overloadQps * 0.5);
    expect(l.latency.p99Ms).toBeGreaterThan(1.5 * s.latency.p99Ms);
    expect(l.queue.p99Ms).toBeGreaterThan(l.service.p99Ms);
    expect(long.timeline).toHaveLength(80);
  });

  it('judges a canary with too little traffic as "not enough canary traffic yet"', async () => {
    const model = { workload: 'mlp', backend: 'cpu', width: 32, steps: 5 };
    const report = await run({ kind: 'canary', baseline: model, candidate: model, share: 0.05, qps: 50, queries: 100, holdoutExamples: 200, warmupQueries: 5 });
    if (report.kind !== 'canary') throw new Error('expected a canary report');
    const [only] = report.runs;
    expect(only!.judgement.verdict).toBe('inconclusive');
    expect(only!.judgement.reasons[0]).toMatch(/^not enough canary traffic yet/);
    expect(only!.holdout.agreement).toBe(1); // same spec and seed: the same model
    expect(only!.timeline.filter((p) => p.canary).length).toBe(only!.judgement.canaryQueries);
  });

  it('serves retrieval then ranking, and detects a 2 SD feature shift on real model scores', async () => {
    const multistage = await run({
      kind: 'multistage', retrieval: { workload: 'two-tower', backend: 'cpu', width: 32, steps: 5 },
      ranking: { workload: 'ranker', backend: 'cpu', width: 32, steps: 5 }, requests: 10, topK: 8,
    });
    if (multistage.kind !== 'multistage') throw new Error('expected a multistage report');
    expect(multistage.example.retrieved).toHaveLength(8);
    expect([...multistage.example.ranked].sort()).toEqual([...multistage.example.retrieved].sort());
    expect(multistage.endToEnd.p50Ms).toBeGreaterThan(multistage.retrieval.p50Ms);

    const drift = await run({
      kind: 'drift', model: { workload: 'ranker', backend: 'cpu', width: 32, steps: 5 },
      injection: { kind: 'mean-shift', feature: 1, shiftSd: 2, atQuery: 300 }, queries: 500, referenceSize: 2000,
      detector: { windowSize: 100 }, joint: { ertQueries: 100_000 },
    });
    if (drift.kind !== 'drift') throw new Error('expected a drift report');
    // KS/PSI keeps its family false-alarm rate; DDM's 3-SD rule on a briefly trained model's errors has none configured.
    expect(drift.detectors.find((d) => d.name === 'ks-psi')!.falseAlarms).toBe(0);
    expect(drift.streams[0]!.delayQueries).toBeLessThanOrEqual(100);
    expect(drift.timeline.find((c) => c.flagged.length > 0)?.flagged).toContain('feature 1');
    // Every detector has its row; the per-feature and the joint MMD both find a 2 SD shift.
    expect(drift.detectors.map((d) => d.name)).toEqual(['ks-psi', 'mmd', 'correlation', 'pca', 'non-finite', 'unseen category', 'ddm (labels)', 'adwin (labels)', 'cusum (labels)']);
    expect(drift.detectors.find((d) => d.name === 'mmd')!.streamsDetected).toBe(1);
    expect(drift.performance).toHaveLength(1);
    expect(drift.unseenCategories).toEqual([]);
  });

  it('counts queries with a categorical value training never saw, and still serves them', async () => {
    // Field 3 is the last of the ranker's one embedding table: its unseen id would index past the table's end.
    const drift = await run({
      kind: 'drift', model: { workload: 'ranker', backend: 'cpu', width: 32, steps: 5 },
      injection: { kind: 'unseen-category', field: 3, rate: 0.1, atQuery: 300 }, queries: 500, referenceSize: 2000,
      detector: { windowSize: 100 }, joint: { ertQueries: 100_000 },
    });
    if (drift.kind !== 'drift') throw new Error('expected a drift report');
    const [only] = drift.unseenCategories;
    expect(drift.unseenCategories).toHaveLength(1);
    expect(only!.field).toBe('field 3');
    expect(only!.firstAtQuery).toBeGreaterThanOrEqual(300);
    // 10% of 200 queries: Binomial(200, 0.1) lies in 5..40 with probability > 0.9999.
    expect(only!.queries).toBeGreaterThanOrEqual(5);
    expect(only!.queries).toBeLessThanOrEqual(40);
    const row = drift.detectors.find((d) => d.name === 'unseen category')!;
    expect([row.streamsDetected, row.falseAlarms, row.medianDelayQueries]).toEqual([1, 0, only!.firstAtQuery - 300]);
  });
});
