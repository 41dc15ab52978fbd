/**
 * Performance drift: the model's errors, once labels arrive, and an estimate of its accuracy
 * before they do.
 *
 * DDM, the drift detection method of Gama, Medas, Castillo & Rodrigues 2004 (SBIA, LNCS
 * 3171:286): over the error stream eᵢ ∈ {0, 1} (decision ≠ label), pᵢ = running error rate,
 * sᵢ = √(pᵢ(1 − pᵢ)/i); it keeps the minimum of pᵢ + sᵢ and signals drift when
 * pᵢ + sᵢ ≥ p_min + 3·s_min (after 30 errors seen), then restarts. Labels of query q reach it at
 * query q + delay, so its alarm times include the label delay.
 *
 * CBPE, confidence-based performance estimation (NannyML): with calibrated probabilities p, the
 * expected accuracy of decision 1[p ≥ ½] is the mean of max(p, 1 − p). Scores are calibrated
 * on the labelled reference by histogram binning (Zadrozny & Elkan 2001, ICML): p is replaced by
 * the positive rate of its reference quantile bin.
 */
import { binCounts, quantileEdges, sortedCopy } from './drift-stats.ts';

/** A decision (1[score ≥ ½]) against its label: an error when they differ. */
export const isError = (decision: number, label: number): boolean => decision !== (label >= 0.5 ? 1 : 0);

const DDM_MIN_ERRORS = 30;
const DDM_DRIFT_SDS = 3;

/** Queries (0-based, when the label arrived) where DDM signalled drift. */
export function ddmAlarms(decisions: readonly number[], labels: readonly number[], labelDelay: number): number[] {
  const alarms: number[] = [];
  let n = 0;
  let errors = 0;
  let best = Number.POSITIVE_INFINITY;
  let bestP = 0;
  let bestS = 0;
  for (let q = 0; q < labels.length; q++) {
    const arrives = q + labelDelay;
    if (arrives >= labels.length) break;
    if (!Number.isFinite(decisions[q]!)) continue;
    n++;
    if (isError(decisions[q]!, labels[q]!)) errors++;
    const p = errors / n;
    const s = Math.sqrt((p * (1 - p)) / n);
    if (n < DDM_MIN_ERRORS) continue;
    if (p + s < best) {
      best = p + s;
      bestP = p;
      bestS = s;
    }
    if (p + s >= bestP + DDM_DRIFT_SDS * bestS && bestS > 0) {
      alarms.push(arrives);
      n = 0;
      errors = 0;
      best = Number.POSITIVE_INFINITY;
    }
  }
  return alarms;
}

/** Histogram-binning calibration of scores from a labelled reference. */
export function calibrator(referenceScores: readonly number[], referenceLabels: readonly number[], bins: number): (score: number) => number {
  const pairs = referenceScores.map((s, i) => [s, referenceLabels[i]!] as const).filter(([s]) => Number.isFinite(s));
  const edges = quantileEdges(sortedCopy(pairs.map(([s]) => s)), bins);
  const positives = new Array<number>(edges.length + 1).fill(0);
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const [s, y] of pairs) {
    const bin = binCounts([s], edges).indexOf(1);
    counts[bin]! += 1;
    positives[bin]! += y >= 0.5 ? 1 : 0;
  }
  const rate = counts.map((c, b) => (positives[b]! + 0.5) / (c + 1));
  return (score) => rate[binCounts([score], edges).indexOf(1)]!;
}

/** CBPE's estimated accuracy of decisions 1[score ≥ ½] over `scores`, and the realised one from `labels`. */
export function cbpeAccuracy(scores: readonly number[], labels: readonly number[], calibrated: (score: number) => number): { estimated: number; realised: number } {
  let estimated = 0;
  let correct = 0;
  let n = 0;
  scores.forEach((s, i) => {
    if (!Number.isFinite(s)) return;
    const p = calibrated(s);
    const decision = s >= 0.5 ? 1 : 0;
    estimated += decision === 1 ? p : 1 - p;
    correct += decision === (labels[i]! >= 0.5 ? 1 : 0) ? 1 : 0;
    n++;
  });
  return { estimated: estimated / n, realised: correct / n };
}

/**
 * CBPE's AUC without labels: with calibrated P(yᵢ = 1) = pᵢ, the expected share of
 * (positive, negative) pairs ranked right, Σᵢ pᵢ·Σ_{j: sⱼ < sᵢ}(1 − pⱼ) / Σᵢ pᵢ·Σ_{j≠i}(1 − pⱼ) (ties ½),
 * beside the realised AUC (Mann–Whitney) from the labels. Sorted once: O(n log n).
 */
export function cbpeAuc(scores: readonly number[], labels: readonly number[], calibrated: (score: number) => number): { estimated: number; realised: number } | null {
  const rows = scores.map((s, i) => ({ s, p: calibrated(s), y: labels[i]! >= 0.5 ? 1 : 0 })).filter((r) => Number.isFinite(r.s)).sort((a, b) => a.s - b.s);
  const positives = rows.reduce((a, r) => a + r.y, 0);
  if (positives === 0 || positives === rows.length) return null;
  let expectedRight = 0;
  let expectedPairs = 0;
  let realisedRight = 0;
  let negativesBelow = 0;
  let expectedNegativesBelow = 0;
  const totalExpectedNegatives = rows.reduce((a, r) => a + (1 - r.p), 0);
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j < rows.length && rows[j]!.s === rows[i]!.s) j++;
    const tie = rows.slice(i, j);
    const tieNegatives = tie.reduce((a, r) => a + (1 - r.y), 0);
    const tieExpectedNegatives = tie.reduce((a, r) => a + (1 - r.p), 0);
    for (const r of tie) {
      expectedRight += r.p * (expectedNegativesBelow + (tieExpectedNegatives - (1 - r.p)) / 2);
      expectedPairs += r.p * (totalExpectedNegatives - (1 - r.p));
      if (r.y === 1) realisedRight += negativesBelow + tieNegatives / 2;
    }
    negativesBelow += tieNegatives;
    expectedNegativesBelow += tieExpectedNegatives;
    i = j;
  }
  return { estimated: expectedRight / expectedPairs, realised: realisedRight / (positives * (rows.length - positives)) };
}
