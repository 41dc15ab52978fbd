/**
 * Auto-sampling looks at a comparison several times and stops at the first look where every
 * difference is resolved. Judging each look at a plain 95% would let two identical configurations
 * come out "faster" or "slower" far more often than 5% of the time: every look is another chance
 * for a false positive (Armitage, McPherson & Rowe 1969, J. R. Stat. Soc. A 132:235).
 *
 * So each look k spends part of the error rate α = 1 − level and builds its intervals at
 * 1 − α_k, with Σ α_k ≤ α over the whole run: by Bonferroni's inequality every interval of the
 * sequence covers the true difference at once with probability ≥ level, so the interval reported
 * when sampling stops is a valid `level` interval however many looks it took.
 *
 * How α is spread over the looks (`SpendingRule`):
 *  - `obrien-fleming` (the default): the Lan–DeMets spending function of O'Brien–Fleming type
 *    (Lan & DeMets 1983, Biometrika 70:659, eq. 3), α(t) = 2 − 2 Φ(z_{1−α/2} / √t), over the
 *    information fraction t = rounds / planned rounds, where the planned rounds are what the
 *    budget holds at the pace of the first rounds. Look k spends α(t_k) − α(t_{k−1}); the last
 *    look (the budget spent) spends all that is left. Early looks get little (they stop only on
 *    large effects), the looks with the most data get almost all of α.
 *  - `harmonic`: α_k = α / (k (k + 1)), open-ended (no plan needed), half of α at the first look.
 *    Kept as the yardstick: at the same budget and family-wise error it had less power where the
 *    data is (bench/sequential-power.ts; docs/measurement.md).
 *
 * Looks happen at rounds that grow geometrically (3, 5, 8, 12, 18, 27, …): fewer looks spend
 * less per look, and a look after one more round says little the previous one did not.
 */
import { assertNever } from '../assert.ts';
import { normalCdf, normalQuantile } from '../stats/distributions.ts';

export const SPENDING_RULES = ['obrien-fleming', 'harmonic'] as const;
export type SpendingRule = (typeof SPENDING_RULES)[number];

/** Growth factor of the look schedule. */
export const LOOK_GROWTH = 1.5;

/**
 * The smallest α a look is given: the t quantile cannot be evaluated nearer 1 than this, and an
 * interval at 1 − 1e-12 on a handful of rounds is unbounded in practice. What it adds is counted
 * as spent, so Σ α_k ≤ α still holds.
 */
export const MIN_LOOK_ALPHA = 1e-12;

/** α_k = α / (k (k + 1)) for look k ≥ 1; Σ_k α_k = α (the harmonic rule). */
export function lookAlpha(level: number, look: number): number {
  checkLevel('lookAlpha', level);
  if (!Number.isInteger(look) || look < 1) throw new RangeError(`lookAlpha: look must be an integer ≥ 1, got ${look}`);
  return (1 - level) / (look * (look + 1));
}

/** The confidence level of look k's intervals under the harmonic rule. */
export function lookLevel(level: number, look: number): number {
  return 1 - lookAlpha(level, look);
}

/** Lan–DeMets O'Brien–Fleming-type spending: α spent by information fraction t ∈ (0, 1]. */
export function obrienFlemingSpent(level: number, fraction: number): number {
  checkLevel('obrienFlemingSpent', level);
  if (!(fraction > 0)) throw new RangeError(`obrienFlemingSpent: fraction must be > 0, got ${fraction}`);
  const t = Math.min(1, fraction);
  return 2 - 2 * normalCdf(normalQuantile(1 - (1 - level) / 2) / Math.sqrt(t));
}

/** Where a run stands in spending its α: one per auto-sampled comparison. */
export interface SpendingState {
  readonly rule: SpendingRule;
  readonly level: number;
  /** Rounds the budget holds (the information fraction's denominator); harmonic ignores it. */
  readonly plannedRounds: number;
  /** Looks taken and α spent by them. */
  readonly looks: number;
  readonly spentAlpha: number;
}

export function startSpending(rule: SpendingRule, level: number, plannedRounds: number): SpendingState {
  checkLevel('startSpending', level);
  if (!(plannedRounds >= 1)) throw new RangeError(`startSpending: plannedRounds must be ≥ 1, got ${plannedRounds}`);
  return { rule, level, plannedRounds, looks: 0, spentAlpha: 0 };
}

/**
 * The next look's α at `rounds` rounds (`final`: no look follows, spend the rest) and the state
 * after it. Under `obrien-fleming` a look at ≥ the planned rounds is the last: nothing is left after it.
 */
export function spendLook(state: SpendingState, rounds: number, final: boolean): { alpha: number; state: SpendingState } {
  const total = 1 - state.level;
  const left = total - state.spentAlpha;
  let alpha: number;
  switch (state.rule) {
    case 'harmonic':
      alpha = lookAlpha(state.level, state.looks + 1);
      break;
    case 'obrien-fleming':
      // At the planned rounds the look is the last one whatever the caller says (α(1) = α).
      alpha = final || rounds >= state.plannedRounds ? left : obrienFlemingSpent(state.level, rounds / state.plannedRounds) - state.spentAlpha;
      break;
    default:
      return assertNever(state.rule, 'spending rule');
  }
  alpha = Math.min(left, Math.max(alpha, MIN_LOOK_ALPHA));
  if (!(alpha > 0)) throw new RangeError(`spendLook: no α left after ${state.looks} looks`);
  return { alpha, state: { ...state, looks: state.looks + 1, spentAlpha: state.spentAlpha + alpha } };
}

/** The round of the look after one at `round`: ×LOOK_GROWTH, at least one round later. */
export function nextLookRound(round: number): number {
  return Math.max(round + 1, Math.round(round * LOOK_GROWTH));
}

function checkLevel(where: string, level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${where}: level must be in (0, 1), got ${level}`);
}
