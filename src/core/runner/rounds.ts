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
import type { ResolvedVariant } from '../compare/suite.ts';
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
  const autoSample = plan.budgetSeconds !== null;
  const initialRounds = autoSample ? Math.max(ROUNDS_DEFAULTS.minAutoSamplingRounds, plan.repetitions) : plan.repetitions;
  const run = new Rounds(plan, context);
  context.progress.setTotal(initialRounds * plan.variants.length, autoSample);
  for (let round = 0; round < initialRounds; round++) await run.round(round);
  if (plan.budgetSeconds === null) {
    const comparison = run.look(initialRounds, true);
    return { results: run.results, comparison, sampling: samplingOf(comparison, initialRounds, 'fixed', null, run.elapsedMs(), null) };
  }
  return run.autoSample(initialRounds, plan.budgetSeconds * 1000);
}

/** One suite's rounds: the results so far, the α spent, and the steps (a round, a look, the auto-sampling loop). */
class Rounds {
  readonly results: SuiteJobResult[] = [];
  // Auto-sampling judges the comparison at several looks; each look's intervals are wider so
  // that all looks together keep the 95% level (src/core/compare/sequential.ts).
  private spending: SpendingState | null = null;
  private readonly startedMs: number;

  constructor(
    private readonly plan: RoundsPlan,
    private readonly context: RunnerContext,
  ) {
    this.startedMs = context.now();
  }

  elapsedMs(): number {
    return this.context.now() - this.startedMs;
  }

  /** Every variant once, in this round's order (A B, B A, …). */
  async round(round: number): Promise<void> {
    const { plan, context } = this;
    for (const variantIndex of roundOrder(plan.variants.length, round)) {
      this.stopIfCancelled();
      const variant = plan.variants[variantIndex]!;
      const label = `${plan.labelPrefix ?? ''}${variant.name} #${round + 1}`;
      const host = context.hostInfo();
      const result = await context.runJob(variant.spec, { label, variant: variant.name, variantIndex, round });
      this.results.push({ ...result, variant: variant.name, repetition: round, ...(host ? { host } : {}) });
    }
    this.stopIfCancelled();
    plan.onRound?.(this.results);
  }

  /** The comparison after `rounds`, at the level this look may spend. */
  look(rounds: number, final: boolean): Comparison {
    let level: number = STATS_DEFAULTS.level;
    if (this.spending) {
      const spent = spendLook(this.spending, rounds, final);
      this.spending = spent.state;
      level = 1 - spent.alpha;
    }
    return compareVariants(groupByVariant(this.results), {
      metrics: this.plan.metrics,
      threshold: this.plan.threshold,
      level,
      paired: true,
      ...(this.plan.baseline !== undefined ? { baseline: this.plan.baseline } : {}),
    });
  }

  /** Rounds until every difference is resolved or one more round would overrun the budget, judged at the spending rule's looks. */
  async autoSample(initialRounds: number, budgetMs: number): Promise<RoundsOutcome> {
    const rule = this.plan.spending ?? ROUNDS_DEFAULTS.spendingRule;
    // The rounds the budget holds at the pace of the first ones: the information fraction's denominator.
    const plannedRounds = Math.max(initialRounds, Math.min(ROUNDS_DEFAULTS.maxRounds, Math.floor(budgetMs / (this.elapsedMs() / initialRounds))));
    this.spending = startSpending(rule, STATS_DEFAULTS.level, plannedRounds);
    const lastRound = rule === 'obrien-fleming' ? plannedRounds : ROUNDS_DEFAULTS.maxRounds;
    let rounds = initialRounds;
    let comparison = this.look(rounds, rounds >= lastRound);
    let lookRound = rounds;
    while (!comparison.resolved && rounds < lastRound) {
      const nextLook = Math.min(nextLookRound(lookRound), lastRound);
      this.context.progress.setTotal(nextLook * this.plan.variants.length, true);
      this.context.progress.note(`${this.plan.labelPrefix ?? ''}auto-sampling: ${unresolvedCount(comparison)} differences unresolved after ${rounds} rounds; next look after round ${nextLook}`);
      let budgetEnded = false;
      for (; rounds < nextLook; rounds++) {
        // Stop when one more round (at the mean round time so far) would overrun the budget.
        const elapsedMs = this.elapsedMs();
        if (elapsedMs + elapsedMs / rounds > budgetMs) {
          budgetEnded = true;
          break;
        }
        await this.round(rounds);
      }
      // The harmonic rule has nothing to gain from judging the same rounds again; a spending
      // function spends what is left at the last look, new rounds or not.
      if (rounds > lookRound || (budgetEnded && rule === 'obrien-fleming')) {
        comparison = this.look(rounds, budgetEnded || rounds >= lastRound);
        lookRound = rounds;
      }
      if (budgetEnded) break;
    }
    const stop: Sampling['stop'] = comparison.resolved ? 'resolved' : 'budget';
    return { results: this.results, comparison, sampling: samplingOf(comparison, rounds, stop, budgetMs / 1000, this.elapsedMs(), this.spending) };
  }

  private stopIfCancelled(): void {
    if (this.context.signal?.aborted) throw new RunCancelledError(this.results.length);
  }
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
