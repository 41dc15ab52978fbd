import { runScenario, parseServingSuite, type ServingReport } from '../../../src/core/serving/index.ts';
import type { ServingRun } from '../../../src/core/share/serving-run.ts';
import { FakeClock, fakeHost } from '../serving/fake-host.ts';

/** A serving report from the real driver on the fake host (deterministic): a canary by default. */
export async function sampleServingReport(suite: unknown = {
  kind: 'canary', baseline: { workload: 'mlp', backend: 'cpu', width: 128 }, candidate: { workload: 'mlp', backend: 'cpu', width: 160 },
  share: 0.2, qps: 50, queries: 300, warmupQueries: 5, holdoutExamples: 50,
}): Promise<ServingReport> {
  const clock = new FakeClock();
  return clock.drive(runScenario(parseServingSuite(suite), fakeHost(clock), () => undefined));
}

export async function sampleServingRun(suite?: unknown): Promise<ServingRun> {
  return { title: 'canary: mlp/cpu → mlp/cpu', createdAt: '2026-11-28T12:00:00.000Z', report: await sampleServingReport(suite) };
}
