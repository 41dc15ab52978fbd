import { describe, expect, it } from 'vitest';
import { clockSkewProblem, estimateClockOffset } from '../../src/core/clock-offset.ts';

describe('page ↔ worker clock offset', () => {
  it('takes the ping with the shortest round trip: offset to its midpoint, uncertainty half of it', () => {
    const offset = estimateClockOffset([
      { sentAbsMs: 1000, workerAbsMs: 1010, receivedAbsMs: 1030 },
      { sentAbsMs: 2000, workerAbsMs: 2003.5, receivedAbsMs: 2004 },
      { sentAbsMs: 3000, workerAbsMs: 3020, receivedAbsMs: 3010 },
    ]);
    expect(offset).toEqual({ offsetMs: 1.5, uncertaintyMs: 2, pings: 3 });
  });

  it('accepts clocks that agree within the measurement, and fails a worker clock 5 ms off', () => {
    expect(clockSkewProblem({ offsetMs: 0.4, uncertaintyMs: 0.3, pings: 5 })).toBeNull();
    expect(clockSkewProblem({ offsetMs: -2.5, uncertaintyMs: 2, pings: 5 }), 'within its own uncertainty + 1 ms').toBeNull();
    expect(clockSkewProblem({ offsetMs: 5, uncertaintyMs: 0.2, pings: 5 })).toMatch(/5\.000 ms from the page's \(±0\.200 ms\), beyond the 1 ms tolerance/);
  });

  it('refuses an empty or backwards ping', () => {
    expect(() => estimateClockOffset([])).toThrow(/at least one ping/);
    expect(() => estimateClockOffset([{ sentAbsMs: 10, workerAbsMs: 10, receivedAbsMs: 9 }])).toThrow(/not monotonic/);
  });
});
