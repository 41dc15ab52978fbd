/** The one place a suite's kind is dispatched: every kind runs through here, in the CLI and in the web app. */
import { isServingKind, isServingSuite, jobKind, SUITE_KINDS, type Suite, type SuiteKind } from '../suite.ts';
import type { RunnerContext, RunOverrides, SuiteOutcome } from './context.ts';
import type { RunOption } from './options.ts';
import { runServingKind } from './serving.ts';

export { RUN_OPTIONS, type RunOption } from './options.ts';

/**
 * Runs a suite of any kind. Rejects with RunCancelledError when the context's signal aborts; a
 * job's own failure is in its result, never a rejection.
 */
export async function runSuite(suite: Suite, context: RunnerContext, overrides: RunOverrides = {}): Promise<SuiteOutcome<SuiteKind>> {
  try {
    const devices = context.devices ?? [];
    if (devices.length > 1 && !fansOut(suite.kind)) {
      const kinds = SUITE_KINDS.filter((kind) => kind.fansOut).map((kind) => kind.kind).join(', ');
      throw new FanOutError(`a ${suite.kind} suite runs on one browser; fanning out over several (${devices.join(', ')}) is for ${kinds} suites`);
    }
    if (isServingSuite(suite)) return await runServingKind(suite, context);
    return await jobKind(suite.kind).run(suite, context, overrides);
  } finally {
    context.progress.finish();
  }
}

/** A suite kind that cannot fan out over several browsers was given several. */
export class FanOutError extends Error {}

/** Serving suites run in one page. */
const fansOut = (kind: SuiteKind): boolean => !isServingKind(kind) && jobKind(kind).fansOut;

/**
 * The options that mean something for a kind, run now (`run`) or re-rendered from a saved file
 * (`saved`). Anything else is a usage error: never silently ignored.
 */
export function applicableOptions(kind: SuiteKind, source: 'run' | 'saved'): readonly RunOption[] {
  // Serving suites: the scenario's own fields set targets and lengths; there are no jobs to trace.
  return isServingKind(kind) ? [] : jobKind(kind).options[source];
}
