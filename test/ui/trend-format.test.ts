import { describe, expect, it } from 'vitest';
import { formatRelative, formatTrendValue } from '../../src/ui/trend-format.ts';

describe('trend values', () => {
  it.each([
    [12.345, 'ms', '12.3 ms'],
    [0, 'ms', '0 ms'],
    [-1.766, 'ms', '−1.77 ms'],
    [1523.4, 'ex/s', '1,520 ex/s'],
    [null, 'ms', '—'],
    [Number.NaN, 'ms', '—'],
  ])('%s %s reads %s', (value, unit, text) => {
    expect(formatTrendValue(value, unit)).toBe(text);
  });
  it('gives a change point its size and interval in percent', () => {
    expect(formatRelative({ relative: 0.052, relativeLow: 0.031, relativeHigh: 0.074 })).toBe('+5.2% (95% CI +3.1% to +7.4%)');
    expect(formatRelative({ relative: -0.2, relativeLow: -0.25, relativeHigh: -0.15 })).toBe('−20.0% (95% CI −25.0% to −15.0%)');
  });
});
