import { describe, expect, it } from 'vitest';
import {
  formatServingMarkdown, parseServingSuite, runScenario, SCENARIOS, SERVING_FIELD_RANGES, SERVING_MODEL_FIELDS, servingFailure, servingReportSchema, type ServingReport,
} from '../../../src/core/serving/index.ts';
import { SpecError } from '../../../src/core/spec.ts';
import { FakeClock, fakeHost } from './fake-host.ts';

/** Runs a suite's driver on a fresh fake host; the same suite gives the same report. */
async function run(suite: Record<string, unknown>): Promise<{ report: ServingReport; clock: FakeClock; host: ReturnType<typeof fakeHost>; lines: string[] }> {
  const clock = new FakeClock();
  const host = fakeHost(clock);
  const lines: string[] = [];
  const report = await clock.drive(runScenario(parseServingSuite(suite), host, (line) => lines.push(line)));
  return { report, clock, host, lines };
}

/** A report survives the trip through JSON and the report schema unchanged (the CLI parses what the page returns). */
function roundTrip(report: ServingReport): void {
  expect(servingReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(JSON.parse(JSON.stringify(report)));
}

describe('serving scenario drivers on a fake host', () => {
  // A model of width 256 computes ~2 ms per query: about 500 QPS on one worker thread.
  const server = {
    kind: 'server', model: { backend: 'cpu', width: 256, steps: 0 }, latencyTargetMs: 10, durationMs: 100, minQueries: 60,
    sweepQps: [50], search: { lowQps: 50, highQps: 2000, relativeTolerance: 0.25, maxProbes: 8 },
  };

  it('server: open-loop Poisson runs, a sweep point and the largest rate meeting p99, the same every time', async () => {
    const { report, clock, host, lines } = await run(server);
    if (report.kind !== 'server') throw new Error('expected a Server report');
    expect(host.opened.map((s) => [s.workload, s.backend, s.width, s.steps, s.batchSize, s.servingBatchSize, s.dataSeed]), 'serving defaults under the suite\'s fields')
      .toEqual([['ranker', 'cpu', 256, 0, 64, 1, 1]]);
    expect(host.closed, 'the worker is closed').toBe(1);
    const [point] = report.sweep;
    expect(point!.latency.count, 'minQueries').toBe(60);
    expect(point!.meetsTarget, '50 QPS is a tenth of capacity').toBe(true);
    expect(point!.service.p50Ms).toBeGreaterThan(1.8);
    expect(point!.service.p50Ms).toBeLessThan(2.2);
    expect(point!.latency.p50Ms, 'latency includes the compute and the message hops').toBeGreaterThan(point!.service.p50Ms);
    expect(report.search!.stoppedBecause).toBe('bracketed');
    expect(report.search!.maxQps).toBeGreaterThan(50);
    expect(report.search!.failedQps).toBeLessThan(2000);
    expect(report.search!.failedQps! / report.search!.maxQps!).toBeLessThanOrEqual(1.25);
    expect(report.timeline.length).toBe(report.search!.probes.at(-1)!.latency.count);
    // Open loop: the first query's timer fires with every timer of its run already armed.
    expect(Math.max(...clock.pendingWhenFired)).toBeGreaterThanOrEqual(60);
    expect(lines[0]).toMatch(/^loaded ranker on cpu in \d+ ms$/);
    expect(servingFailure(report)).toBeNull();
    expect(formatServingMarkdown(report)).toMatch(/^## Server: ranker w256 seed 1 on cpu/);
    roundTrip(report);
    expect((await run(server)).report, 'deterministic').toEqual(report);
  });

  it('server: a target no rate meets is the failure CI exits 1 on', async () => {
    const { report } = await run({ ...server, latencyTargetMs: 0.5, sweepQps: [] });
    expect(report.kind === 'server' && report.search?.maxQps).toBeNull();
    expect(servingFailure(report)).toBe('no probed rate met the p99 target of 0.5 ms');
  });

  const canary = {
    kind: 'canary', baseline: { backend: 'wasm', width: 128 }, candidate: { backend: 'wasm', width: 128 },
    share: 0.25, qps: 40, queries: 600, warmupQueries: 5, holdoutExamples: 200,
  };

  it('canary: an identical candidate, colocated in the baseline\'s worker, is promoted', async () => {
    const { report, host } = await run(canary);
    if (report.kind !== 'canary') throw new Error('expected a canary report');
    expect(report.colocated).toBe(true);
    expect(host.opened, 'one worker for both models').toHaveLength(1);
    const [only] = report.runs;
    expect(only!.holdout.agreement).toBe(1);
    expect(only!.judgement.verdict).toBe('promote');
    expect(only!.judgement.canaryQueries).toBe(only!.timeline.filter((p) => p.canary).length);
    expect(only!.judgement.canaryQueries + only!.judgement.baselineQueries).toBe(600);
    expect(report.expectationMet).toBe(true);
    expect(servingFailure(report)).toBeNull();
    roundTrip(report);
  });

  it('canary: a candidate 30% costlier per query is rolled back, judged against a control in separate workers', async () => {
    const { report, host } = await run({ ...canary, candidate: { backend: 'wasm', width: 166, seed: 1 }, colocate: false, expect: 'roll back' });
    if (report.kind !== 'canary') throw new Error('expected a canary report');
    expect(report.colocated).toBe(false);
    expect(host.opened.map((s) => s.width), 'baseline, candidate, control').toEqual([128, 166, 128]);
    expect(host.closed).toBe(3);
    const [only] = report.runs;
    expect(only!.judgement.verdict).toBe('roll back');
    expect(only!.judgement.checks.find((c) => c.name === 'compute')?.outcome).toBe('fail');
    expect(only!.serviceRatio).toBeGreaterThan(1.2);
    expect(report.expectationMet).toBe(true);
    expect(formatServingMarkdown(report)).toMatch(/^## Canary: ranker w166 seed 1 on wasm vs baseline ranker w128 seed 1 on wasm/);
    const promoteExpected = { ...report, suite: { ...report.suite, expect: 'promote' as const }, expectationMet: false };
    expect(servingFailure(promoteExpected)).toMatch(/do not meet the expectation "promote"/);
  });
});

describe('serving suites are job specs', () => {
  const bad = (suite: unknown): string => {
    try {
      parseServingSuite(suite);
    } catch (error) {
      if (error instanceof SpecError) return error.message;
      throw error;
    }
    throw new Error('expected the suite to be rejected');
  };

  it.each([
    { label: 'a job-spec limit, with its range', suite: { kind: 'canary', baseline: { width: 5000 }, candidate: {}, qps: 1, queries: 10 }, error: 'baseline.width must be ≤ 4096 (got 5000, allowed 8…4096)' },
    { label: 'a rule of the merged spec', suite: { kind: 'single-stream', model: { syncEvery: 3 } }, error: 'model.syncEvery must divide steps (40)' },
    { label: 'an unknown field', suite: { kind: 'drift', model: { widht: 64 }, injection: { kind: 'none' } }, error: 'unknown field widht in model' },
    { label: 'a field of the old serving model', suite: { kind: 'cold', model: { trainSteps: 0 } }, error: 'unknown field trainSteps in model (a serving model is a job spec: trainSteps → steps)' },
  ])('names the field under its model: $label', ({ suite, error }) => {
    expect(bad(suite)).toContain(error);
  });

  it('knows every suite field that holds a model from the scenarios\' forms, each a job spec of its scenario\'s schema', () => {
    expect([...SERVING_MODEL_FIELDS].sort()).toEqual(['baseline', 'candidate', 'model', 'ranking', 'retrieval']);
    for (const scenario of SCENARIOS) {
      for (const { role } of scenario.form.models) expect(Object.keys(scenario.suiteSchema.shape), `${scenario.kind}.${role}`).toContain(role);
    }
    expect(SERVING_FIELD_RANGES['ranking.width']).toEqual({ min: 8, max: 4096 });
  });

  it('resolves a multistage suite\'s stages with their own workloads, the suite\'s fields over them', () => {
    const suite = parseServingSuite({ kind: 'multistage', retrieval: { width: 64 }, ranking: { steps: 5, dataSeed: 7 } });
    if (suite.kind !== 'multistage') throw new Error('expected multistage');
    expect([suite.retrieval.workload, suite.retrieval.width, suite.retrieval.steps]).toEqual(['two-tower', 64, 40]);
    expect([suite.ranking.workload, suite.ranking.steps, suite.ranking.dataSeed]).toEqual(['ranker', 5, 7]);
  });
});
