import { describe, expect, it } from 'vitest';
import { poissonArrivalsMs } from '../../../src/core/serving/arrivals.ts';
import { summarizeServer, type QueryTiming } from '../../../src/core/serving/latency.ts';

/** A single FIFO server with a fixed service time: what the worker's queue does. */
function simulate(qps: number, count: number, serviceMs: number): QueryTiming[] {
  let freeAtMs = 0;
  return poissonArrivalsMs(qps, count, 9).map((arrival) => {
    const start = Math.max(arrival, freeAtMs);
    freeAtMs = start + serviceMs;
    return { scheduledAbsMs: arrival, sentAbsMs: arrival, startAbsMs: start, endAbsMs: freeAtMs, receivedAbsMs: freeAtMs };
  });
}

describe('summarizeServer', () => {
  it('counts queueing from the scheduled arrival, so an overloaded server\'s p99 grows with the run', () => {
    const short = summarizeServer(simulate(150, 100, 10), 150, 50);
    const long = summarizeServer(simulate(150, 1000, 10), 150, 50);
    expect(long.latency.p99Ms).toBeGreaterThan(2 * short.latency.p99Ms);
    expect(long.achievedQps).toBeCloseTo(100, 0);
    expect(long.meetsTarget).toBe(false);
    expect(long.service.p50Ms).toBe(10);
  });

  it('meets the target below capacity', () => {
    const summary = summarizeServer(simulate(20, 500, 5), 20, 50);
    expect(summary.meetsTarget).toBe(true);
    expect(summary.achievedQps).toBeGreaterThan(17);
    expect(summary.latency.p50Ms).toBeGreaterThanOrEqual(5);
  });
});
