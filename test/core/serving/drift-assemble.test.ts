import { describe, expect, it } from 'vitest';
import type { DriftStreamsReply } from '../../../src/core/serve-api.ts';
import type { DriftInjection } from '../../../src/core/serving/drift.ts';
import { assembleDrift } from '../../../src/core/serving/drift-assemble.ts';
import { unseenQueries } from '../../../src/core/serving/drift-categories.ts';
import { SYNTHETIC_VOCABULARIES, syntheticStream } from '../../../src/core/serving/drift-synthetic.ts';
import { detectorTable, driftFailure, driftReportSchema, driftSuiteSchema, formatDrift, type DriftReport } from '../../../src/core/serving/scenarios/drift.ts';

function reply(injection: DriftInjection, streams: number, queries: number): DriftStreamsReply {
  const reference = syntheticStream(99, 0, 1_500, 4, { kind: 'none' });
  const made = Array.from({ length: streams }, (_, s) => syntheticStream(3, s + 1, queries, 4, injection));
  return {
    featureNames: ['feature 0', 'feature 1', 'feature 2', 'feature 3'],
    categoricalFields: SYNTHETIC_VOCABULARIES.map((vocabulary, f) => ({ name: `field ${f}`, vocabulary })),
    reference: { features: reference.features, scores: reference.scores, labels: reference.labels },
    streams: made.map((m) => ({
      features: m.features, scores: m.scores, labels: m.labels, positiveRate: 0.5,
      unseenCategories: m.categories.map((ids, f) => unseenQueries(ids, SYNTHETIC_VOCABULARIES[f]!)),
    })),
    referencePositiveRate: 0.5,
  };
}

/** A model load as a report carries it (what formatDrift's header line reads). */
const load: DriftReport['load'] = {
  env: {
    userAgent: 'test', hardwareConcurrency: 2, backend: 'cpu', tfjsVersion: '4', tfjsFlags: {}, adapter: null, webgl: null,
    softwareRenderer: false, timerResolutionMs: 0.005, crossOriginIsolated: true, date: '2026-12-04T00:00:00.000Z',
  },
  phasesMs: { import: 1, backend: 1, build: 1, train: 1, inputs: 1 }, finalLoss: null, queryInputs: 16, spawnToLoadedMs: 5,
};

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
    expect(assembled.detectors.map((d) => d.name)).toEqual(['ks-psi', 'mmd', 'correlation', 'pca', 'non-finite', 'unseen category', 'ddm (labels)', 'adwin (labels)', 'cusum (labels)']);
    expect(assembled.timeline.some((c) => c.fired.includes('non-finite'))).toBe(true);
  });

  it('gives the summary as the verdict of all detectors together: a correlation change only the joint detector sees', () => {
    const injection: DriftInjection = { kind: 'correlation', features: [1, 2], rho: 0.8, rampQueries: 0, atQuery: 500 };
    const assembled = assembleDrift(suiteOf(injection, 800), reply(injection, 2, 800));
    const row = (name: string) => assembled.detectors.find((d) => d.name === name)!;
    expect(row('correlation').streamsDetected).toBe(2);
    expect(assembled.summary.streamsDetected).toBe(2);
    // Every joint detector's statistic over its threshold is on the timeline, for the chart (null while its window warms up).
    for (const key of ['mmdRatio', 'correlationRatio', 'pcaRatio'] as const) expect(assembled.timeline.some((c) => c[key] !== null && c[key]! > 0), key).toBe(true);
    expect(assembled.summary.medianDelayQueries).toBeLessThanOrEqual(row('correlation').medianDelayQueries!);
    expect(assembled.performance).toHaveLength(2);
    expect(assembled.performance[0]!.estimatedAccuracy).toBeGreaterThan(0.5);
    const text = detectorTable({ ...assembled, kind: 'drift', suite: suiteOf(injection, 800), load: undefined as never });
    expect(text).toMatch(/\| correlation \| 2\/2 \|/);
  });
});

