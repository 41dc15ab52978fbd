import { describe, expect, it } from 'vitest';
import {
  compareVariants,
  formatComparisonMarkdown,
  formatComparisonTable,
  isRegression,
  judgeAgainstBaseline,
  metricValue,
  parseThreshold,
  ThresholdError,
  type MetricId,
} from '../../../src/core/compare/index.ts';
import { createRng } from '../../../src/core/random.ts';
import { failed, fakeResult } from './fixtures.ts';

describe('parseThreshold', () => {
  it.each([
    ['5%', { kind: 'relative', fraction: 0.05 }],
    ['0.5%', { kind: 'relative', fraction: 0.005 }],
    ['2ms', { kind: 'absolute', ms: 2 }],
    ['2 ms', { kind: 'absolute', ms: 2 }],
    ['1.5s', { kind: 'absolute', ms: 1500 }],
  ])('%s', (text, expected) => {
    expect(parseThreshold(text)).toEqual(expected);
  });
  it.each(['5', 'five%', '-5%', '0%', '100%', '2 parsecs', ''])('rejects %j and names it', (text) => {
    expect(() => parseThreshold(text)).toThrow(ThresholdError);
    expect(() => parseThreshold(text)).toThrow(JSON.stringify(text));
  });
});

describe('metricValue', () => {
  const result = fakeResult({ ttfbMs: 1000, stepMs: 40, servingMs: 2 });
  it.each([
    ['ttfb.totalMs', 1000],
    ['ttfb.spawn', 250],
    ['ttfb.first-step', 750],
    ['steps.medianMs', 40],
    ['serving.p50Ms', 2.1],
    ['serving.coldMs', 20],
  ] as [MetricId, number][])('%s', (metric, expected) => {
    expect(metricValue(result, metric)).toBeCloseTo(expected, 6);
  });
  it('is null for a phase the job did not have and for a failed job', () => {
    expect(metricValue(result, 'ttfb.compile')).toBeNull();
    expect(metricValue(failed(), 'ttfb.totalMs')).toBeNull();
  });
});

/** n jobs whose step median and TTFB are mean·(1 + cv·z), z standard normal. */
function jobs(rng: ReturnType<typeof createRng>, n: number, stepMs: number, cv: number) {
  return Array.from({ length: n }, () => fakeResult({ ttfbMs: 1000 * (1 + cv * rng.normal()), stepMs: stepMs * (1 + cv * rng.normal()) }));
}

