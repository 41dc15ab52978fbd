/** The comparison API shared by the CLI and the web app. Pure: no DOM, no Node. */
export { METRICS, METRIC_IDS, METHOD_LABELS, metricValue, type MetricDefinition, type MetricId, type MetricMethod } from './metrics.ts';
export { parseThreshold, formatThreshold, isThresholdText, ThresholdError, type Threshold } from './threshold.ts';
export { thresholdTextSchema } from './threshold-schema.ts';
export {
  compareVariants,
  isRegression,
  verdictOf,
  type CompareOptions,
  type Comparison,
  type MetricComparison,
  type MetricDifference,
  type Verdict,
  type VariantEstimate,
} from './compare.ts';
export { familyWiseLevel, judgeAgainstBaseline, type BaselineJudgement, type Regression } from './baseline.ts';
export {
  cellName,
  checkSchemaVersion,
  deviceSchema,
  parseSuiteResultFile,
  groupByVariant,
  reportFileSchema,
  type Device,
  suiteResultFileSchema,
  suiteJobResultSchema,
  type Sampling,
  type SuiteJobResult,
  type SuiteResultFile,
} from './results-file.ts';
export { formatComparisonMarkdown, formatComparisonTable, formatJudgementMarkdown, formatJudgementTable, formatRegressionLine } from './format.ts';
export { formatLevel, formatSampling, formatSigned } from './cells.ts';
export { comparisonSuiteSchema, specOverridesSchema, variantSuiteSchema, type ComparisonSuite } from './suite.ts';
export {
  lookAlpha,
  lookLevel,
  nextLookRound,
  obrienFlemingSpent,
  spendLook,
  startSpending,
  LOOK_GROWTH,
  SPENDING_RULES,
  type SpendingRule,
  type SpendingState,
} from './sequential.ts';
export { roundOrder } from './order.ts';
