import { describe, expect, it } from 'vitest';
import { outcomeOfSavedFile, runSuite } from '../../../src/core/runner/index.ts';
import { servingReportSchema, type ServingReport } from '../../../src/core/serving/index.ts';
import { parseSuite } from '../../../src/core/suite.ts';
import { fakeContext } from './fake-context.ts';

const suiteInput = { kind: 'server', model: { workload: 'mlp', backend: 'cpu', width: 32, steps: 0 }, latencyTargetMs: 0.001, durationMs: 100, minQueries: 5, search: { lowQps: 20, highQps: 40 } };

const latency = { count: 5, p50Ms: 2, p90Ms: 3, p99Ms: 4, meanMs: 2.2, maxMs: 4 };
/** A Server report whose search found no rate meeting the target (what the page answers, parsed). */
function missedTarget(): ServingReport {
  const suite = parseSuite(suiteInput);
  return servingReportSchema.parse({
    kind: 'server',
    suite,
    load: {
      env: {
        userAgent: 'test', hardwareConcurrency: 2, backend: 'cpu', tfjsVersion: '4.22.0', tfjsFlags: {}, adapter: null, webgl: null,
        softwareRenderer: false, timerResolutionMs: 0.005, crossOriginIsolated: true, date: '2026-11-25T19:00:00.000Z',
      },
      phasesMs: { import: 100, backend: 10, build: 5, train: 0, inputs: 1 },
      finalLoss: null,
      queryInputs: 16,
      spawnToLoadedMs: 150,
    },
    sweep: [],
    search: {
      maxQps: null, failedQps: 20, stoppedBecause: 'the lowest rate missed the target',
      probes: [{ targetQps: 20, achievedQps: 19.5, latency, service: latency, queue: latency, sendLateP99Ms: 0.1, latencyTargetMs: 0.001, meetsTarget: false, durationMs: 250 }],
    },
    timeline: [],
  });
}

describe('a serving suite', () => {
  it('is one runServing call; its outcome is the versioned report, its Markdown, and the failure it guards against', async () => {
    const report = missedTarget();
    const { context, order, notes } = fakeContext({ noise: 0, serving: report });
    const outcome = await runSuite(parseSuite(suiteInput), context);
    expect(order).toEqual([]);
    expect(notes).toEqual(['[1.5 s] probing 20 QPS']);
    expect(outcome.kind).toBe('server');
    expect(outcome.file).toEqual({ schemaVersion: 1, tool: { name: 'firstbatch', version: '0.0.0-test' }, kind: 'server', report });
    expect(outcome.results).toEqual([]);
    expect(outcome.markdown).toMatch(/^## Server: mlp w32 seed 1 on cpu/);
    expect(outcome.table).toBe(outcome.markdown);
    expect(outcome.failure).toBe('no probed rate met the p99 target of 0.001 ms');
    expect(outcome.judge).toBeUndefined();
  });

  it('a failed run rejects: the page broke, not a job', async () => {
    const { context } = fakeContext({ noise: 0 });
    await expect(runSuite(parseSuite(suiteInput), context)).rejects.toThrow('this fake serves nothing');
  });

  it('prints the same Markdown again from its saved file, including files written before the tool had a version', async () => {
    const { context } = fakeContext({ noise: 0, serving: missedTarget() });
    const outcome = await runSuite(parseSuite(suiteInput), context);
    const saved = JSON.parse(JSON.stringify(outcome.file)) as { tool: Record<string, unknown> };
    expect(outcomeOfSavedFile(saved).markdown).toBe(outcome.markdown);
    delete saved.tool.version;
    expect(outcomeOfSavedFile(saved).failure).toBe(outcome.failure);
  });
});
