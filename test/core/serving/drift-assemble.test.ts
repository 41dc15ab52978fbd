import { describe, expect, it } from 'vitest';
import type { DriftStreamsReply } from '../../../src/core/serve-api.ts';
import type { DriftInjection } from '../../../src/core/serving/drift.ts';
import { assembleDrift } from '../../../src/core/serving/drift-assemble.ts';
import { syntheticStream } from '../../../src/core/serving/drift-synthetic.ts';
import { detectorTable, driftFailure, driftSuiteSchema } from '../../../src/core/serving/scenarios/drift.ts';

function reply(injection: DriftInjection, streams: number, queries: number): DriftStreamsReply {
  const reference = syntheticStream(99, 0, 1_500, 4, { kind: 'none' });
  const made = Array.from({ length: streams }, (_, s) => syntheticStream(3, s + 1, queries, 4, injection));
  return {
    featureNames: ['feature 0', 'feature 1', 'feature 2', 'feature 3'],
    reference: { features: reference.features, scores: reference.scores, labels: reference.labels },
    streams: made.map((m) => ({ features: m.features, scores: m.scores, labels: m.labels, positiveRate: 0.5 })),
    referencePositiveRate: 0.5,
  };
}

const suiteOf = (injection: DriftInjection, queries: number) => driftSuiteSchema.parse({
  kind: 'drift', model: { workload: 'ranker', backend: 'cpu' }, injection, queries, streams: 2, referenceSize: 1_500,
  detector: { windowSize: 100 }, joint: { windowSize: 50, centres: 64, ertQueries: 2_000 },
});

describe('assembleDrift', () => {
  it('counts a NaN burst, raises it as its own alarm and keeps every other detector running', () => {
    const injection: DriftInjection = { kind: 'nan-burst', feature: 1, queries: 20, atQuery: 400 };
    const assembled = assembleDrift(suiteOf(injection, 700), reply(injection, 2, 700));
    expect(assembled.nonFiniteRows).toEqual([20, 20]);
    const nonFinite = assembled.detectors.find((d) => d.name === 'non-finite')!;
    expect(nonFinite.streamsDetected).toBe(2);
    expect(nonFinite.medianDelayQueries).toBe(0);
    expect(assembled.detectors.map((d) => d.name)).toEqual(['ks-psi', 'mmd', 'correlation', 'non-finite', 'ddm (labels)']);
    expect(assembled.timeline.some((c) => c.fired.includes('non-finite'))).toBe(true);
  });

  it('gives the summary as the verdict of all detectors together: a correlation change only the joint detector sees', () => {
    const injection: DriftInjection = { kind: 'correlation', features: [1, 2], rho: 0.8, rampQueries: 0, atQuery: 500 };
    const assembled = assembleDrift(suiteOf(injection, 800), reply(injection, 2, 800));
    const row = (name: string) => assembled.detectors.find((d) => d.name === name)!;
    expect(row('correlation').streamsDetected).toBe(2);
    expect(assembled.summary.streamsDetected).toBe(2);
    expect(assembled.summary.medianDelayQueries).toBeLessThanOrEqual(row('correlation').medianDelayQueries!);
    expect(assembled.performance).toHaveLength(2);
    expect(assembled.performance[0]!.estimatedAccuracy).toBeGreaterThan(0.5);
    const text = detectorTable({ ...assembled, kind: 'drift', suite: suiteOf(injection, 800), load: undefined as never });
    expect(text).toMatch(/\| correlation \| 2\/2 \|/);
  });
});

describe('driftFailure', () => {
  it('fails a joint detector that alarms far more often than its configured ERT, not one within it', () => {
    const injection: DriftInjection = { kind: 'none' };
    const assembled = assembleDrift(suiteOf(injection, 600), reply(injection, 2, 600));
    const report = { ...assembled, kind: 'drift' as const, suite: suiteOf(injection, 600), load: undefined as never };
    const mmd = report.detectors.find((d) => d.name === 'mmd')!;
    const within = { ...report, detectors: report.detectors.map((d) => (d === mmd ? { ...d, falseAlarms: 1 } : d)) };
    const beyond = { ...report, detectors: report.detectors.map((d) => (d === mmd ? { ...d, falseAlarms: 10 } : d)) };
    expect(driftFailure(within) ?? '').not.toMatch(/mmd/);
    expect(driftFailure(beyond)).toMatch(/^mmd alarmed 10 times in \d+ queries without drift, more often than its configured ERT of 2000 queries allows/);
  });
});

describe('the drift suite', () => {
  it('names the reference size the joint detectors need', () => {
    const parsed = driftSuiteSchema.safeParse({ kind: 'drift', model: { workload: 'ranker' }, injection: { kind: 'none' }, referenceSize: 200 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/must be at least 328 for the joint detectors/);
  });
});
