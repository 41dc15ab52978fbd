/** Outlier flags. Flags only: data is never dropped or changed. */
import { STATS_DEFAULTS } from '../defaults.ts';
import { median } from './describe.ts';
import { checkSamples } from './validate.ts';

/**
 * Flags x_i whose modified z-score |0.6745·(x_i − median) / MAD| exceeds `threshold`
 * (default 3.5), Iglewicz & Hoaglin (1993), "How to Detect and Handle Outliers", §3.
 * MAD is the raw median absolute deviation median(|x_i − median|), not scaled by 1.4826
 * (0.6745 ≈ 1/1.4826 does that in the score). MAD = 0 (over half the values equal) gives no
 * flags, since the score is undefined. Returns the flagged indices in ascending order.
 */
export function madOutliers(
  xs: readonly number[],
  threshold?: number,
): { indices: number[]; mad: number } {
  const cutoff = threshold ?? STATS_DEFAULTS.madThreshold;
  checkSamples('madOutliers', xs, 1);
  if (typeof cutoff !== 'number' || !(cutoff > 0 && Number.isFinite(cutoff))) {
    throw new Error(`madOutliers needs a positive finite threshold (3.5 is usual), got ${String(cutoff)}`);
  }
  const centre = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - centre)));
  const indices: number[] = [];
  if (mad === 0) return { indices, mad };
  xs.forEach((x, i) => {
    if (Math.abs((0.6745 * (x - centre)) / mad) > cutoff) indices.push(i);
  });
  return { indices, mad };
}