describe('compareVariants', () => {
  it('leaves out what no job measured (serve-only jobs train no step) instead of calling it unresolved', () => {
    const serveOnly = (servingMs: number) => ({ ...fakeResult({ ttfbMs: 500, stepMs: 1, servingMs }), steps: null });
    const groups = [
      { name: 'webgpu', results: [0, 1, 2, 3].map((round) => ({ ...serveOnly(9 + round * 0.1), repetition: round })) },
      { name: 'wasm', results: [0, 1, 2, 3].map((round) => ({ ...serveOnly(0.5 + round * 0.01), repetition: round })) },
    ];
    const comparison = compareVariants(groups, { metrics: ['ttfb.totalMs', 'steps.medianMs', 'serving.p50Ms'], threshold: parseThreshold('5%'), paired: true });
    expect(comparison.metrics.map((m) => m.metric)).toEqual(['ttfb.totalMs', 'serving.p50Ms']);
    expect(comparison.unmeasured).toEqual(['steps.medianMs']);
    expect(formatComparisonTable(comparison)).toContain('not measured by any of these jobs, so not compared: step median');
    expect(formatComparisonMarkdown(comparison, { title: 't' })).toContain('not compared: step median.');
    // Failed jobs are not "unmeasured": their rows stay, with what failed.
    const failing = compareVariants([{ name: 'a', results: [failed()] }, { name: 'b', results: [failed()] }], { metrics: ['steps.medianMs'], threshold: parseThreshold('5%') });
    expect(failing.metrics.map((m) => m.metric)).toEqual(['steps.medianMs']);
    expect(failing.unmeasured).toBeUndefined();
  });

  const threshold = parseThreshold('5%');

  it('finds a clear slowdown and says which side is slower, per metric direction', () => {
    const rng = createRng(7);
    const comparison = compareVariants(
      [
        { name: 'a', results: jobs(rng, 8, 100, 0.02) },
        { name: 'b', results: jobs(rng, 8, 130, 0.02) },
      ],
      { metrics: ['steps.medianMs', 'steps.throughputPerSec'], threshold },
    );
    const [step, throughput] = comparison.metrics;
    expect(step?.differences[0]?.verdict).toBe('slower');
    expect(step?.differences[0]?.relative.value).toBeGreaterThan(0.2);
    expect(step?.differences[0]?.method).toBe('Welch t');
    // Throughput is higher-is-better: lower throughput is also "slower".
    expect(throughput?.better).toBe('higher');
    expect(throughput?.differences[0]?.verdict).toBe('slower');
    expect(throughput?.differences[0]?.method).toBe('Welch t');
    expect(comparison.resolved).toBe(true);
  });

  it('says "no detectable difference" when the interval lies within the threshold, and "unresolved" when it cannot tell', () => {
    const rng = createRng(11);
    const quiet = compareVariants(
      [
        { name: 'a', results: jobs(rng, 10, 100, 0.01) },
        { name: 'b', results: jobs(rng, 10, 100, 0.01) },
      ],
      { metrics: ['steps.medianMs'], threshold },
    );
    expect(quiet.metrics[0]?.differences[0]?.verdict).toBe('no detectable difference');
    const noisy = compareVariants(
      [
        { name: 'a', results: jobs(rng, 3, 100, 0.3) },
        { name: 'b', results: jobs(rng, 3, 100, 0.3) },
      ],
      { metrics: ['steps.medianMs'], threshold },
    );
    expect(noisy.metrics[0]?.differences[0]?.verdict).toBe('unresolved');
    expect(noisy.resolved).toBe(false);
  });

  it('judges an absolute threshold in ms on ms metrics only', () => {
    const rng = createRng(3);
    const comparison = compareVariants(
      [
        { name: 'a', results: jobs(rng, 10, 100, 0.01) },
        { name: 'b', results: jobs(rng, 10, 100, 0.01) },
      ],
      { metrics: ['steps.medianMs', 'steps.throughputPerSec'], threshold: parseThreshold('5ms') },
    );
    expect(comparison.metrics[0]?.differences[0]).toMatchObject({ verdict: 'no detectable difference', thresholdApplies: true });
    expect(comparison.metrics[1]?.differences[0]?.thresholdApplies).toBe(false);
  });

  it('skips and counts failed jobs, and gives no estimate below 2 jobs', () => {
    const rng = createRng(5);
    const comparison = compareVariants(
      [
        { name: 'a', results: [...jobs(rng, 3, 100, 0.05), failed()] },
        { name: 'b', results: [...jobs(rng, 1, 100, 0.05), failed(), failed()] },
      ],
      { metrics: ['ttfb.totalMs'], threshold },
    );
    const [a, b] = comparison.metrics[0]!.variants;
    expect(a).toMatchObject({ n: 3, failed: 1 });
    expect(a?.estimate?.method).toBe('Student-t');
    expect(b).toMatchObject({ n: 1, failed: 2, estimate: null });
    expect(comparison.metrics[0]?.differences[0]?.verdict).toBe('unresolved');
    expect(comparison.metrics[0]?.differences[0]?.absolute.ci.low).toBe(-Infinity);
  });

  it('compares every candidate with the named baseline', () => {
    const rng = createRng(9);
    const comparison = compareVariants(
      [
        { name: 'fast', results: jobs(rng, 6, 50, 0.02) },
        { name: 'ref', results: jobs(rng, 6, 100, 0.02) },
        { name: 'slow', results: jobs(rng, 6, 200, 0.02) },
      ],
      { metrics: ['steps.medianMs'], threshold, baseline: 'ref' },
    );
    expect(comparison.baseline).toBe('ref');
    expect(comparison.metrics[0]?.differences.map((d) => [d.candidate, d.verdict])).toEqual([
      ['fast', 'faster'],
      ['slow', 'slower'],
    ]);
    expect(() => compareVariants([{ name: 'x', results: [] }], { metrics: ['ttfb.totalMs'], threshold, baseline: 'y' })).toThrow(/"y"/);
  });

  it('uses Hodges–Lehmann for serving p50, unresolved when too few jobs reach 95%', () => {
    const rng = createRng(13);
    const serving = (n: number, ms: number) => Array.from({ length: n }, () => fakeResult({ ttfbMs: 1000, stepMs: 100, servingMs: ms * (1 + 0.02 * rng.normal()) }));
    const few = compareVariants([{ name: 'a', results: serving(3, 2) }, { name: 'b', results: serving(3, 4) }], { metrics: ['serving.p50Ms'], threshold });
    expect(few.metrics[0]?.differences[0]?.verdict).toBe('unresolved');
    expect(few.metrics[0]?.differences[0]?.absolute.method).toMatch(/needs 4 jobs a side, has 3 and 3/);
    expect(few.metrics[0]?.differences[0]?.needsPerSide, 'says how many jobs it needs instead of an infinite interval').toBe(4);
    expect(few.metrics[0]?.variants[0]).toMatchObject({ n: 3, estimate: null, needs: 6 });
    const enough = compareVariants([{ name: 'a', results: serving(8, 2) }, { name: 'b', results: serving(8, 4) }], { metrics: ['serving.p50Ms'], threshold });
    expect(enough.metrics[0]?.differences[0]).toMatchObject({ verdict: 'slower', method: 'Hodges–Lehmann / Mann–Whitney' });
  });
});

