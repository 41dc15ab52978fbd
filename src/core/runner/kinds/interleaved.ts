/** The `interleaved` kind: step time of two models trained A B B A in one worker, judged job by job until resolved. */
import { parseInterleavedFile } from '../../compare/step-scale-report.ts';
import { interleavedSuiteSchema, resolveInterleaved } from '../../compare/step-scale.ts';
import { interleavedOutcome, runInterleavedSuite } from '../interleaved.ts';
import { defineJobKind } from '../kind.ts';

export const interleavedKind = defineJobKind({
  schema: interleavedSuiteSchema,
  // The spec must be a job module with whole A B B A blocks (step-scale.ts names each rule).
  resolve: (suite) => void resolveInterleaved(suite),
  // Its verdict is its own (exit 1 on a regression beyond the threshold): no baseline to judge against.
  options: { run: ['threshold', 'budget', 'trace'], saved: ['trace'] },
  fansOut: false,
  run: runInterleavedSuite,
  saved: { file: 'own', read: (input) => interleavedOutcome(parseInterleavedFile(input)) },
});
