/**
 * The suite runner: one loop for every suite kind (comparison, lab, calibration, serving), in
 * the CLI and the web app alike. Pure: everything platform-specific comes in a RunnerContext.
 */
export { runSuite, applicableOptions, FanOutError, RUN_OPTIONS, type RunOption } from './run-suite.ts';
export { compareByDevice, devicesOutcome } from './devices.ts';
export {
  RunCancelledError,
  type BaselineVerdict,
  type CancelSignal,
  type HostInfo,
  type JobTicket,
  type OutcomeFile,
  type RunnerContext,
  type RunOverrides,
  type RunProgress,
  type ServingResultFile,
  type SuiteOutcome,
} from './context.ts';
export { comparisonSuiteOf, loadNotes } from './comparison.ts';
export { outcomeOfSavedFile, parseServingResultFile } from './saved.ts';
export { toResultFile } from './results-file.ts';
export { runRounds, type RoundsOutcome, type RoundsPlan } from './rounds.ts';
