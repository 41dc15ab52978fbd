import { describe, expect, it } from 'vitest';
import { lookAlpha, lookLevel, MIN_LOOK_ALPHA, nextLookRound, obrienFlemingSpent, spendLook, startSpending } from '../../../src/core/compare/sequential.ts';

describe('sequential looks', () => {
  it('spends α/(k(k+1)) at look k, which sums to α over any number of looks', () => {
    expect(lookAlpha(0.95, 1)).toBeCloseTo(0.025, 15);
    expect(lookAlpha(0.95, 2)).toBeCloseTo(0.05 / 6, 15);
    expect(lookLevel(0.95, 3)).toBeCloseTo(1 - 0.05 / 12, 15);
    let spent = 0;
    for (let k = 1; k <= 10_000; k++) spent += lookAlpha(0.95, k);
    expect(spent).toBeLessThan(0.05);
    expect(spent).toBeCloseTo(0.05 * (1 - 1 / 10_001), 12);
  });

  it('looks at rounds that grow by half: 3, 5, 8, 12, 18, 27, 41', () => {
    const rounds = [3];
    while (rounds.length < 7) rounds.push(nextLookRound(rounds.at(-1)!));
    expect(rounds).toEqual([3, 5, 8, 12, 18, 27, 41]);
    expect(nextLookRound(1)).toBe(2);
  });

  it('rejects a level outside (0, 1) and a look that is not a positive integer', () => {
    expect(() => lookAlpha(1, 1)).toThrow(/level must be in \(0, 1\), got 1/);
    expect(() => lookAlpha(0.95, 0)).toThrow(/look must be an integer ≥ 1, got 0/);
    expect(() => lookAlpha(0.95, 1.5)).toThrow(/look must be an integer/);
  });
});

describe("O'Brien–Fleming-type spending (Lan & DeMets 1983)", () => {
  it('spends α(t) = 2 − 2Φ(1.96/√t): 8.858e-5 at t = ¼, 0.005575 at ½ (erfc, checked in Python), all 0.05 at 1', () => {
    expect(obrienFlemingSpent(0.95, 0.25)).toBeCloseTo(8.8575438e-5, 12);
    expect(obrienFlemingSpent(0.95, 0.5)).toBeCloseTo(0.00557459668, 10);
    expect(obrienFlemingSpent(0.95, 1)).toBeCloseTo(0.05, 14);
    expect(obrienFlemingSpent(0.95, 2), 'past the plan: nothing more than α').toBeCloseTo(0.05, 14);
  });

  it('gives each look the increment, the last look what is left, and never more than α in all', () => {
    let state = startSpending('obrien-fleming', 0.95, 40);
    const alphas: number[] = [];
    for (const round of [3, 5, 8, 12, 18, 27]) {
      const look = spendLook(state, round, false);
      alphas.push(look.alpha);
      state = look.state;
    }
    expect(alphas[0], 'a floor, not 1 − 1e-30').toBe(MIN_LOOK_ALPHA);
    expect(alphas[5]).toBeCloseTo(obrienFlemingSpent(0.95, 27 / 40) - obrienFlemingSpent(0.95, 18 / 40), 12);
    const last = spendLook(state, 33, true);
    expect(state.spentAlpha + last.alpha).toBeCloseTo(0.05, 14);
    expect(last.alpha).toBeGreaterThan(0.02);
    expect(() => spendLook(last.state, 34, false)).toThrow(/no α left after 7 looks/);
  });

  it('makes the look at the planned rounds the last one', () => {
    const look = spendLook(startSpending('obrien-fleming', 0.95, 12), 12, false);
    expect(look.alpha).toBeCloseTo(0.05, 14);
  });

  it('the harmonic rule spends α/(k(k+1)) whatever the plan', () => {
    const look = spendLook(spendLook(startSpending('harmonic', 0.95, 12), 3, false).state, 5, true);
    expect(look.alpha).toBeCloseTo(0.05 / 6, 15);
  });

  it('rejects a bad level or plan, naming it', () => {
    expect(() => obrienFlemingSpent(0.95, 0)).toThrow(/fraction must be > 0, got 0/);
    expect(() => startSpending('obrien-fleming', 1.2, 10)).toThrow(/level must be in \(0, 1\), got 1.2/);
    expect(() => startSpending('obrien-fleming', 0.95, 0)).toThrow(/plannedRounds must be ≥ 1, got 0/);
  });
});
