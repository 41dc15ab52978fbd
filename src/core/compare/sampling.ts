/** How a suite's rounds ended: what a results file, a link and the app say of its sampling. */
import { z } from 'zod';

export const samplingSchema = z.object({
  rounds: z.number().int().min(0),
  /** fixed: ran `repetitions` rounds; resolved: every difference resolved; budget: the time budget ended first. */
  stop: z.enum(['fixed', 'resolved', 'budget']),
  unresolved: z.number().int().min(0),
  budgetSeconds: z.number().nullable(),
  elapsedMs: z.number().min(0),
  /** Auto-sampling: how many times the comparison was judged (see sequential.ts); absent for fixed rounds. */
  looks: z.number().int().min(1).optional(),
  /** The confidence level of the reported intervals (below the suite's 95% when auto-sampling looked more than once). */
  level: z.number().gt(0).lt(1).optional(),
});
export type Sampling = z.infer<typeof samplingSchema>;
