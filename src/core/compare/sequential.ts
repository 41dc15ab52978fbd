/**
 * Auto-sampling looks at a comparison several times and stops at the first look where every
 * difference is resolved. Judging each look at a plain 95% would let two identical configurations
 * come out "faster" or "slower" far more often than 5% of the time: every look is another chance
 * for a false positive (Armitage, McPherson & Rowe 1969, J. R. Stat. Soc. A 132:235).
 *
 * So each look spends part of the error rate α = 1 − level: look k (1-based) builds its intervals
 * at level 1 − α_k with α_k = α / (k (k + 1)). The α_k sum to α over any number of looks, so by
 * Bonferroni's inequality every interval of the whole sequence covers the true difference at once
 * with probability ≥ level: the interval reported when sampling stops is a valid `level` interval
 * however many looks it took (an alpha-spending function in the sense of Lan & DeMets 1983,
 * Biometrika 70:659, with no maximum number of looks to fix in advance).
 *
 * Looks happen at rounds that grow geometrically (3, 5, 8, 12, 18, 27, …): fewer looks spend
 * less per look, and a look after one more round says little the previous one did not.
 */

/** Growth factor of the look schedule. */
export const LOOK_GROWTH = 1.5;

/** α_k = α / (k (k + 1)) for look k ≥ 1; Σ_k α_k = α. */
export function lookAlpha(level: number, look: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`lookAlpha: level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(look) || look < 1) throw new RangeError(`lookAlpha: look must be an integer ≥ 1, got ${look}`);
  return (1 - level) / (look * (look + 1));
}

/** The confidence level of look k's intervals. */
export function lookLevel(level: number, look: number): number {
  return 1 - lookAlpha(level, look);
}

/** The round of the look after one at `round`: ×LOOK_GROWTH, at least one round later. */
export function nextLookRound(round: number): number {
  return Math.max(round + 1, Math.round(round * LOOK_GROWTH));
}
