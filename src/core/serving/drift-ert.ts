/**
 * Calibrates a sequential detector's threshold to a configured expected run time (ERT) without
 * drift, by simulation: the statistic's null path is cut into blocks of b queries (b ≫ the
 * detector's memory, so block maxima are nearly independent); a threshold h exceeded in a
 * fraction q of blocks gives a first alarm after E[T] ≈ b/q − b/2 queries, so q = b/(ERT + b/2).
 * With at least 10 blocks expected over h, h is their empirical quantile; beyond that, a Gumbel
 * fitted to the block maxima by moments extrapolates (Fisher–Tippett 1928; Coles 2001, An
 * Introduction to Statistical Modeling of Extreme Values, §3.1–3.3). The ERT actually reached
 * is measured on fresh null streams (bench/drift/detectors.ts), not assumed.
 */

export interface ErtCalibration {
  readonly threshold: number;
  readonly blockQueries: number;
  readonly blocks: number;
  /** 'empirical' quantile of the block maxima, or 'gumbel' extrapolation. */
  readonly method: 'empirical' | 'gumbel';
  readonly simulatedQueries: number;
}

/** `nextNull` gives the statistic's next value on a simulated null stream (null while it warms up). */
export function calibrateToErt(nextNull: () => number | null, ert: number, blockQueries: number, blocks: number): ErtCalibration {
  if (!(ert > blockQueries)) throw new RangeError(`ert must exceed the calibration block of ${blockQueries} queries, got ${ert}`);
  let warm = 0;
  while (nextNull() === null) if (++warm > 1_000_000) throw new Error('the null statistic never warmed up');
  const maxima = new Float64Array(blocks);
  for (let k = 0; k < blocks; k++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < blockQueries; i++) max = Math.max(max, nextNull() ?? Number.NEGATIVE_INFINITY);
    maxima[k] = max;
  }
  maxima.sort();
  const q = blockQueries / (ert + blockQueries / 2);
  const above = Math.floor(q * blocks);
  const simulatedQueries = warm + blocks * blockQueries;
  if (above >= 10) return { threshold: maxima[blocks - 1 - above]!, blockQueries, blocks, method: 'empirical', simulatedQueries };
  let mean = 0;
  for (const m of maxima) mean += m / blocks;
  let variance = 0;
  for (const m of maxima) variance += (m - mean) ** 2 / (blocks - 1);
  const scale = (Math.sqrt(variance) * Math.sqrt(6)) / Math.PI;
  const location = mean - 0.5772156649 * scale;
  return { threshold: location - scale * Math.log(-Math.log(1 - q)), blockQueries, blocks, method: 'gumbel', simulatedQueries };
}
