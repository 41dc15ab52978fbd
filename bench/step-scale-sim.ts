/**
 * The step-scale design, simulated on real step residuals: one job holds both models in one
 * worker and runs its steps in ABBA blocks; each block gives ln(B / A) of its four steps, the
 * job's value is the mean over its blocks (a blocked estimate: drift slower than a block cancels
 * inside it), and jobs are the independent units — a t interval over the jobs' values, so a
 * job-to-job change in the effect widens the interval instead of being ignored (a two-level,
 * blocks-within-jobs estimate). Auto-sampled like a comparison: looks at 3, 5, 8, … jobs, each
 * at the spending rule's level, stopping once the verdict is resolved.
 */
import { nextLookRound, spendLook, startSpending, type SpendingRule } from '../src/core/compare/index.ts';
import { ROUNDS_DEFAULTS, STATS_DEFAULTS } from '../src/core/defaults.ts';
import type { Rng } from '../src/core/random.ts';
import { judgeLogRatios, type StepScaleVerdict } from '../src/core/compare/step-scale.ts';
import { stepScaleBlocks, type StepResiduals } from './step-residuals.ts';

export function runStepScale(
  residuals: StepResiduals,
  rng: Rng,
  slowdown: number,
  budgetSeconds: number,
  threshold: string,
  rule: SpendingRule,
  contextMs: number,
): StepScaleVerdict {
  const thresholdRelative = Number.parseFloat(threshold) / 100;
  const blocks = Math.floor(residuals.jobStepsMs[0]!.length / 4);
  // One job: a fresh context, one TTFB, and as many steps as a single-model job of the fixture.
  const jobMs = residuals.jobWallMs + contextMs;
  const budgetMs = budgetSeconds * 1000;
  const planned = Math.max(ROUNDS_DEFAULTS.minAutoSamplingRounds, Math.min(ROUNDS_DEFAULTS.maxRounds, Math.floor(budgetMs / jobMs)));
  let state = startSpending(rule, STATS_DEFAULTS.level, planned);
  const values: number[] = [];
  const addJob = (): void => {
    const logs = stepScaleBlocks(residuals, rng, slowdown, blocks);
    values.push(logs.reduce((s, x) => s + x, 0) / logs.length);
  };
  for (let j = 0; j < 3; j++) addJob();
  let lookAt = 3;
  for (;;) {
    const canGoOn = (values.length + 1) * jobMs <= budgetMs && values.length < (rule === 'obrien-fleming' ? planned : ROUNDS_DEFAULTS.maxRounds);
    const next = spendLook(state, values.length, !canGoOn);
    state = next.state;
    const judged = judgeLogRatios(values, 1 - next.alpha, thresholdRelative);
    if (judged.verdict !== 'unresolved' || !canGoOn) return { ...judged, elapsedMs: values.length * jobMs, jobs: values.length };
    lookAt = nextLookRound(lookAt);
    while (values.length < lookAt && (values.length + 1) * jobMs <= budgetMs) addJob();
  }
}
