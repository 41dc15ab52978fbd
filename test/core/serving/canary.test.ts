import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { judgeCanary, type CanaryPolicy, type HoldoutEvidence } from '../../../src/core/serving/canary.ts';

const policy: CanaryPolicy = { minCanaryQueries: 30, latencyTolerance: 0.1, level: 0.95, maxAccuracyDrop: 0.02, minAgreement: 0.9 };
const holdout: HoldoutEvidence = { examples: 2000, baselineAccuracy: 0.8, candidateAccuracy: 0.8, agreement: 1 };

/** Log-normal latencies around `medianMs` (right-skewed like real serving latency). */
const latencies = (seed: number, n: number, medianMs: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => medianMs * Math.exp(0.3 * rng.normal()));
};

describe('judgeCanary', () => {
  it('never rolls back an identical candidate in ≥ 95% of streams, and rolls back a 20% slower one', () => {
    const trials = 120;
    let identicalRollbacks = 0;
    let slowerRollbacks = 0;
    for (let t = 0; t < trials; t++) {
      const baseline = latencies(2 * t, 800, 10);
      if (judgeCanary(baseline, latencies(2 * t + 1, 200, 10), holdout, policy).verdict === 'roll back') identicalRollbacks++;
      if (judgeCanary(baseline, latencies(2 * t + 1, 200, 12), holdout, policy).verdict === 'roll back') slowerRollbacks++;
    }
    expect(identicalRollbacks / trials).toBeLessThanOrEqual(0.05);
    expect(slowerRollbacks / trials).toBeGreaterThanOrEqual(0.9);
  });

  it('says "not enough canary traffic yet" below the minimum', () => {
    const judgement = judgeCanary(latencies(1, 500, 10), latencies(2, 12, 20), holdout, policy);
    expect(judgement.verdict).toBe('inconclusive');
    expect(judgement.reasons[0]).toMatch(/^not enough canary traffic yet: 12 canary and 500 baseline queries, the judge needs 30/);
    expect(judgement.latencyShift).toBeNull();
  });

  it.each([
    ['an accuracy drop', { ...holdout, candidateAccuracy: 0.7 }, /drops 10\.0%, more than the 2\.0% allowed/],
    ['low agreement', { ...holdout, agreement: 0.6 }, /agrees with the baseline on 60\.0% of the hold-out, below the 90\.0% required/],
  ])('rolls back on %s even when latency is fine', (_, evidence, reason) => {
    const judgement = judgeCanary(latencies(3, 800, 10), latencies(4, 200, 10), evidence, policy);
    expect(judgement.verdict).toBe('roll back');
    expect(judgement.reasons.join(' ')).toMatch(reason);
  });

  it('rolls back on compute per query when shared queueing hides the slowdown in end-to-end latency', () => {
    const latency = latencies(7, 800, 10);
    const judgement = judgeCanary(latency, latencies(8, 200, 10), holdout, policy,
      { baselineMs: latencies(9, 800, 5), canaryMs: latencies(10, 200, 6) });
    expect(judgement.verdict).toBe('roll back');
    expect(judgement.reasons.join(' ')).toMatch(/^canary compute per query \+\d+\.\d% vs baseline .*slower by more than the 10\.0% tolerance/);
    expect(judgement.computeShift?.value).toBeGreaterThan(0.1);
  });

  it('promotes a faster candidate with the same predictions', () => {
    const judgement = judgeCanary(latencies(5, 800, 10), latencies(6, 200, 8), holdout, policy);
    expect(judgement.verdict).toBe('promote');
    expect(judgement.latencyShift?.value).toBeLessThan(-0.1);
  });
});
