/**
 * Coverage of the comparison intervals at the sample sizes the tool really uses (3–10 jobs a
 * side: a suite's repetitions, auto-sampling's first looks). Seeded, bounded in time. A method
 * that holds covers the true difference in ≥ its level of trials (less a Monte Carlo margin);
 * the two-sample percentile bootstrap of the mean, used before for throughput and serving p99,
 * covered far less at these sizes (checked last, as the reason for the change).
 *
 * The figures docs/measurement.md quotes are the ones this file measures: it builds the sentence
 * from its own trials and seeds and checks that the document contains it word for word (run
 * `npx vitest run test/core/compare/coverage.test.ts` and paste the line it prints on a change).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compareVariants, parseThreshold, type MetricId } from '../../../src/core/compare/index.ts';
import { createRng, type Rng } from '../../../src/core/random.ts';
import type { JobResult } from '../../../src/core/result.ts';
import { bootstrapDifference, mean } from '../../../src/core/stats/index.ts';
import { fakeResult } from './fixtures.ts';

const threshold = parseThreshold('5%');
const TRIALS = 400;
/** 3 binomial standard errors below 95% at 400 trials. */
const MIN_COVERAGE = 0.95 - 3 * Math.sqrt((0.95 * 0.05) / TRIALS);

function withValues(values: { throughputPerSec?: number; p99Ms?: number }): JobResult {
  const result = fakeResult({ ttfbMs: 1000, stepMs: 100 });
  return {
    ...result,
    steps: result.steps && values.throughputPerSec !== undefined ? { ...result.steps, throughputPerSec: values.throughputPerSec } : result.steps,
    serving: result.serving && values.p99Ms !== undefined ? { ...result.serving, p99Ms: values.p99Ms } : result.serving,
  };
}

/** Throughput per job: roughly normal around its mean (one job's mean over its steps). */
const throughput = (rng: Rng, meanPerSec: number): number => meanPerSec * (1 + 0.05 * rng.normal());
/** A serving p99 per job: right-skewed (lognormal), shifted for the candidate. */
const p99 = (rng: Rng, shiftMs: number): number => 40 * Math.exp(0.4 * rng.normal()) + shiftMs;

const measured = { welch: new Map<number, number>(), hodgesLehmann: new Map<number, number>(), bootstrap: new Map<number, number>() };

const percent = (rate: number): string => (100 * rate).toFixed(1);
function figures(rates: Map<number, number>, seeds: (sizes: number[]) => string): string {
  const sizes = [...rates.keys()];
  return `${sizes.map((n) => percent(rates.get(n)!)).join(' / ')}% at n = ${sizes.join(' / ')} (${seeds(sizes)})`;
}
const seedPerSize = (offset: number) => (sizes: number[]): string => `seeds ${sizes.map((n) => offset + n).join(', ')}`;

/** The sentence docs/measurement.md must contain, from this run's rates. */
function coverageSentence(): string {
  return (
    `Coverage simulated by \`test/core/compare/coverage.test.ts\` (${TRIALS} seeded trials per size, 95% nominal): ` +
    `throughput by Welch ${figures(measured.welch, seedPerSize(100))}; ` +
    `serving p99 by Hodges–Lehmann ${figures(measured.hodgesLehmann, seedPerSize(200))}; ` +
    `the percentile bootstrap of the mean these metrics used before, on the p99 data, ${figures(measured.bootstrap, () => 'one stream, seed 7')}.`
  );
}

function coverage(metric: MetricId, n: number, draw: (rng: Rng, side: 'a' | 'b') => number, trueDifference: number, seed: number): number {
  const rng = createRng(seed);
  let covered = 0;
  for (let t = 0; t < TRIALS; t++) {
    const make = (side: 'a' | 'b'): JobResult[] =>
      Array.from({ length: n }, () => withValues(metric === 'serving.p99Ms' ? { p99Ms: draw(rng, side) } : { throughputPerSec: draw(rng, side) }));
    const comparison = compareVariants([{ name: 'a', results: make('a') }, { name: 'b', results: make('b') }], { metrics: [metric], threshold });
    const { ci } = comparison.metrics[0]!.differences[0]!.absolute;
    if (ci.low <= trueDifference && trueDifference <= ci.high) covered++;
  }
  return covered / TRIALS;
}

describe('comparison intervals cover at the sizes the tool uses (seeded)', () => {
  it.each([3, 5, 8, 10])('throughput (Welch t), %i jobs a side: ≥ 95% coverage of the true difference', (n) => {
    const rate = coverage('steps.throughputPerSec', n, (rng, side) => throughput(rng, side === 'a' ? 600 : 660), 60, 100 + n);
    measured.welch.set(n, rate);
    expect(rate).toBeGreaterThanOrEqual(MIN_COVERAGE);
  });

  it.each([4, 5, 8, 10])('serving p99 (Hodges–Lehmann, exact), %i jobs a side: ≥ 95% coverage of a skewed shift', (n) => {
    const rate = coverage('serving.p99Ms', n, (rng, side) => p99(rng, side === 'a' ? 0 : 8), 8, 200 + n);
    measured.hodgesLehmann.set(n, rate);
    expect(rate).toBeGreaterThanOrEqual(MIN_COVERAGE);
  });

  it('serving p99 with 3 jobs a side: no interval is claimed; it says 4 are needed', () => {
    const rng = createRng(3);
    const make = (shift: number): JobResult[] => Array.from({ length: 3 }, () => withValues({ p99Ms: p99(rng, shift) }));
    const difference = compareVariants([{ name: 'a', results: make(0) }, { name: 'b', results: make(8) }], { metrics: ['serving.p99Ms'], threshold }).metrics[0]!.differences[0]!;
    expect(difference).toMatchObject({ verdict: 'unresolved', needsPerSide: 4 });
  });

  it('the percentile bootstrap of the mean, used before, covers well under 95% at these sizes', () => {
    const rng = createRng(7);
    const sizes = [3, 4, 5];
    const rates = sizes.map((n) => {
      let covered = 0;
      for (let t = 0; t < TRIALS; t++) {
        const a = Array.from({ length: n }, () => p99(rng, 0));
        const b = Array.from({ length: n }, () => p99(rng, 8));
        const { ci } = bootstrapDifference(a, b, mean, { resamples: 400, seed: t }).absolute;
        if (ci.low <= 8 && 8 <= ci.high) covered++;
      }
      return covered / TRIALS;
    });
    sizes.forEach((n, i) => measured.bootstrap.set(n, rates[i]!));
    for (const rate of rates) expect(rate).toBeLessThan(0.9);
  });
});

afterAll(() => {
  // Only a full run of this file measures every figure; a filtered run (-t) checks nothing here.
  if (measured.welch.size < 4 || measured.hodgesLehmann.size < 4 || measured.bootstrap.size < 3) return;
  const sentence = coverageSentence();
  console.log(sentence);
  const doc = readFileSync(new URL('../../../docs/measurement.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  expect(doc.includes(sentence), `docs/measurement.md must quote the coverage this test measures:\n${sentence}`).toBe(true);
});
