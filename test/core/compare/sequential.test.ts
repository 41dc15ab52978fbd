import { describe, expect, it } from 'vitest';
import { lookAlpha, lookLevel, nextLookRound } from '../../../src/core/compare/sequential.ts';

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
