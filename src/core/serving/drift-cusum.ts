/**
 * A Bernoulli CUSUM on the error stream (Page 1954, Biometrika 41:100; for Bernoulli data Reynolds
 * & Stoumbos 1999, J. Quality Technology 31:87): errors eᵢ ∈ {0, 1} (decision ≠ label) in the order
 * their labels arrive; in control the error rate is p₀, read off the labelled reference; the change
 * it is tuned to find is p₁ = p₀ + `increase`. With the log-likelihood ratio of each error,
 *   Sᵢ = max(0, Sᵢ₋₁ + eᵢ·ln(p₁/p₀) + (1 − eᵢ)·ln((1 − p₁)/(1 − p₀))),
 * it alarms when Sᵢ > h and starts again from 0. p₀ is the upper 95% bound of the reference's rate
 * (see referenceErrorRate). Where DDM's "3 SDs" has no stated false-alarm rate,
 * h here is calibrated by simulation to a configured expected run time (ERT, in labelled queries)
 * without drift: seeded Bernoulli(p₀) paths, each path's first passage over h read off its record
 * highs, h the smallest whose mean run length reaches the ERT (a path that never passes counts as
 * its cap, so the estimate is low and h errs high). The report measures the ERT it achieves.
 */
import { createRng } from '../random.ts';
import { isError } from './drift-performance.ts';

export interface CusumDesign {
  /** In-control error rate (the reference's) and the rate the CUSUM is tuned to find. */
  readonly p0: number;
  readonly p1: number;
  /** Alarm threshold h on S. */
  readonly threshold: number;
  readonly ertQueries: number;
}

/** Simulated paths and their length in ERTs: 120 paths of 3 ERTs (a truncated mean ≈ 0.95 ERT for a geometric run length). */
const CALIBRATION = { paths: 120, capErts: 3, seed: 20_250_601 } as const;

/** The increments of S for an error and for a correct decision. */
function increments(p0: number, p1: number): { error: number; correct: number } {
  return { error: Math.log(p1 / p0), correct: Math.log((1 - p1) / (1 - p0)) };
}

/** One-sided 95% normal quantile, for the upper bound of the reference's error rate. */
const Z_UPPER_95 = 1.6448536269514722;

/**
 * The in-control error rate the CUSUM is designed for: the upper one-sided 95% Wilson bound of
 * the reference's error rate of decisions 1[score ≥ ½]. The run length without drift is very
 * sensitive to p₀ (at the defaults, p₀ one standard error above the estimate halves it), so
 * the design takes the rate the reference cannot rule out, and the ERT holds for any true rate below it.
 */
export function referenceErrorRate(decisions: readonly number[], labels: readonly number[]): { estimate: number; upper: number; n: number } {
  let n = 0;
  let errors = 0;
  decisions.forEach((d, i) => {
    if (!Number.isFinite(d)) return;
    n++;
    if (isError(d, labels[i]!)) errors++;
  });
  if (n === 0) throw new RangeError('referenceErrorRate: the reference has no finite decision');
  const p = errors / n;
  const z2 = Z_UPPER_95 * Z_UPPER_95;
  const upper = (p + z2 / (2 * n) + Z_UPPER_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { estimate: p, upper: Math.min(upper, 1 - 0.5 / n), n };
}

const designs = new Map<string, CusumDesign>();

/** h for an in-control error rate `p0`, tuned to p0 + `increase`, calibrated to `ertQueries` (remembered per design). */
export function calibrateCusum(p0: number, increase: number, ertQueries: number): CusumDesign {
  const p1 = p0 + increase;
  if (!(p0 > 0 && p0 < 1) || !(increase > 0) || !(p1 < 1)) {
    throw new RangeError(`calibrateCusum: needs 0 < p0 < p0 + increase < 1, got p0 ${p0}, increase ${increase}`);
  }
  const key = `${p0} ${increase} ${ertQueries}`;
  const known = designs.get(key);
  if (known) return known;
  const design = { p0, p1, threshold: thresholdFor(recordHighs(p0, p1, ertQueries), ertQueries * CALIBRATION.capErts, ertQueries), ertQueries };
  designs.set(key, design);
  return design;
}

/** Each simulated path's record highs of S: [time, S] whenever S passes its maximum so far. */
function recordHighs(p0: number, p1: number, ertQueries: number): Float64Array[] {
  const { error, correct } = increments(p0, p1);
  const rng = createRng(CALIBRATION.seed);
  const cap = ertQueries * CALIBRATION.capErts;
  const paths: Float64Array[] = [];
  for (let path = 0; path < CALIBRATION.paths; path++) {
    const records: number[] = [];
    let s = 0;
    let high = 0;
    for (let t = 1; t <= cap; t++) {
      s = Math.max(0, s + (rng.next() < p0 ? error : correct));
      if (s > high) {
        high = s;
        records.push(t, s);
      }
    }
    paths.push(Float64Array.from(records));
  }
  return paths;
}

/** Mean first-passage time over h of the paths (a path that never passes counts as `cap`). */
function meanRunLength(paths: readonly Float64Array[], h: number, cap: number): number {
  let total = 0;
  for (const records of paths) {
    let at = cap;
    for (let i = 1; i < records.length; i += 2) {
      if (records[i]! > h) {
        at = records[i - 1]!;
        break;
      }
    }
    total += at;
  }
  return total / paths.length;
}

/** The smallest h (to 1e-6) whose simulated mean run length reaches the ERT, by bisection (the run length grows with h). */
function thresholdFor(paths: readonly Float64Array[], cap: number, ertQueries: number): number {
  let low = 0;
  let high = Math.max(1e-9, ...paths.map((records) => records[records.length - 1] ?? 0));
  if (meanRunLength(paths, high, cap) < ertQueries) return high;
  while (high - low > 1e-6) {
    const mid = (low + high) / 2;
    if (meanRunLength(paths, mid, cap) >= ertQueries) high = mid;
    else low = mid;
  }
  return high;
}

/** Queries (0-based, when the label arrived) where the CUSUM alarmed. */
export function cusumAlarms(decisions: readonly number[], labels: readonly number[], labelDelay: number, design: CusumDesign): number[] {
  const { error, correct } = increments(design.p0, design.p1);
  const alarms: number[] = [];
  let s = 0;
  for (let q = 0; q + labelDelay < labels.length; q++) {
    if (!Number.isFinite(decisions[q]!)) continue;
    s = Math.max(0, s + (isError(decisions[q]!, labels[q]!) ? error : correct));
    if (s > design.threshold) {
      alarms.push(q + labelDelay);
      s = 0;
    }
  }
  return alarms;
}
