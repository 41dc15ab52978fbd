import { describe, expect, it } from 'vitest';
import { blockLogRatios, judgeLogRatios } from '../../../src/core/compare/step-scale.ts';

describe('interleaved (A B B A) step times', () => {
  it('reads each block of four steps as ln(B / A) of its middle and outer pairs', () => {
    const ratios = blockLogRatios([10, 11, 11, 10, 10, 12, 12, 10]);
    expect(ratios[0]).toBeCloseTo(Math.log(1.1), 12);
    expect(ratios[1]).toBeCloseTo(Math.log(1.2), 12);
  });

  it('cancels a linear drift inside a block to first order (steps of 10, 11, 12, 13 ms: A and B alike)', () => {
    const [ratio] = blockLogRatios([10, 11, 12, 13]);
    // ln(11·12 / (10·13)) / 2 = 0.0076, against 0.095 for a plain ln(B1 / A1) of adjacent steps.
    expect(Math.abs(ratio!)).toBeLessThan(0.01);
    expect(Math.log(11 / 10)).toBeGreaterThan(0.09);
  });

  it('judges per-job values by a t interval: slower, no detectable difference, unresolved', () => {
    expect(judgeLogRatios([0.03, 0.02, 0.025, 0.022], 0.95, 0.01).verdict).toBe('slower');
    expect(judgeLogRatios([0.001, -0.001, 0.0005, -0.0005], 0.95, 0.01).verdict).toBe('no detectable difference');
    expect(judgeLogRatios([0.05, -0.04, 0.03, -0.02], 0.95, 0.01).verdict).toBe('unresolved');
  });
});
