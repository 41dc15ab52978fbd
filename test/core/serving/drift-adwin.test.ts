import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { Adwin, adwinAlarms, type AdwinBound, type AdwinConfig } from '../../../src/core/serving/drift-adwin.ts';

const config = (bound: AdwinBound = 'bernstein'): AdwinConfig => ({ delta: 0.002, clock: 32, bound });

/** Bernoulli bits: rate `before` for `at` updates, then `after`. */
function bits(seed: number, length: number, before: number, after: number, at: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length }, (_, i) => (rng.next() < (i < at ? before : after) ? 1 : 0));
}

/** Updates (from `at`) until the first change; Infinity when none. */
function delay(stream: readonly number[], at: number, bound: AdwinBound): number {
  const adwin = new Adwin(config(bound));
  for (let i = 0; i < stream.length; i++) if (adwin.update(stream[i]!) && i >= at) return i - at;
  return Number.POSITIVE_INFINITY;
}

describe('ADWIN', () => {
  it('holds the whole stationary window in O(M·log W) buckets, with its exact mean', () => {
    const stream = bits(1, 5_000, 0.3, 0.3, 0);
    const adwin = new Adwin(config());
    stream.forEach((b) => adwin.update(b));
    expect(adwin.width).toBe(5_000);
    expect(adwin.mean).toBeCloseTo(stream.reduce((a, b) => a + b, 0) / 5_000, 12);
    // At most M = 5 buckets of each size 2^i, sizes up to 5,000 / 5.
    expect(adwin.buckets).toBeLessThanOrEqual(5 * (Math.ceil(Math.log2(5_000 / 5)) + 1));
    expect(adwin.buckets).toBeGreaterThan(10);
  });

  it('after a change keeps only the newest values: its window is a suffix of the stream, mean exact', () => {
    const stream = bits(2, 3_000, 0.2, 0.7, 2_000);
    const adwin = new Adwin(config());
    let changed = false;
    stream.forEach((b) => (changed = adwin.update(b) || changed));
    expect(changed).toBe(true);
    expect(adwin.width).toBeLessThan(1_500);
    const suffix = stream.slice(stream.length - adwin.width);
    expect(adwin.mean).toBeCloseTo(suffix.reduce((a, b) => a + b, 0) / suffix.length, 12);
  });

  it.each(['bernstein', 'hoeffding'] as const)('%s: finds an error rate moving from 0.2 to 0.4 within 400 updates in 20 of 20 streams', (bound) => {
    const streams = Array.from({ length: 20 }, (_, s) => bits(100 + s, 3_000, 0.2, 0.4, 2_000));
    const delays = streams.map((s) => delay(s, 2_000, bound));
    expect(Math.max(...delays)).toBeLessThanOrEqual(400);
  });

  it('the Bernstein bound uses the variance: on rare errors (1% → 4%) it cuts sooner than Hoeffding', () => {
    const streams = Array.from({ length: 20 }, (_, s) => bits(300 + s, 6_000, 0.01, 0.04, 4_000));
    const sum = (bound: AdwinBound) => streams.reduce((a, s) => a + Math.min(2_000, delay(s, 4_000, bound)), 0);
    expect(sum('bernstein')).toBeLessThan(sum('hoeffding'));
  });

  it('rarely alarms without a change: at most 2 changes over 20 streams × 10,000 updates at δ = 0.002', () => {
    let changes = 0;
    for (let s = 0; s < 20; s++) {
      const adwin = new Adwin(config());
      for (const b of bits(500 + s, 10_000, 0.25, 0.25, 0)) if (adwin.update(b)) changes++;
    }
    expect(changes).toBeLessThanOrEqual(2);
  });

  it('tests cuts only every clock updates', () => {
    const adwin = new Adwin({ ...config(), clock: 7 });
    const fired: number[] = [];
    bits(3, 2_000, 0.1, 0.9, 1_000).forEach((b, i) => {
      if (adwin.update(b)) fired.push(i + 1);
    });
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.every((tick) => tick % 7 === 0)).toBe(true);
  });

  it('names a bad δ or clock', () => {
    expect(() => new Adwin({ ...config(), delta: 0 })).toThrow(/delta must be in \(0, 1\), got 0/);
    expect(() => new Adwin({ ...config(), clock: 0.5 })).toThrow(/clock must be a whole number/);
  });
});

describe('adwinAlarms', () => {
  it('alarms when the label arrives: the same alarms moved by the label delay', () => {
    const labels = bits(4, 2_000, 0.5, 0.5, 0);
    const rng = createRng(9);
    // Decisions right 80% of the time, then 50% from query 1,000.
    const decisions = labels.map((y, q) => (rng.next() < (q < 1_000 ? 0.8 : 0.5) ? y : 1 - y));
    const now = adwinAlarms(decisions, labels, 0, config());
    const later = adwinAlarms(decisions, labels, 50, config());
    expect(now.length).toBeGreaterThan(0);
    expect(now[0]).toBeGreaterThanOrEqual(1_000);
    expect(later).toEqual(now.filter((q) => q + 50 < labels.length).map((q) => q + 50));
  });

  it('skips queries without a decision (a NaN score): a block of them is no change', () => {
    const labels = bits(5, 1_500, 0.5, 0.5, 0);
    // Right until 1,000, wrong after; queries 400–699 have no decision (counted as errors, they would alarm near 400).
    const decisions = labels.map((y, q) => (q >= 1_000 ? 1 - y : q >= 400 && q < 700 ? Number.NaN : y));
    const alarms = adwinAlarms(decisions, labels, 0, config());
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms[0]).toBeGreaterThanOrEqual(1_000);
  });
});
