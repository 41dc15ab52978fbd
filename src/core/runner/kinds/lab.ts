/** The `lab` kind: what each start-up knob saves against the cold default, judged on TTFB. */
import { suiteResultFileSchema, type SuiteResultFile } from '../../compare/index.ts';
import { resolveVariants } from '../../compare/suite.ts';
import { labRunSchema, labSuiteSchema, type LabRun, type LabSuite } from '../../lab.ts';
import { RESULT_SCHEMA_VERSION } from '../../result.ts';
import { SpecError } from '../../spec.ts';
import type { SuiteOutcome } from '../context.ts';
import { defineJobKind, type SavedResults } from '../kind.ts';
import { labOutcome, runLab } from '../lab.ts';
import { RUN_OPTIONS } from '../options.ts';

export const labKind = defineJobKind({
  schema: labSuiteSchema,
  // A merged spec can still be invalid (syncEvery must divide steps).
  resolve: (suite) => void resolveVariants(suite),
  options: { run: RUN_OPTIONS, saved: ['threshold', 'baseline', 'trace'] },
  fansOut: false,
  run: runLab,
  saved: { file: 'results', read: savedLab, earlier: earlierLabFile },
});

function savedLab({ file, definition, threshold, thresholdText, level }: SavedResults<LabSuite>): SuiteOutcome<'lab'> {
  if (definition === undefined) throw new SpecError('results file', ['suite.definition must hold the lab suite that ran']);
  return labOutcome({ suite: { ...definition, threshold: thresholdText }, threshold, file, results: file.results, level, sampling: file.sampling });
}

/** A lab run saved by the lab command that came before the `lab` suite kind, as the results file the runner writes now. */
function earlierLabFile(input: unknown): SuiteResultFile | null {
  const run = labRunSchema.safeParse(input);
  return run.success && !suiteResultFileSchema.safeParse(input).success ? labRunAsFile(run.data) : null;
}

function labRunAsFile(run: LabRun): SuiteResultFile {
  const suite = labSuiteSchema.parse({ ...run.suite, kind: 'lab' });
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'firstbatch', version: 'unknown' },
    suite: { name: suite.name, kind: 'lab', threshold: suite.threshold, metrics: [...suite.metrics], definition: suite },
    results: run.jobs.map((job) => ({ ...job.result, variant: job.variant, repetition: job.round })),
    sampling: { rounds: run.rounds, stop: 'fixed', unresolved: 0, budgetSeconds: suite.budgetSeconds ?? null, elapsedMs: 0 },
  };
}
