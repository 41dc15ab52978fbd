/** Statistics core of firstbatch: pure functions, no DOM, no Node, no workers. */
export { finiteOrNull, mean, median, minimumSamplesForQuantile, minMax, quantile, stdev, tailQuantile } from './describe.ts';
export { meanCi, welchDifference, type Difference } from './intervals.ts';
export { pairedDifference } from './paired.ts';
export { mannWhitney, type MannWhitney } from './rank.ts';
export { hodgesLehmann, hodgesLehmannMinimumN } from './hodges-lehmann.ts';
export { medianCi, medianCiMinimumN } from './median-ci.ts';
export { bootstrapCi, bootstrapDifference } from './bootstrap.ts';
export { madOutliers } from './outliers.ts';
export type { BootstrapOptions, Estimate, Interval } from './types.ts';
export { STATS_DEFAULTS } from '../defaults.ts';
