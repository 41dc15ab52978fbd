import { describe, expect, it } from 'vitest';
import { canaryArms, canaryRoutes, poissonArrivalsMs, queryCountFor } from '../../../src/core/serving/arrivals.ts';
import { mean, stdev } from '../../../src/core/stats/index.ts';

describe('poissonArrivalsMs', () => {
  it('has exponential gaps at the requested rate (mean 1000/qps, coefficient of variation 1)', () => {
    const arrivals = poissonArrivalsMs(50, 20_000, 7);
    const gaps = arrivals.map((t, i) => t - (arrivals[i - 1] ?? 0));
    expect(mean(gaps)).toBeGreaterThan(20 * 0.97);
    expect(mean(gaps)).toBeLessThan(20 * 1.03);
    expect(stdev(gaps) / mean(gaps)).toBeGreaterThan(0.96);
    expect(stdev(gaps) / mean(gaps)).toBeLessThan(1.04);
    expect(gaps.every((g) => g > 0)).toBe(true);
  });

  it('is reproducible from its seed and differs between seeds', () => {
    expect(poissonArrivalsMs(10, 100, 3)).toEqual(poissonArrivalsMs(10, 100, 3));
    expect(poissonArrivalsMs(10, 100, 3)).not.toEqual(poissonArrivalsMs(10, 100, 4));
  });

  it('rejects a rate that is not positive', () => {
    expect(() => poissonArrivalsMs(0, 10, 1)).toThrow(/qps must be a positive number, got 0/);
  });

  it('sizes a run by duration with a floor', () => {
    expect(queryCountFor(20, 10_000, 50)).toBe(200);
    expect(queryCountFor(1, 10_000, 50)).toBe(50);
  });
});

describe('canaryRoutes', () => {
  it('sends about `share` of queries to the canary, reproducibly', () => {
    const routes = canaryRoutes(20_000, 0.05, 11);
    const share = routes.filter(Boolean).length / routes.length;
    expect(share).toBeGreaterThan(0.045);
    expect(share).toBeLessThan(0.055);
    expect(canaryRoutes(100, 0.3, 2)).toEqual(canaryRoutes(100, 0.3, 2));
  });
});

describe('canaryArms', () => {
  it('gives the control as many queries as the candidate, the rest to the baseline', () => {
    const arms = canaryArms(20_000, 0.1, 5, true);
    const share = (arm: string): number => arms.filter((a) => a === arm).length / arms.length;
    expect(share('candidate')).toBeCloseTo(0.1, 1);
    expect(share('control')).toBeCloseTo(0.1, 1);
    expect(share('baseline')).toBeCloseTo(0.8, 1);
    expect(canaryArms(100, 0.1, 5, false)).not.toContain('control');
    expect(() => canaryArms(10, 0.6, 1, true)).toThrow(/0\.\.0\.5 with a control/);
  });
});
