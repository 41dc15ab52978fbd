/** The `comparison` kind: variants of a job spec compared metric by metric, on one browser or fanned out over several. */
import { compareVariants, groupByVariant } from '../../compare/index.ts';
import { comparisonSuiteSchema, resolveVariants, type ComparisonSuite } from '../../compare/suite.ts';
import { comparisonOutcome, runComparison } from '../comparison.ts';
import type { SuiteOutcome } from '../context.ts';
import { compareByDevice, devicesOutcome, runComparisonOnDevices } from '../devices.ts';
import { defineJobKind, type SavedResults } from '../kind.ts';
import { RUN_OPTIONS } from '../options.ts';

export const comparisonKind = defineJobKind({
  schema: comparisonSuiteSchema,
  // A merged spec can still be invalid (syncEvery must divide steps).
  resolve: (suite) => void resolveVariants(suite),
  options: { run: RUN_OPTIONS, saved: ['threshold', 'baseline', 'trace'] },
  fansOut: true,
  run: (suite, context, overrides) => {
    const devices = context.devices ?? [];
    return devices.length > 1 ? runComparisonOnDevices(suite, context, overrides, devices) : runComparison(suite, context, overrides);
  },
  saved: { file: 'results', read: savedComparison },
});

/** A saved comparison: per device when its jobs name one, else one comparison of every variant. */
function savedComparison({ file, definition, threshold, metrics, level }: SavedResults<ComparisonSuite>): SuiteOutcome<'comparison'> {
  const meta = file.suite;
  const baseline = definition?.baseline;
  if (file.results.some((result) => result.device !== undefined)) {
    const runs = compareByDevice(file.results, { metrics, threshold, level, ...(baseline !== undefined ? { baseline } : {}) });
    return devicesOutcome({ name: meta?.name ?? 'results', metrics, threshold, file, results: file.results, runs });
  }
  const comparison = compareVariants(groupByVariant(file.results), { metrics, threshold, level, paired: true, ...(baseline !== undefined ? { baseline } : {}) });
  return comparisonOutcome({ name: meta?.name ?? 'results', metrics, threshold, file, results: file.results, comparison, sampling: file.sampling });
}
