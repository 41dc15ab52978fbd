/** Change points in a results history: the detector, Perfherder's rule as a baseline, and the store's mapping. */
export { detectChangePoints, type DetectedChange, type DetectOptions } from './detect.ts';
export { perfherderAlerts, type PerfherderAlert, type PerfherderOptions } from './perfherder.ts';
export { trendChangePoints, METRIC_DIRECTIONS, type MetricDirection } from './trend.ts';
