/**
 * Interleaved rounds, the loop every job suite runs: one job of each variant per round, in the
 * order A B, B A, … (roundOrder), then — when a budget is given — more rounds until every
 * difference is resolved or the budget would be overrun, judging the comparison at looks whose
 * intervals spend the error rate across looks (lookLevel, nextLookRound).
 */
import {
  compareVariants,
  groupByVariant,
  lookLevel,
  nextLookRound,
  roundOrder,
  type Comparison,
  type MetricId,
  type Sampling,
  type SuiteJobResult,
  type Threshold,
} from '../compare/index.ts';
import { ROUNDS_DEFAULTS } from '../defaults.ts';
import { STATS_DEFAULTS } from '../stats/index.ts';
import type { ResolvedVariant } from '../suite.ts';
import { RunCancelledError, type RunnerContext } from './context.ts';

export interface RoundsPlan {
  readonly variants: readonly ResolvedVariant[];
  /** The metrics the comparison (and auto-sampling) judges. */
  readonly metrics: readonly MetricId[];
  /** The variant the others are compared with; default the first. */
  readonly baseline?: string | undefined;
  readonly threshold: Threshold;
  /** Rounds to run (auto-sampling runs at least ROUNDS_DEFAULTS.minAutoSamplingRounds first). */
  readonly repetitions: number;
  /** Auto-sampling budget; null runs `repetitions` rounds. */
  readonly budgetSeconds: number | null;
  /** Put before every job's label ("4/30 A/B: "). */
  readonly labelPrefix?: string;
  /** Called with every result so far after each round. */
  readonly onRound?: (results: readonly SuiteJobResult[]) => void;
}

export interface RoundsOutcome {
  readonly results: SuiteJobResult[];
  /** The comparison of the last look. */
  readonly comparison: Comparison;
  readonly sampling: Sampling;
}

export function unresolvedCount(comparison: Comparison): number {
  return comparison.metrics.reduce((n, m) => n + m.differences.filter((d) => d.verdict === 'unresolved' && d.thresholdApplies).length, 0);
}

export async function runRounds(plan: RoundsPlan, context: RunnerContext): Promise<RoundsOutcome> {
  const { variants } = plan;
  const autoSample = plan.budgetSeconds !== null;
  const initialRounds = autoSample ? Math.max(ROUNDS_DEFAULTS.minAutoSamplingRounds, plan.repetitions) : plan.repetitions;
  const results: SuiteJobResult[] = [];
  // Auto-sampling judges the comparison at several looks; each look's intervals are wider so
  // that all looks together keep the 95% level (src/core/compare/sequential.ts).
  let looks = 0;
  const look = (): Comparison => {
    looks++;
    const level = autoSample ? lookLevel(STATS_DEFAULTS.level, looks) : STATS_DEFAULTS.level;
    return compareVariants(groupByVariant(results), {
      metrics: plan.metrics,
      threshold: plan.threshold,
      level,
      paired: true,
      ...(plan.baseline !== undefined ? { baseline: plan.baseline } : {}),
    });
  };
  const stopIfCancelled = (): void => {
    if (context.signal?.aborted) throw new RunCancelledError(results.length);
  };

  const startedMs = context.now();
  context.progress.setTotal(initialRounds * variants.length, autoSample);
  const runRound = async (round: number): Promise<void> => {
    for (const variantIndex of roundOrder(variants.length, round)) {
      stopIfCancelled();
      const variant = variants[variantIndex]!;
      const label = `${plan.labelPrefix ?? ''}${variant.name} #${round + 1}`;
      const host = context.hostInfo();
      const result = await context.runJob(variant.spec, { label, variant: variant.name, variantIndex, round });
      results.push({ ...result, variant: variant.name, repetition: round, ...(host ? { host } : {}) });
    }
    stopIfCancelled();
    plan.onRound?.(results);
  };
  let rounds = 0;
  for (; rounds < initialRounds; rounds++) await runRound(rounds);
  let comparison = look();
  let stop: Sampling['stop'] = 'fixed';
  if (plan.budgetSeconds !== null) {
    const budgetMs = plan.budgetSeconds * 1000;
    const { maxRounds } = ROUNDS_DEFAULTS;
    let lookRound = rounds;
    while (!comparison.resolved && rounds < maxRounds) {
      const nextLook = Math.min(nextLookRound(lookRound), maxRounds);
      context.progress.setTotal(nextLook * variants.length, true);
      context.progress.note(
        `${plan.labelPrefix ?? ''}auto-sampling: ${unresolvedCount(comparison)} differences unresolved after ${rounds} rounds; next look after round ${nextLook}`,
      );
      let budgetEnded = false;
      while (rounds < nextLook) {
        const elapsedMs = context.now() - startedMs;
        // Stop when one more round (at the mean round time so far) would overrun the budget.
        if (elapsedMs + elapsedMs / rounds > budgetMs) {
          budgetEnded = true;
          break;
        }
        await runRound(rounds);
        rounds++;
      }
      if (rounds > lookRound) {
        comparison = look();
        lookRound = rounds;
      }
      if (budgetEnded) break;
    }
    stop = comparison.resolved ? 'resolved' : 'budget';
  }
  const sampling: Sampling = {
    rounds,
    stop,
    unresolved: unresolvedCount(comparison),
    budgetSeconds: plan.budgetSeconds,
    elapsedMs: context.now() - startedMs,
    ...(autoSample ? { looks, level: comparison.level } : {}),
  };
  return { results, comparison, sampling };
}
