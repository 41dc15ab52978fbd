/**
 * The serving API other parts of firstbatch use: suite schemas, report schemas, formatting, the
 * exit condition, the drivers' host contract, the dispatch and the scenarios' forms. Code outside
 * src/core/serving imports from here, not from the files inside.
 */
export {
  formatServingMarkdown, parseServingSuite, runScenario, SCENARIOS, scenarioForm, SERVING_FIELD_RANGES, SERVING_MODEL_FIELDS, SERVING_SUITE_KINDS,
  SERVING_SUITE_SCHEMAS, servingFailure,
  servingReportSchema, servingSuiteSchema, type ServingReport, type ServingSuite, type ServingSuiteKind,
} from './scenarios/index.ts';
export type { ScenarioDescriptor } from './scenarios/descriptor.ts';
export { COMMON_SCENARIO_FIELDS, type ModelRole, type ScenarioField, type ScenarioForm } from './scenarios/form.ts';
export type { CanaryReport } from './scenarios/canary.ts';
export type { DriftReport } from './scenarios/drift.ts';
export type { ServerReport } from './scenarios/server.ts';
export type { ModelLoad, TimelinePoint } from './reports.ts';
export { servingWorkerHandle, type ServingClock, type ServingHost, type ServingProgress, type ServingWorker } from './host.ts';
export { modelLabel, servingSpec } from './model.ts';