describe('calibration on simulated jobs (seeded)', () => {
  it('A/A (12 jobs a side, 3% noise): faster/slower ~5% of the time, mostly "no detectable difference"; a 10% slowdown (8 a side) found ≥ 90%', () => {
    const rng = createRng(2026);
    const threshold = parseThreshold('5%');
    const trials = 300;
    let aaSignificant = 0;
    let aaNoDifference = 0;
    let abSlower = 0;
    for (let t = 0; t < trials; t++) {
      const aa = compareVariants([{ name: 'a', results: jobs(rng, 12, 100, 0.03) }, { name: 'b', results: jobs(rng, 12, 100, 0.03) }], { metrics: ['steps.medianMs'], threshold });
      const verdict = aa.metrics[0]!.differences[0]!.verdict;
      if (verdict === 'faster' || verdict === 'slower') aaSignificant++;
      if (verdict === 'no detectable difference') aaNoDifference++;
      const ab = compareVariants([{ name: 'a', results: jobs(rng, 8, 100, 0.03) }, { name: 'b', results: jobs(rng, 8, 110, 0.03) }], { metrics: ['steps.medianMs'], threshold });
      if (ab.metrics[0]!.differences[0]!.verdict === 'slower') abSlower++;
    }
    // Binomial(300, 0.05): mean 15, sd 3.8; 27 is > 3 sd above.
    expect(aaSignificant).toBeLessThanOrEqual(27);
    expect(aaSignificant).toBeGreaterThanOrEqual(4);
    expect(aaNoDifference / trials).toBeGreaterThan(0.8);
    expect(abSlower / trials).toBeGreaterThanOrEqual(0.9);
  });
});

