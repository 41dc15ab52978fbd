/**
 * Tunables of the statistics core, each with the reason for its value.
 * (Kept beside the code that reads them; candidates for `src/core/defaults.ts`.)
 */
export const STATS_DEFAULTS = {
  /** Two-sided confidence level: the convention of benchmarking tools (tachometer, criterion.rs). */
  level: 0.95,
  /**
   * Bootstrap resamples. Efron & Tibshirani (1993, §19.3) ask for >= 1000 for percentile
   * intervals; 2000 keeps the Monte Carlo error of the 2.5% tail small and costs little.
   */
  bootstrapResamples: 2000,
  /** Fewer resamples than this cannot place the 2.5% and 97.5% percentiles meaningfully. */
  bootstrapMinResamples: 100,
  /** Default seed, so a bootstrap interval is the same every time it is computed. */
  bootstrapSeed: 0x5eed,
  /** Modified z-score cut-off recommended by Iglewicz & Hoaglin (1993). */
  madThreshold: 3.5,
  /**
   * Largest sample count (each side) for which the exact Mann–Whitney distribution is used;
   * R's wilcox.test switches to the normal approximation at 50.
   */
  exactMaxSampleCount: 49,
} as const;
