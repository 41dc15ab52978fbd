/**
 * The canary judge's error rates by seeded simulation, at the smallest traffic it judges (30 canary
 * and 30 baseline queries, where the intervals are widest) and with both shift metrics (latency and
 * compute per query, drawn independently: the worst case for a Bonferroni family). Latencies are
 * log-normal (σ = 0.3 on the log scale, right-skewed like real serving latency).
 *
 * The rule judged before — roll back when the 95% interval lies above 0 and the point estimate is
 * beyond the tolerance, each metric at 95% — is measured beside it from the same draws, as the
 * reason for the change; only the current rule is asserted.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../src/core/random.ts';
import { canaryMetricLevel, judgeCanary, type CanaryPolicy, type HoldoutEvidence } from '../../../src/core/serving/canary.ts';
import { hodgesLehmann } from '../../../src/core/stats/index.ts';

const policy: CanaryPolicy = { minCanaryQueries: 30, latencyTolerance: 0.1, level: 0.95, maxAccuracyDrop: 0.02, minAgreement: 0.9 };
const holdout: HoldoutEvidence = { examples: 2000, baselineAccuracy: 0.8, candidateAccuracy: 0.8, agreement: 1 };
const TRIALS = 2000;
const QUERIES = 30;

const draw = (rng: Rng, medianMs: number): number[] => Array.from({ length: QUERIES }, () => medianMs * Math.exp(0.3 * rng.normal()));

interface Rates { rollBack: number; anySignificant: number; previousRuleRollBack: number }

/** Fraction of streams rolled back (current rule), with an interval off 0 (family-wise), and rolled back by the previous rule. */
function simulate(slowdown: number, seed: number): Rates {
  const rng = createRng(seed);
  let rollBack = 0;
  let anySignificant = 0;
  let previous = 0;
  for (let t = 0; t < TRIALS; t++) {
    const latency = [draw(rng, 10), draw(rng, 10 * (1 + slowdown))] as const;
    const compute = [draw(rng, 5), draw(rng, 5 * (1 + slowdown))] as const;
    const judgement = judgeCanary(latency[0], latency[1], holdout, policy, { baselineMs: compute[0], canaryMs: compute[1] });
    if (judgement.verdict === 'roll back') rollBack++;
    const shifts = [judgement.latencyShift!, judgement.computeShift!];
    if (shifts.some((s) => s.ci.low > 0 || s.ci.high < 0)) anySignificant++;
    const old = [hodgesLehmann(...latency, 0.95).relative, hodgesLehmann(...compute, 0.95).relative];
    if (old.some((s) => s.ci.low > 0 && s.value > policy.latencyTolerance)) previous++;
  }
  return { rollBack: rollBack / TRIALS, anySignificant: anySignificant / TRIALS, previousRuleRollBack: previous / TRIALS };
}

/** 3 binomial standard errors at p and TRIALS. */
const margin = (p: number): number => 3 * Math.sqrt((p * (1 - p)) / TRIALS);

describe('canary judge error rates (seeded, 30 + 30 queries, two metrics)', () => {
  it('builds each of two metrics\' intervals at 97.5% (Bonferroni over the family)', () => {
    expect(canaryMetricLevel(0.95, 2)).toBeCloseTo(0.975, 12);
    const judgement = judgeCanary(draw(createRng(1), 10), draw(createRng(2), 10), holdout, policy, { baselineMs: draw(createRng(3), 5), canaryMs: draw(createRng(4), 5) });
    expect(judgement.latencyShift?.ci.level).toBeCloseTo(0.975, 12);
    expect(judgement.computeShift?.ci.level).toBeCloseTo(0.975, 12);
    expect(judgement.reasons.join(' ')).toMatch(/97\.5% CI/);
  });

  it('identical arms: any metric off 0 in ≤ 5% of streams (family-wise), rolled back in ≤ 0.5%', () => {
    const rates = simulate(0, 11);
    console.log(`canary, identical arms, ${TRIALS} streams: rolled back ${pct(rates.rollBack)}, an interval off 0 ${pct(rates.anySignificant)}; previous rule rolled back ${pct(rates.previousRuleRollBack)}`);
    expect(rates.anySignificant).toBeLessThanOrEqual(0.05 + margin(0.05));
    expect(rates.rollBack).toBeLessThanOrEqual(0.005);
  });

  it('+5% (inside the 10% tolerance): rolled back in ≤ 2.5% of streams — the previous rule did it far more often', () => {
    const rates = simulate(0.05, 12);
    console.log(`canary, +5% candidate, ${TRIALS} streams: rolled back ${pct(rates.rollBack)}; previous rule ${pct(rates.previousRuleRollBack)}`);
    expect(rates.rollBack).toBeLessThanOrEqual(0.025);
    expect(rates.previousRuleRollBack).toBeGreaterThan(rates.rollBack + 0.05);
  });

  it('+40%: rolled back in ≥ 90% of streams at the minimum traffic', () => {
    const rates = simulate(0.4, 13);
    console.log(`canary, +40% candidate, ${TRIALS} streams: rolled back ${pct(rates.rollBack)}; previous rule ${pct(rates.previousRuleRollBack)}`);
    expect(rates.rollBack).toBeGreaterThanOrEqual(0.9);
  });

  it('says "significantly slower but within tolerance" when the interval lies in (0, τ]', () => {
    const rng = createRng(21);
    const many = (medianMs: number): number[] => Array.from({ length: 2000 }, () => medianMs * Math.exp(0.05 * rng.normal()));
    const judgement = judgeCanary(many(10), many(10.4), holdout, policy);
    expect(judgement.verdict).toBe('promote');
    expect(judgement.reasons.join(' ')).toMatch(/canary latency \+3\.9% vs baseline \(95% CI \+3\.6% … \+4\.3%, .*\): significantly slower but within the 10\.0% tolerance/);
  });
});

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