describe('isRegression and judgeAgainstBaseline', () => {
  const threshold = parseThreshold('10%');
  it('needs both significance and a change beyond the threshold', () => {
    const rng = createRng(21);
    const small = compareVariants([{ name: 'a', results: jobs(rng, 10, 100, 0.005) }, { name: 'b', results: jobs(rng, 10, 104, 0.005) }], { metrics: ['steps.medianMs'], threshold });
    const smallDifference = small.metrics[0]!.differences[0]!;
    expect(smallDifference.verdict).toBe('slower');
    expect(isRegression(smallDifference, 'lower', threshold)).toBe(false);
    const large = compareVariants([{ name: 'a', results: jobs(rng, 10, 100, 0.005) }, { name: 'b', results: jobs(rng, 10, 125, 0.005) }], { metrics: ['steps.medianMs'], threshold });
    expect(isRegression(large.metrics[0]!.differences[0]!, 'lower', threshold)).toBe(true);
  });

  it('judges each variant against the same-named baseline variant and names spec changes', () => {
    const rng = createRng(22);
    const baseline = [
      { name: 'gpu', results: jobs(rng, 5, 100, 0.01) },
      { name: 'cpu', results: jobs(rng, 5, 300, 0.01) },
    ];
    const heavier = Array.from({ length: 5 }, () => fakeResult({ ttfbMs: 1000, stepMs: 125 * (1 + 0.01 * rng.normal()), spec: { width: 160 } }));
    const current = [
      { name: 'gpu', results: heavier },
      { name: 'cpu', results: jobs(rng, 5, 300, 0.01) },
      { name: 'new', results: jobs(rng, 5, 300, 0.01) },
    ];
    const judgement = judgeAgainstBaseline(current, baseline, { metrics: ['steps.medianMs', 'ttfb.totalMs'], threshold });
    expect(judgement.regressions.map((r) => [r.variant, r.metric])).toEqual([['gpu', 'steps.medianMs']]);
    expect(judgement.regressions[0]!.relative).toBeGreaterThan(0.2);
    expect(judgement.missing).toEqual(['new']);
    expect(judgement.variants.find((v) => v.variant === 'gpu')?.specChanges).toEqual(['width 128 → 160']);
  });
  it('keeps the whole gate\'s false-alarm rate at 5% over every variant × metric (each interval at 95% did not)', () => {
    // Identical baseline and current runs of 4 variants × 3 metrics, a threshold small enough that
    // significance alone decides: any "regression" is a false alarm.
    const rng = createRng(23);
    const tiny = parseThreshold('0.1%');
    const metrics: MetricId[] = ['steps.medianMs', 'ttfb.totalMs', 'steps.throughputPerSec'];
    const run = () => ['a', 'b', 'c', 'd'].map((name) => ({
      name,
      results: Array.from({ length: 6 }, () => fakeResult({ ttfbMs: 1000 * (1 + 0.05 * rng.normal()), stepMs: 100 * (1 + 0.05 * rng.normal()) })),
    }));
    const trials = 300;
    let gated = 0;
    let perInterval = 0;
    for (let t = 0; t < trials; t++) {
      const [baseline, current] = [run(), run()];
      const judgement = judgeAgainstBaseline(current, baseline, { metrics, threshold: tiny });
      if (judgement.regressions.length > 0) gated++;
      // What the gate did before: each variant judged at a plain 95%.
      const plain = current.some((group, i) => compareVariants([{ name: 'baseline', results: baseline[i]!.results }, { name: 'current', results: group.results }], { metrics, threshold: tiny })
        .metrics.some((m) => m.differences.some((d) => isRegression(d, m.better, tiny))));
      if (plain) perInterval++;
    }
    expect(judgeAgainstBaseline(run(), run(), { metrics, threshold: tiny })).toMatchObject({ judgements: 12, familyLevel: 0.95 });
    expect(gated / trials, 'family-wise false-alarm rate').toBeLessThanOrEqual(0.05 + 3 * Math.sqrt(0.05 * 0.95 / trials));
    expect(perInterval / trials, 'twelve intervals at 95% each raise a false alarm far more often').toBeGreaterThan(0.1);
  });
});

