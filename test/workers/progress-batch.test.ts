import { describe, expect, it, vi } from 'vitest';
import type { JobProgress } from '../../src/core/worker-api.ts';
import { progressBatch } from '../../workers/progress-batch.ts';

/** Steps of `stepMs` each on a fake clock; returns what would have gone to the page. */
function run(kind: 'steps' | 'queries', total: number, stepMs: number, intervalMs = 250): JobProgress[] {
  const sent: JobProgress[] = [];
  let clockMs = 0;
  const batch = progressBatch(kind, total, (event) => sent.push(event), intervalMs, () => clockMs);
  for (let i = 0; i < total; i++) {
    clockMs += stepMs;
    batch.add(i, stepMs, i / 10);
  }
  return sent;
}

describe('progressBatch', () => {
  it('sends 8 ms steps in a few batches, not one message a step, and loses none', () => {
    const sent = run('steps', 100, 8);
    // 800 ms of steps: the first at once, then one every 250 ms, and the last.
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.length).toBeLessThanOrEqual(5);
    const steps = sent.flatMap((e) => (e.kind === 'steps' ? [...e.ms] : []));
    expect(steps).toHaveLength(100);
    const losses = sent.flatMap((e) => (e.kind === 'steps' ? [...e.loss] : []));
    expect(losses[42]).toBeCloseTo(4.2);
    // Batches are contiguous: each starts where the previous ended.
    let next = 0;
    for (const e of sent) {
      if (e.kind !== 'steps') throw new Error(`unexpected ${e.kind}`);
      expect(e.first).toBe(next);
      next += e.ms.length;
    }
    expect(sent.at(-1)).toMatchObject({ total: 100 });
  });

  it('sends every step of a slow job as it happens', () => {
    expect(run('steps', 5, 300).map((e) => (e.kind === 'steps' ? e.ms.length : 0))).toEqual([1, 1, 1, 1, 1]);
  });

  it('sends the first and the last query at once, without losses', () => {
    const sent = run('queries', 20, 1);
    expect(sent[0]).toEqual({ kind: 'queries', first: 0, total: 20, ms: [1] });
    expect(sent.at(-1)).toMatchObject({ kind: 'queries', total: 20 });
    expect(sent.flatMap((e) => (e.kind === 'queries' ? [...e.ms] : []))).toHaveLength(20);
  });

  it('sends nothing when nobody listens', () => {
    expect(() => progressBatch('steps', 3, undefined).add(0, 1)).not.toThrow();
    // Without a listener it does no work at all: not even a clock read between timed steps.
    const now = vi.fn(() => 0);
    const batch = progressBatch('steps', 3, undefined, 250, now);
    for (let i = 0; i < 3; i++) batch.add(i, 1, 0.5);
    expect(now).not.toHaveBeenCalled();
  });
});
