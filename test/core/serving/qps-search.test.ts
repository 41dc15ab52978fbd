import { describe, expect, it } from 'vitest';
import type { ServerSummary } from '../../../src/core/serving/latency.ts';
import { searchMaxQps } from '../../../src/core/serving/qps-search.ts';

/** A server whose p99 meets the target exactly up to `capacityQps`. */
const fakeServer = (capacityQps: number) => async (qps: number): Promise<ServerSummary> => {
  const latency = { count: 100, p50Ms: 1, p90Ms: 1, p99Ms: qps <= capacityQps ? 10 : 1000, meanMs: 1, maxMs: 1 };
  return {
    targetQps: qps, achievedQps: Math.min(qps, capacityQps), latency, service: latency, queue: latency,
    sendLateP99Ms: 0, latencyTargetMs: 50, meetsTarget: latency.p99Ms <= 50, durationMs: 1000,
  };
};

describe('searchMaxQps', () => {
  it('brackets the capacity within the tolerance', async () => {
    const result = await searchMaxQps(fakeServer(37), { lowQps: 1, highQps: 500, relativeTolerance: 0.1, maxProbes: 20 });
    expect(result.stoppedBecause).toBe('bracketed');
    expect(result.maxQps).toBeLessThanOrEqual(37);
    expect(result.maxQps).toBeGreaterThan(37 / 1.1);
    expect(result.failedQps! / result.maxQps!).toBeLessThanOrEqual(1.1);
    expect(result.probes.length).toBeLessThan(20);
  });

  it('says when even the low rate fails, or the high rate passes', async () => {
    expect((await searchMaxQps(fakeServer(0.5), { lowQps: 1, highQps: 10, relativeTolerance: 0.1, maxProbes: 5 })).maxQps).toBeNull();
    const ceiling = await searchMaxQps(fakeServer(100), { lowQps: 1, highQps: 10, relativeTolerance: 0.1, maxProbes: 5 });
    expect(ceiling).toMatchObject({ maxQps: 10, failedQps: null, stoppedBecause: 'high rate passed' });
  });

  it('stops at the probe budget with the bracket so far', async () => {
    const result = await searchMaxQps(fakeServer(37), { lowQps: 1, highQps: 500, relativeTolerance: 0.01, maxProbes: 4 });
    expect(result.stoppedBecause).toBe('probe budget spent');
    expect(result.probes).toHaveLength(4);
  });
});
