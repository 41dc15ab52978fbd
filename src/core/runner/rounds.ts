/**
 * Interleaved rounds, the loop every job suite runs: one job of each variant per round, in the
 * order A B, B A, … (roundOrder), then — when a budget is given — more rounds until every
 * difference is resolved or the budget would be overrun, judging the comparison at looks whose
 * intervals spend the error rate across looks (lookLevel, nextLookRound).
 */
import {
  compareVariants,
  groupByVariant,
  nextLookRound,
  spendLook,
  startSpending,
  type SpendingRule,
  type SpendingState,
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
  /** How auto-sampling spreads α over its looks; default ROUNDS_DEFAULTS.spendingRule. */
  readonly spending?: SpendingRule;
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
  let spending: SpendingState | null = null;
  const look = (rounds: number, final: boolean): Comparison => {
    let level: number = STATS_DEFAULTS.level;
    if (spending) {
      const spent = spendLook(spending, rounds, final);
      spending = spent.state;
      level = 1 - spent.alpha;
    }
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
  if (plan.budgetSeconds === null) {
    const comparison = look(rounds, true);
    return { results, comparison, sampling: samplingOf(comparison, rounds, 'fixed', plan.budgetSeconds, context.now() - startedMs, null) };
  }
  const budgetMs = plan.budgetSeconds * 1000;
  const rule = plan.spending ?? ROUNDS_DEFAULTS.spendingRule;
  // The rounds the budget holds at the pace of the first ones: the information fraction's denominator.
  const plannedRounds = Math.max(initialRounds, Math.min(ROUNDS_DEFAULTS.maxRounds, Math.floor(budgetMs / ((context.now() - startedMs) / rounds))));
  spending = startSpending(rule, STATS_DEFAULTS.level, plannedRounds);
  const lastRound = rule === 'obrien-fleming' ? plannedRounds : ROUNDS_DEFAULTS.maxRounds;
  let comparison = look(rounds, rounds >= lastRound);
  let lookRound = rounds;
  while (!comparison.resolved && rounds < lastRound) {
    const nextLook = Math.min(nextLookRound(lookRound), lastRound);
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
    // The harmonic rule has nothing to gain from judging the same rounds again; a spending
    // function spends what is left at the last look, new rounds or not.
    if (rounds > lookRound || (budgetEnded && rule === 'obrien-fleming')) {
      comparison = look(rounds, budgetEnded || rounds >= lastRound);
      lookRound = rounds;
    }
    if (budgetEnded) break;
  }
  const stop: Sampling['stop'] = comparison.resolved ? 'resolved' : 'budget';
  return { results, comparison, sampling: samplingOf(comparison, rounds, stop, plan.budgetSeconds, context.now() - startedMs, spending) };
}

function samplingOf(
  comparison: Comparison,
  rounds: number,
  stop: Sampling['stop'],
  budgetSeconds: number | null,
  elapsedMs: number,
  spending: SpendingState | null,
): Sampling {
  return {
    rounds,
    stop,
    unresolved: unresolvedCount(comparison),
    budgetSeconds,
    elapsedMs,
    ...(spending ? { looks: spending.looks, level: comparison.level } : {}),
  };
}
