/** Seeded percentile bootstrap intervals. */
import { createRng, deriveSeed, type Rng } from '../random.ts';
import { STATS_DEFAULTS } from '../defaults.ts';
import { quantileOfSorted } from './describe.ts';
import type { BootstrapOptions, Estimate, Interval } from './types.ts';
import { checkFinite, checkLevel, checkSamples } from './validate.ts';

type Statistic = (sample: readonly number[]) => number;

/**
 * Percentile bootstrap interval of any statistic (Efron & Tibshirani 1993, "An Introduction to
 * the Bootstrap", §13.3): resample xs with replacement `resamples` times, and take the α/2 and
 * 1 − α/2 type-7 quantiles of the statistic over the resamples. value = statistic(xs).
 * Seeded (mulberry32, src/core/random.ts): the same seed gives the same interval.
 * The percentile interval under-covers for small n and skewed data; prefer n >= 30.
 */
export function bootstrapCi(
  xs: readonly number[],
  statistic: Statistic,
  options?: BootstrapOptions,
): Estimate {
  const { level, resamples, seed } = resolveOptions('bootstrapCi', options);
  checkSamples('bootstrapCi', xs, 2);
  const value = statistic(xs);
  checkFinite('bootstrapCi', 'statistic(xs)', value);
  const rng = createRng(seed);
  const replicates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const replicate = statistic(resample(xs, rng));
    checkFinite('bootstrapCi', `statistic of resample ${r}`, replicate);
    replicates[r] = replicate;
  }
  return { value, ci: percentileInterval(replicates, level), method: 'bootstrap percentile' };
}

/**
 * Percentile bootstrap interval of statistic(b) − statistic(a) and of the relative difference
 * (statistic(b) − statistic(a)) / statistic(a), resampling a and b independently (two-sample
 * bootstrap, Efron & Tibshirani 1993, §8.3) from two seed streams derived from `seed`.
 */
export function bootstrapDifference(
  a: readonly number[],
  b: readonly number[],
  statistic: Statistic,
  options?: BootstrapOptions,
): { absolute: Estimate; relative: Estimate } {
  const { level, resamples, seed } = resolveOptions('bootstrapDifference', options);
  checkSamples('bootstrapDifference', a, 2, 'a');
  checkSamples('bootstrapDifference', b, 2, 'b');
  const statA = statistic(a);
  const statB = statistic(b);
  checkFinite('bootstrapDifference', 'statistic(a)', statA);
  checkFinite('bootstrapDifference', 'statistic(b)', statB);
  if (statA === 0) {
    throw new Error('bootstrapDifference needs statistic(a) to be nonzero for the relative difference');
  }
  const rngA = createRng(deriveSeed(seed, 0));
  const rngB = createRng(deriveSeed(seed, 1));
  const absolute = new Float64Array(resamples);
  const relative = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const resampledA = statistic(resample(a, rngA));
    const resampledB = statistic(resample(b, rngB));
    checkFinite('bootstrapDifference', `statistic of resample ${r} of a`, resampledA);
    checkFinite('bootstrapDifference', `statistic of resample ${r} of b`, resampledB);
    absolute[r] = resampledB - resampledA;
    relative[r] = (resampledB - resampledA) / resampledA;
    checkFinite('bootstrapDifference', `relative difference of resample ${r}`, relative[r]!);
  }
  return {
    absolute: {
      value: statB - statA,
      ci: percentileInterval(absolute, level),
      method: 'bootstrap percentile',
    },
    relative: {
      value: (statB - statA) / statA,
      ci: percentileInterval(relative, level),
      method: 'bootstrap percentile',
    },
  };
}

function resolveOptions(
  fn: string,
  options: BootstrapOptions | undefined,
): { level: number; resamples: number; seed: number } {
  const level = options?.level ?? STATS_DEFAULTS.level;
  const resamples = options?.resamples ?? STATS_DEFAULTS.bootstrapResamples;
  const seed = options?.seed ?? STATS_DEFAULTS.bootstrapSeed;
  checkLevel(fn, level);
  const minResamples = STATS_DEFAULTS.bootstrapMinResamples;
  if (!Number.isInteger(resamples) || resamples < minResamples) {
    throw new Error(
      `${fn} needs resamples to be an integer of at least ${minResamples} ` +
        `(${STATS_DEFAULTS.bootstrapResamples} recommended), got ${String(resamples)}`,
    );
  }
  if (!Number.isFinite(seed)) throw new Error(`${fn} needs a finite seed, got ${String(seed)}`);
  return { level, resamples, seed };
}

/** One resample with replacement, same size as xs. */
function resample(xs: readonly number[], rng: Rng): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[rng.int(xs.length)]!;
  return out;
}

/** Type-7 quantiles at α/2 and 1 − α/2 of the replicates (sorts them in place). */
function percentileInterval(replicates: Float64Array, level: number): Interval {
  replicates.sort();
  const alphaHalf = (1 - level) / 2;
  return {
    low: quantileOfSorted(replicates, alphaHalf),
    high: quantileOfSorted(replicates, 1 - alphaHalf),
    level,
  };
}
