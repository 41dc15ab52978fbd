/** The one place a suite's kind is dispatched: every kind runs through here, in the CLI and in the web app. */
import { assertNever } from '../assert.ts';
import { SERVING_SUITE_KINDS, type ServingSuite } from '../serving/index.ts';
import { isServingSuite, type Suite, type SuiteKind } from '../suite.ts';
import { runCalibration } from './calibration.ts';
import { runComparison } from './comparison.ts';
import { runComparisonOnDevices } from './devices.ts';
import type { RunnerContext, RunOverrides, SuiteOutcome } from './context.ts';
import { runLab } from './lab.ts';
import { runServingKind } from './serving.ts';

/**
 * Runs a suite of any kind. Rejects with RunCancelledError when the context's signal aborts; a
 * job's own failure is in its result, never a rejection.
 */
export async function runSuite(suite: Suite, context: RunnerContext, overrides: RunOverrides = {}): Promise<SuiteOutcome> {
  try {
    const devices = context.devices ?? [];
    if (devices.length > 1 && suite.kind !== 'comparison') {
      throw new FanOutError(`a ${suite.kind} suite runs on one browser; fanning out over several (${devices.join(', ')}) is for comparison suites`);
    }
    if (isServingSuite(suite)) return await runServingKind(suite, context);
    switch (suite.kind) {
      case 'comparison':
        return devices.length > 1 ? await runComparisonOnDevices(suite, context, overrides, devices) : await runComparison(suite, context, overrides);
      case 'lab':
        return await runLab(suite, context, overrides);
      case 'calibration':
        return await runCalibration(suite, context, overrides);
      default:
        return assertNever(suite, 'suite kind');
    }
  } finally {
    context.progress.finish();
  }
}

/** A suite kind that cannot fan out over several browsers was given several. */
export class FanOutError extends Error {}

/** Settings a run can take besides the suite (the CLI's --threshold, --budget, --baseline, --save-baseline, --trace). */
export const RUN_OPTIONS = ['threshold', 'budget', 'baseline', 'saveBaseline', 'trace'] as const;
export type RunOption = (typeof RUN_OPTIONS)[number];

/**
 * The options that mean something for a kind, run now (`run`) or re-rendered from a saved file
 * (`saved`). Anything else is a usage error: never silently ignored.
 */
export function applicableOptions(kind: SuiteKind, source: 'run' | 'saved'): readonly RunOption[] {
  // Serving suites: the scenario's own fields set targets and lengths; there are no jobs to trace.
  if (isServingKind(kind)) return [];
  switch (kind) {
    case 'comparison':
    case 'lab':
      return source === 'run' ? RUN_OPTIONS : ['threshold', 'baseline', 'trace'];
    case 'calibration':
      // Each comparison is judged against its own A; its report is what a saved file keeps.
      return source === 'run' ? ['threshold', 'budget', 'trace'] : ['trace'];
    default:
      return assertNever(kind, 'suite kind');
  }
}

function isServingKind(kind: SuiteKind): kind is ServingSuite['kind'] {
  return (SERVING_SUITE_KINDS as readonly string[]).includes(kind);
}
