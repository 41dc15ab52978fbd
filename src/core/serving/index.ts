/**
 * The serving API other parts of firstbatch use: suite schemas, report schemas, formatting and
 * the exit condition. Code outside src/core/serving imports from here, not from the files inside.
 */
export {
  SERVING_SUITE_KINDS, SERVING_SUITE_SCHEMAS, servingSuiteSchema,
  type ServingSuite, type ServingSuiteKind,
} from './suites.ts';
export {
  servingReportSchema, type CanaryReport, type DriftReport, type ModelLoad, type ServingReport, type TimelinePoint,
} from './reports.ts';
export { formatServingMarkdown, servingFailure } from './format.ts';
