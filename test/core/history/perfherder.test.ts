import { describe, expect, it } from 'vitest';
import { perfherderAlerts } from '../../../src/core/history/index.ts';

/** Perfherder's weighted t (treeherder perfalert `calc_t` with `linear_weights`), written out for one split. */
function weightedT(back: readonly number[], fore: readonly number[]): number {
  const stats = (window: readonly number[]) => {
    const n = window.length;
    const weights = window.map((_, i) => (n - i) / n);
    const avg = window.reduce((sum, v, i) => sum + v * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0);
    const variance = window.reduce((sum, v) => sum + (v - avg) ** 2, 0) / (n - 1);
    return { avg, variance, n };
  };
  const s1 = stats(back);
  const s2 = stats(fore);
  return (s2.avg - s1.avg) / Math.sqrt(s1.variance / s1.n + s2.variance / s2.n);
}

/** 12 points around 100 and 12 around 100 + step, with a fixed ±spread pattern. */
function stepSeries(step: number, spread: number): number[] {
  const pattern = [1, -1, 0.5, -0.5, 0, 1, -1, 0.25, -0.25, 0.75, -0.75, 0];
  return [...pattern.map((p) => 100 + spread * p), ...pattern.map((p) => 100 + step + spread * p)];
}

describe('perfherderAlerts', () => {
  it('alerts at the first point after a 10% step, with t from the weighted windows and unweighted levels', () => {
    const values = stepSeries(10, 1);
    const alerts = perfherderAlerts(values);
    expect(alerts.map((a) => a.index)).toEqual([12]);
    const back = values.slice(0, 12).reverse();
    const fore = values.slice(12);
    expect(alerts[0]!.t).toBeCloseTo(weightedT(back, fore), 9);
    expect(alerts[0]!.levelBefore).toBeCloseTo(values.slice(0, 12).reduce((a, b) => a + b) / 12, 9);
    expect(alerts[0]!.levelAfter).toBeCloseTo(fore.reduce((a, b) => a + b) / 12, 9);
  });

  it('does not alert where t ≤ 7, and does with a lower threshold', () => {
    const values = stepSeries(5, 6);
    const t = weightedT(values.slice(0, 12).reverse(), values.slice(12));
    expect(t).toBeGreaterThan(2);
    expect(t).toBeLessThan(7);
    expect(perfherderAlerts(values)).toEqual([]);
    expect(perfherderAlerts(values, { tThreshold: 2 }).map((a) => a.index)).toEqual([12]);
  });

  it('drops a significant change under 2%, and keeps it with a 1% threshold', () => {
    const values = stepSeries(1.5, 0.01);
    expect(perfherderAlerts(values)).toEqual([]);
    expect(perfherderAlerts(values, { alertThresholdPercent: 1 }).map((a) => a.index)).toEqual([12]);
  });

  it('needs 12 points before and 12 after the change', () => {
    const early = [...Array.from({ length: 6 }, () => 100), ...Array.from({ length: 30 }, (_, i) => 120 + (i % 2))];
    expect(perfherderAlerts(early)).toEqual([]);
    const late = [...Array.from({ length: 30 }, (_, i) => 100 + (i % 2)), ...Array.from({ length: 11 }, () => 120)];
    expect(perfherderAlerts(late)).toEqual([]);
    expect(perfherderAlerts([...late, 120]).map((a) => a.index)).toEqual([30]);
  });

  it('finds nothing in empty, single-point and constant series', () => {
    expect(perfherderAlerts([])).toEqual([]);
    expect(perfherderAlerts([5])).toEqual([]);
    expect(perfherderAlerts(Array.from({ length: 50 }, () => 7))).toEqual([]);
  });

  it('rejects a non-finite value and windows out of range, naming them', () => {
    expect(() => perfherderAlerts([1, Number.NaN])).toThrow(/values\[1\] is NaN/);
    expect(() => perfherderAlerts([1, 2], { foreWindow: 0 })).toThrow(/foreWindow must be an integer in \[1,/);
    expect(() => perfherderAlerts([1, 2], { minBackWindow: 30 })).toThrow(/maxBackWindow must be an integer in \[30,/);
  });
});
