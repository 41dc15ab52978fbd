/**
 * The suite runner: one loop for every suite kind (comparison, lab, calibration, serving), in
 * the CLI and the web app alike. Pure: everything platform-specific comes in a RunnerContext.
 */
import type { SuiteOutcome as KindOutcome } from './context.ts';
import type { SuiteKind } from '../suite.ts';

export { runSuite, applicableOptions, FanOutError, RUN_OPTIONS, type RunOption } from './run-suite.ts';
/** What a suite of any kind gives back. */
export type SuiteOutcome = KindOutcome<SuiteKind>;
export { compareByDevice, devicesOutcome } from './devices.ts';
export {
  RunCancelledError,
  isVariantSuiteFile,
  type BaselineVerdict,
  type CancelSignal,
  type HostInfo,
  type JobTicket,
  type OutcomeFile,
  type RunnerContext,
  type RunOverrides,
  type RunProgress,
  type ServingResultFile,
} from './context.ts';
export { comparisonSuiteOf, loadNotes } from './comparison.ts';
export { outcomeOfSavedFile, parseServingResultFile } from './saved.ts';
export { toResultFile } from './results-file.ts';
export { runRounds, type RoundsOutcome, type RoundsPlan } from './rounds.ts';