describe('assembleDrift on drifts only some detectors can see', () => {
  it('finds a concept drift (labels flip, inputs unchanged) with the labels, DDM, ADWIN and the CUSUM, while the input detectors stay quiet', () => {
    const injection: DriftInjection = { kind: 'concept', feature: 2, above: 0, atQuery: 400 };
    const assembled = assembleDrift(suiteOf(injection, 1_000), reply(injection, 2, 1_000));
    const row = (name: string) => assembled.detectors.find((d) => d.name === name)!;
    expect(row('ddm (labels)').streamsDetected).toBe(2);
    expect(row('adwin (labels)').streamsDetected).toBe(2);
    // Alarms include the label delay (100 queries).
    expect(row('adwin (labels)').medianDelayQueries).toBeGreaterThanOrEqual(100);
    expect(row('cusum (labels)').streamsDetected).toBe(2);
    expect(row('cusum (labels)').medianDelayQueries).toBeGreaterThanOrEqual(100);
    expect(row('cusum (labels)').configuredErtQueries).toBe(10_000);
    expect(row('cusum (labels)').threshold).toBeGreaterThan(0);
    for (const name of ['ks-psi', 'mmd', 'correlation', 'pca', 'non-finite', 'unseen category']) expect(row(name).streamsDetected, name).toBe(0);
    // The realised accuracy falls; CBPE, which sees only the inputs, cannot tell.
    const p = assembled.performance[0]!;
    expect(p.realisedAccuracy).toBeLessThan(p.estimatedAccuracy - 0.15);
  });

  it('reports an unseen category as such, as a detection of its own row with no false alarm', () => {
    const injection: DriftInjection = { kind: 'unseen-category', field: 1, rate: 0.05, atQuery: 300 };
    const suite = suiteOf(injection, 700);
    const assembled = assembleDrift(suite, reply(injection, 2, 700));
    const unseen = assembled.detectors.find((d) => d.name === 'unseen category')!;
    expect(unseen.streamsDetected).toBe(2);
    expect(unseen.falseAlarms).toBe(0);
    expect(unseen.medianDelayQueries).toBeLessThan(100);
    expect(assembled.summary.streamsDetected).toBe(2);
    expect(assembled.unseenCategories.map((c) => [c.stream, c.field])).toEqual([[0, 'field 1'], [1, 'field 1']]);
    const first = assembled.unseenCategories[0]!;
    expect(first.firstAtQuery).toBeGreaterThanOrEqual(300);
    expect(first.queries).toBeGreaterThan(5);
    expect(first.queries).toBeLessThan(40);
    const text = formatDrift({ ...assembled, kind: 'drift', suite, load });
    expect(text).toContain(`field 1: ${first.queries + assembled.unseenCategories[1]!.queries} queries with an unseen value in 2 of 2 streams`);
    expect(text).toMatch(/\| unseen category \| 2\/2 \|/);
    expect(text).toMatch(/The \d+ timed detectors together: [\d.]+ ms per query/);
  });

  it('reads a report written before ADWIN, the CUSUM and unseen categories: new fields take their defaults', () => {
    const injection: DriftInjection = { kind: 'mean-shift', feature: 1, shiftSd: 1, atQuery: 300 };
    const suite = suiteOf(injection, 600);
    const assembled = assembleDrift(suite, reply(injection, 2, 600));
    const { adwin: _adwin, cusum: _cusum, ...olderSuite } = suite;
    const { unseenCategories: _unseen, ...older } = JSON.parse(JSON.stringify({ ...assembled, kind: 'drift', suite: olderSuite, load })) as Record<string, unknown>;
    const parsed = driftReportSchema.parse({ ...older, detectors: assembled.detectors.filter((d) => !['adwin (labels)', 'cusum (labels)', 'unseen category'].includes(d.name)) });
    expect(parsed.unseenCategories).toEqual([]);
    expect(parsed.suite.adwin).toEqual({ delta: 0.002, clock: 32, bound: 'bernstein' });
    expect(parsed.suite.cusum).toEqual({ increase: 0.1, ertQueries: 10_000 });
    const { pcaRatio: _pca, ...olderCheck } = assembled.timeline[0]!;
    expect(driftReportSchema.parse({ ...older, timeline: [olderCheck], detectors: parsed.detectors }).timeline[0]!.pcaRatio).toBeNull();
    expect(parsed.summary).toEqual(assembled.summary);
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
