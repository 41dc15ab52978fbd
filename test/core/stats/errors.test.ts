import { describe, expect, it } from 'vitest';
import {
  bootstrapCi,
  bootstrapDifference,
  hodgesLehmann,
  madOutliers,
  mannWhitney,
  mean,
  meanCi,
  median,
  minMax,
  quantile,
  stdev,
  welchDifference,
} from '../../../src/core/stats/index.ts';

const ok = [1, 2, 3, 4, 5];

describe('invalid input throws an Error naming the function and the problem', () => {
  it.each([
    { label: 'meanCi with 1 sample', call: () => meanCi([1]), message: 'meanCi needs at least 2 samples, got 1' },
    { label: 'meanCi with none', call: () => meanCi([]), message: 'meanCi needs at least 2 samples, got 0' },
    { label: 'mean of nothing', call: () => mean([]), message: 'mean needs at least 1 sample, got 0' },
    { label: 'median of nothing', call: () => median([]), message: 'median needs at least 1 sample, got 0' },
    { label: 'minMax of nothing', call: () => minMax([]), message: 'minMax needs at least 1 sample, got 0' },
    { label: 'stdev of 1', call: () => stdev([3]), message: 'stdev needs at least 2 samples, got 1' },
    { label: 'NaN sample', call: () => mean([1, Number.NaN]), message: 'mean got a non-finite value in samples at index 1 (NaN)' },
    { label: 'Infinity sample', call: () => median([Infinity]), message: 'non-finite value in samples at index 0 (Infinity)' },
    { label: 'quantile q > 1', call: () => quantile(ok, 90), message: 'quantile needs q between 0 and 1, got 90 (did you mean 0.9?)' },
    { label: 'quantile q NaN', call: () => quantile(ok, Number.NaN), message: 'quantile needs q between 0 and 1, got NaN' },
    { label: 'level as percent', call: () => meanCi(ok, 95), message: 'meanCi needs a confidence level between 0 and 1, got 95 (did you mean 0.95?)' },
    { label: 'level 1', call: () => meanCi(ok, 1), message: 'got 1' },
    { label: 'welch a too small', call: () => welchDifference([1], ok), message: 'welchDifference needs at least 2 samples in a, got 1' },
    { label: 'welch b NaN', call: () => welchDifference(ok, [1, Number.NaN]), message: 'welchDifference got a non-finite value in b at index 1' },
    { label: 'welch zero baseline', call: () => welchDifference([-1, 1], ok), message: 'nonzero mean of a' },
    { label: 'mannWhitney empty b', call: () => mannWhitney(ok, []), message: 'mannWhitney needs at least 1 sample in b, got 0' },
    { label: 'HL level out of reach', call: () => hodgesLehmann([1, 2, 3], [4, 5, 6]), message: 'hodgesLehmann cannot reach 95% confidence with 3 and 3 samples' },
    { label: 'HL zero baseline', call: () => hodgesLehmann([-1, 0, 1], ok), message: 'nonzero median of a' },
    { label: 'bootstrap resamples', call: () => bootstrapCi(ok, median, { resamples: 10 }), message: 'bootstrapCi needs resamples to be an integer of at least 100 (2000 recommended), got 10' },
    { label: 'bootstrap NaN statistic', call: () => bootstrapCi(ok, () => Number.NaN), message: 'bootstrapCi: statistic(xs) is NaN' },
    { label: 'bootstrap 1 sample', call: () => bootstrapCi([1], median), message: 'bootstrapCi needs at least 2 samples, got 1' },
    { label: 'bootstrapDifference zero baseline', call: () => bootstrapDifference([0, 0, 1], ok, median), message: 'statistic(a) to be nonzero' },
    { label: 'madOutliers threshold', call: () => madOutliers(ok, -1), message: 'madOutliers needs a positive finite threshold' },
    { label: 'not an array', call: () => mean(undefined as unknown as number[]), message: 'mean needs an array of numbers' },
  ])('$label', ({ call, message }) => {
    expect(call).toThrowError(message);
  });
});
