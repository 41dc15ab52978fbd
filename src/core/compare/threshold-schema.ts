/** The threshold's schema, apart from threshold.ts so the app's first screen can parse a threshold without zod. */
import { z } from 'zod';
import { isThresholdText } from './threshold.ts';

/**
 * A threshold as files, suites, links and the form write it ('5%', '2ms'), checked by parseThreshold
 * itself, so every boundary accepts exactly what the comparison can use (a relative one below 100%).
 */
export const thresholdTextSchema = z.string().max(32).refine(isThresholdText, 'must be a percentage between 0% and 100% such as "5%", or a time such as "2ms"');
