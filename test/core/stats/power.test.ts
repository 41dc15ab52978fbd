import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { hodgesLehmann, mannWhitney, welchDifference } from '../../../src/core/stats/index.ts';

// Latency-like data: lognormal with a 9% coefficient of variation around 100 ms; the shifted
// side is 10% slower. At n = 30 a t-test's power for this effect (d ≈ 1.05) is about 97%, and
// Mann–Whitney's is close behind, so >= 90% holds with margin yet fails if an interval is much
// too wide or a p-value much too large. (Observed: 97–98% for all three methods.)
const sampleCount = 30;
function latencies(rng: ReturnType<typeof createRng>, medianMs: number): number[] {
  return Array.from({ length: sampleCount }, () => medianMs * Math.exp(0.09 * rng.normal()));
}

interface Decisions { welch: number; mannWhitney: number; hodgesLehmann: number }

/** How often each method calls a difference (p < 0.05 and 95% CI excluding 0). */
function decisionRates(seed: number, reps: number, slowdown: number): Decisions {
  const rng = createRng(seed);
  const counts: Decisions = { welch: 0, mannWhitney: 0, hodgesLehmann: 0 };
  for (let r = 0; r < reps; r++) {
    const a = latencies(rng, 100);
    const b = latencies(rng, 100 * slowdown);
    const welch = welchDifference(a, b);
    if (welch.pValue < 0.05 && (welch.absolute.ci.low > 0 || welch.absolute.ci.high < 0)) counts.welch++;
    if (mannWhitney(a, b).pValue < 0.05) counts.mannWhitney++;
    const { ci } = hodgesLehmann(a, b).absolute;
    if (ci.low > 0 || ci.high < 0) counts.hodgesLehmann++;
  }
  return { welch: counts.welch / reps, mannWhitney: counts.mannWhitney / reps, hodgesLehmann: counts.hodgesLehmann / reps };
}

describe('detecting a 10% slowdown (n = 30 per side)', () => {
  it('each method detects it in >= 90% of 500 seeded trials', () => {
    const rates = decisionRates(1111, 500, 1.1);
    expect(rates.welch).toBeGreaterThanOrEqual(0.9);
    expect(rates.mannWhitney).toBeGreaterThanOrEqual(0.9);
    expect(rates.hodgesLehmann).toBeGreaterThanOrEqual(0.9);
  });

  // With no shift a 5% test must call a difference about 5% of the time. 1000 trials give a
  // standard error of 0.7%, so the band is 5% ± 2% (about 3 standard errors). Mann–Whitney and
  // Hodges–Lehmann are exact and discrete here, so their size is at most 5% (and they make the
  // same decisions: the interval is the inversion of the exact test).
  it('A/A: false-positive rate 5% ± 2% over 1000 trials', () => {
    const rates = decisionRates(2222, 1000, 1);
    for (const [method, rate] of Object.entries(rates)) {
      expect(rate, method).toBeGreaterThanOrEqual(0.03);
      expect(rate, method).toBeLessThanOrEqual(0.07);
    }
  });
});