describe('compareVariants of interleaved rounds (paired)', () => {
  /** Rounds on a machine whose speed drifts ±8% between rounds; b costs `ratio` × a, job noise 1%. */
  function drifting(ratio: number, rounds: number, seed: number) {
    const rng = createRng(seed);
    const a: (ReturnType<typeof fakeResult> & { repetition: number })[] = [];
    const b: (ReturnType<typeof fakeResult> & { repetition: number })[] = [];
    for (let r = 0; r < rounds; r++) {
      const machine = 100 * (1 + 0.08 * rng.normal());
      a.push({ ...fakeResult({ ttfbMs: 1000, stepMs: machine * (1 + 0.01 * rng.normal()) }), repetition: r });
      b.push({ ...fakeResult({ ttfbMs: 1000, stepMs: ratio * machine * (1 + 0.01 * rng.normal()) }), repetition: r });
    }
    return [
      { name: 'A', results: a },
      { name: 'B', results: b },
    ];
  }
  const options = { metrics: ['steps.medianMs', 'serving.p50Ms'] as MetricId[], threshold: parseThreshold('5%') };

  it('pairs Welch-method metrics by round, so drift between rounds cancels', () => {
    const groups = drifting(1.06, 6, 3);
    const paired = compareVariants(groups, { ...options, paired: true });
    const welch = compareVariants(groups, options);
    const step = (c: typeof paired) => c.metrics[0]!.differences[0]!;
    expect(paired.metrics[0]!.method).toBe('paired t (rounds)');
    expect(step(paired).method).toBe('paired t (rounds), 6 pairs');
    expect(step(paired).verdict).toBe('slower');
    expect(step(welch).verdict).toBe('unresolved');
    const width = (d: ReturnType<typeof step>) => d.relative.ci.high - d.relative.ci.low;
    expect(width(step(paired))).toBeLessThan(width(step(welch)) / 3);
    // Hodges–Lehmann metrics stay unpaired.
    expect(paired.metrics[1]!.method).toBe('Hodges–Lehmann / Mann–Whitney');
  });

  it('pairs only the rounds where both variants measured, and falls back to Welch when results name no round', () => {
    const groups = drifting(1, 5, 4);
    groups[1]!.results[2] = { ...failed(), repetition: 2 };
    const d = compareVariants(groups, { ...options, paired: true }).metrics[0]!.differences[0]!;
    expect(d.method).toBe('paired t (rounds), 4 pairs');
    const unnamed = groups.map((g) => ({ name: g.name, results: g.results.map(({ repetition: _r, ...rest }) => rest) }));
    expect(compareVariants(unnamed, { ...options, paired: true }).metrics[0]!.method).toBe('Welch t');
  });
});

describe('merged runs', () => {
  it('are compared unpaired: their rounds did not run side by side', async () => {
    const { mergeRuns, variantGroups } = await import('../../../src/core/share/run.ts');
    const one = (title: string, stepMs: number) => ({
      title,
      createdAt: '2026-11-25T00:00:00Z',
      threshold: '5%',
      repetitions: 3,
      variants: [{ name: 'x', spec: fakeResult({ ttfbMs: 1, stepMs: 1 }).spec }],
      jobs: [0, 1, 2].map((repetition) => ({ variant: 0, repetition, result: fakeResult({ ttfbMs: 1000, stepMs: stepMs + repetition }) })),
    });
    const merged = mergeRuns([one('a', 100), one('b', 110)], 'a vs b');
    expect(merged.jobs.map((j) => j.repetition)).toEqual([0, 1, 2, 3, 4, 5]);
    const comparison = compareVariants(variantGroups(merged), { metrics: ['steps.medianMs'], threshold: parseThreshold('5%'), paired: true });
    expect(comparison.metrics[0]!.method).toBe('Welch t');
    expect(compareVariants(variantGroups(one('a', 100)), { metrics: ['steps.medianMs'], threshold: parseThreshold('5%'), paired: true }).metrics[0]!.differences).toEqual([]);
  });
});
