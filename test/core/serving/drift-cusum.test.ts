import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { calibrateCusum, cusumAlarms, referenceErrorRate } from '../../../src/core/serving/drift-cusum.ts';

/** Decisions all 1 and labels whose mismatch (an error) has rate `before`, then `after` from query `at`. */
function errorStream(seed: number, length: number, before: number, after: number, at: number): { decisions: number[]; labels: number[] } {
  const rng = createRng(seed);
  const labels = Array.from({ length }, (_, q) => (rng.next() < (q < at ? before : after) ? 0 : 1));
  return { decisions: labels.map(() => 1), labels };
}

describe('the CUSUM on the error stream', () => {
  it('meets its configured ERT on error streams it was not calibrated on (measured, not approximated)', () => {
    const design = calibrateCusum(0.2, 0.1, 2_000);
    // 150 independent in-control streams of 20,000 labelled queries, alarms counted with restarts.
    let alarms = 0;
    for (let s = 0; s < 150; s++) {
      const { decisions, labels } = errorStream(1_000 + s, 20_000, 0.2, 0.2, 0);
      alarms += cusumAlarms(decisions, labels, 0, design).length;
    }
    const measuredErt = (150 * 20_000) / alarms;
    // The calibration's estimate of the run length is low (censored paths), so the measured ERT is at or above the configured one.
    expect(measuredErt).toBeGreaterThan(2_000 * 0.9);
    expect(measuredErt).toBeLessThan(2_000 * 2);
  });

  it('finds an error rate rising from 0.2 to 0.4 within a few hundred labels, its alarm at the label\'s arrival', () => {
    const design = calibrateCusum(0.2, 0.1, 10_000);
    const delays: number[] = [];
    for (let s = 0; s < 20; s++) {
      const { decisions, labels } = errorStream(50 + s, 3_000, 0.2, 0.4, 1_000);
      const after = cusumAlarms(decisions, labels, 100, design).filter((q) => q >= 1_100);
      delays.push((after[0] ?? Number.POSITIVE_INFINITY) - 1_000);
    }
    expect(delays.every((d) => d >= 100 && d < 600)).toBe(true);
  });

  it('skips a query without a finite decision, and raises its threshold with the ERT', () => {
    const { labels } = errorStream(3, 2_000, 0.5, 0.5, 0);
    const design = calibrateCusum(0.2, 0.1, 1_000);
    expect(cusumAlarms(labels.map(() => Number.NaN), labels, 0, design)).toEqual([]);
    expect(calibrateCusum(0.2, 0.1, 10_000).threshold).toBeGreaterThan(design.threshold);
  });

  it('designs for the upper 95% bound of the reference\'s error rate, and refuses a rate it cannot tune to', () => {
    const { decisions, labels } = errorStream(9, 5_000, 0.2, 0.2, 0);
    const rate = referenceErrorRate(decisions, labels);
    expect(rate.n).toBe(5_000);
    expect(rate.estimate).toBeCloseTo(0.2, 1);
    // Wilson's upper bound: about 1.645 standard errors above the estimate.
    expect(rate.upper - rate.estimate).toBeCloseTo(1.645 * Math.sqrt((rate.estimate * (1 - rate.estimate)) / 5_000), 3);
    expect(() => calibrateCusum(0.95, 0.1, 1_000)).toThrow(/0 < p0 < p0 \+ increase < 1/);
    expect(() => referenceErrorRate([Number.NaN], [1])).toThrow(/no finite decision/);
  });
});
