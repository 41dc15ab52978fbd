/** The one place the CLI dispatches on a suite's kind. A new kind adds its case here. */
import type { SuiteResultFile, Threshold } from '../src/core/compare/index.ts';
import type { JobResult } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { Suite } from '../src/core/suite.ts';
import { runComparisonSuite } from './comparison-suite.ts';
import type { Progress } from './progress.ts';
import { assertNever } from '../src/core/assert.ts';

export interface SuiteContext {
  /** Runs one job in a fresh browser context, reporting progress under `label`. */
  runJob(spec: JobSpec, label: string): Promise<JobResult>;
  readonly progress: Progress;
  /** --threshold, overriding the suite's. */
  readonly threshold: Threshold | undefined;
  readonly thresholdText: string | undefined;
  /** --budget, overriding the suite's budgetSeconds (and turning auto-sampling on). */
  readonly budgetSeconds: number | undefined;
  readonly now: () => number;
}

export interface BaselineVerdict {
  /** Variants judged (present in both runs). */
  readonly judged: number;
  readonly regressions: number;
  readonly table: string;
  readonly markdown: string;
  /** One line naming every regression (or saying there is none). */
  readonly line: string;
}

export interface SuiteOutcome {
  /** What --json and --save-baseline write. */
  readonly file: SuiteResultFile;
  readonly results: readonly JobResult[];
  /** The terminal table. */
  readonly table: string;
  /** The Markdown summary. */
  readonly markdown: string;
  /** How auto-sampling ended, when it ran. */
  readonly samplingLine: string | null;
  judge(baseline: SuiteResultFile): BaselineVerdict;
}


export function runSuite(suite: Suite, context: SuiteContext): Promise<SuiteOutcome> {
  switch (suite.kind) {
    case 'comparison':
      return runComparisonSuite(suite, context);
    default:
      return assertNever(suite.kind, 'suite kind');
  }
}
