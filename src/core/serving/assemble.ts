/** Turns raw runs (timings, worker replies) into the reports' parts; pure, so it is tested without a browser. */
import { median } from '../stats/index.ts';
import type { CanaryArm } from './arrivals.ts';
import { latencyMs, serviceMs, type QueryTiming } from './latency.ts';
import type { TimelinePoint } from './reports.ts';

/** Latency over time, in ms since the first scheduled arrival. */
export function timelineOf(timings: readonly QueryTiming[], arms: readonly CanaryArm[] = []): TimelinePoint[] {
  const start = Math.min(...timings.map((t) => t.scheduledAbsMs));
  return timings.map((t, i) => {
    const arm = arms[i] ?? 'baseline';
    return { atMs: t.scheduledAbsMs - start, latencyMs: latencyMs(t), canary: arm === 'candidate', arm };
  });
}

/** Fraction of positions where two decision lists agree. */
export function agreementOf(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`agreement needs two equally long, non-empty decision lists, got ${a.length} and ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Median worker compute time of the candidate over the baseline's. */
export function serviceRatio(baseline: readonly QueryTiming[], candidate: readonly QueryTiming[]): number | null {
  if (baseline.length === 0 || candidate.length === 0) return null;
  return median(candidate.map(serviceMs)) / median(baseline.map(serviceMs));
}
