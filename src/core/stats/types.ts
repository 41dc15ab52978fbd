/** Result shapes shared by the estimators. */

/** A two-sided confidence interval. `level` is the requested confidence, e.g. 0.95. */
export interface Interval {
  low: number;
  high: number;
  level: number;
}

/** A point estimate with its interval. `method` is a human label, e.g. "Student-t". */
export interface Estimate {
  value: number;
  ci: Interval;
  method: string;
}

/** Options of the bootstrap estimators. */
export interface BootstrapOptions {
  /** Confidence level, default 0.95. */
  level?: number;
  /** Number of resamples, default 2000, at least 100. */
  resamples?: number;
  /** RNG seed; the same seed gives the same interval. */
  seed?: number;
}
