/** The largest Server QPS that still meets the p99 latency target, found by search. */
import type { ServerSummary } from './latency.ts';

export interface QpsProbe {
  readonly qps: number;
  readonly summary: ServerSummary;
}

export interface QpsSearchOptions {
  /** A rate expected to pass; the search reports `null` when even this one fails. */
  readonly lowQps: number;
  /** A rate expected to fail; when it passes the answer is this ceiling, flagged as not bracketed. */
  readonly highQps: number;
  /** Stop when high / low ≤ 1 + relativeTolerance. */
  readonly relativeTolerance: number;
  /** At most this many Server runs in all. */
  readonly maxProbes: number;
}

export interface QpsSearchResult {
  /** Largest probed rate that met the target; null when none did. */
  readonly maxQps: number | null;
  /** Smallest probed rate that missed it; null when none did (the ceiling was not found). */
  readonly failedQps: number | null;
  readonly probes: readonly QpsProbe[];
  /** Why the search stopped, for the report. */
  readonly stoppedBecause: 'bracketed' | 'low rate failed' | 'high rate passed' | 'probe budget spent';
}

/**
 * Bisection on the rate, as MLPerf LoadGen's FindPeakPerformance mode does for the Server
 * scenario: keep [pass, fail] bracketing the largest passing rate and probe its geometric
 * midpoint √(pass·fail) (rates span orders of magnitude, so halve the ratio, not the gap).
 * Assumes p99 grows with the rate; noise can break that, so every probe is kept for the curve.
 */
export async function searchMaxQps(
  probe: (qps: number) => Promise<ServerSummary>,
  options: QpsSearchOptions,
): Promise<QpsSearchResult> {
  const { lowQps, highQps, relativeTolerance, maxProbes } = options;
  if (!(lowQps > 0 && highQps > lowQps)) throw new RangeError(`need 0 < lowQps < highQps, got ${lowQps} and ${highQps}`);
  if (!(relativeTolerance > 0)) throw new RangeError(`relativeTolerance must be positive, got ${relativeTolerance}`);
  if (!(maxProbes >= 2)) throw new RangeError(`maxProbes must be at least 2, got ${maxProbes}`);
  const probes: QpsProbe[] = [];
  const run = async (qps: number): Promise<boolean> => {
    const summary = await probe(qps);
    probes.push({ qps, summary });
    return summary.meetsTarget;
  };
  if (!(await run(lowQps))) return { maxQps: null, failedQps: lowQps, probes, stoppedBecause: 'low rate failed' };
  if (await run(highQps)) return { maxQps: highQps, failedQps: null, probes, stoppedBecause: 'high rate passed' };
  let pass = lowQps;
  let fail = highQps;
  while (fail / pass > 1 + relativeTolerance) {
    if (probes.length >= maxProbes) return { maxQps: pass, failedQps: fail, probes, stoppedBecause: 'probe budget spent' };
    const middle = Math.sqrt(pass * fail);
    if (await run(middle)) pass = middle;
    else fail = middle;
  }
  return { maxQps: pass, failedQps: fail, probes, stoppedBecause: 'bracketed' };
}
