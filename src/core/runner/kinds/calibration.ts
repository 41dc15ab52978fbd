/** The `calibration` kind: A/A and A/B comparisons that check the comparison's verdicts on real jobs. */
import { calibrationSuiteSchema, parseCalibrationFile, resolveCalibration } from '../../calibration.ts';
import { calibrationOutcome, runCalibration } from '../calibration.ts';
import { defineJobKind } from '../kind.ts';

export const calibrationKind = defineJobKind({
  schema: calibrationSuiteSchema,
  // Both configurations are full job specs (a merged spec can still be invalid).
  resolve: (suite) => void resolveCalibration(suite),
  // Each comparison is judged against its own A; its report is what a saved file keeps.
  options: { run: ['threshold', 'budget', 'trace'], saved: ['trace'] },
  fansOut: false,
  run: runCalibration,
  saved: { file: 'own', read: (input) => calibrationOutcome(parseCalibrationFile(input)) },
});
