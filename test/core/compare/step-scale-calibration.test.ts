import { describe, expect, it } from 'vitest';
import {
  clopperPearson, formatCalibration, parseInterleavedCalibration, summarizeCalibration, TRIAL_SEED_STRIDE, trialSuite,
  type CalibrationTrial,
} from '../../../src/core/compare/step-scale-calibration.ts';
import { SpecError } from '../../../src/core/spec.ts';

const SPEC = { backend: 'wasm', width: 128, steps: 200, warmupSteps: 7, servingQueries: 0, profileSteps: 0, agreement: false };
const input = {
  kind: 'interleaved-calibration', name: 'c', spec: SPEC, trials: 3, budgetSeconds: 60,
  arms: [{ name: 'A/A', job: './examples/interleaved/aa.js', expect: 'same' }, { name: '+2%', job: './examples/interleaved/wider-2pct.js', expect: 'slower' }],
};

const trial = (arm: string, n: number, verdict: CalibrationTrial['verdict'], value: number, elapsedMs: number): CalibrationTrial => ({
  arm, trial: n, verdict, gateFails: verdict === 'slower' && value > 0.01, jobs: 10 + n, elapsedMs, relative: { value, low: value - 0.01, high: value + 0.01, level: 0.99 }, loadAverage1m: 1,
});

describe('the step-scale calibration', () => {
  it('gives each trial its own seeds, keeping the A B B A / B A A B alternation', () => {
    const calibration = parseInterleavedCalibration(input);
    const seeds = [0, 1, 2].map((t) => trialSuite(calibration.arms[0]!, t).spec.seed);
    expect(seeds).toEqual([1, 1 + TRIAL_SEED_STRIDE, 1 + 2 * TRIAL_SEED_STRIDE]);
    expect(TRIAL_SEED_STRIDE % 2).toBe(0);
  });

  it('names the arm and the field of a bad arm', () => {
    const bad = { ...input, spec: { ...SPEC, warmupSteps: 3 } };
    expect(() => parseInterleavedCalibration(bad)).toThrow(SpecError);
    expect(() => parseInterleavedCalibration(bad)).toThrow(/arms\.0 \(A\/A\): spec\.warmupSteps: must be 7/);
    expect(() => parseInterleavedCalibration({ ...input, trials: 0 })).toThrow(/trials/);
  });

  it('counts A/A slower or faster calls as false and A/B slower calls as power, with exact intervals', () => {
    const calibration = parseInterleavedCalibration(input);
    const rows = summarizeCalibration(calibration, [
      trial('A/A', 0, 'no detectable difference', 0.001, 80_000), trial('A/A', 1, 'faster', -0.012, 40_000), trial('A/A', 2, 'unresolved', 0, 600_000),
      trial('+2%', 0, 'slower', 0.017, 50_000), trial('+2%', 1, 'slower', 0.02, 60_000), trial('+2%', 2, 'unresolved', 0.01, 600_000),
    ]);
    expect(rows[0]).toMatchObject({ arm: 'A/A', trials: 3, counts: { slower: 0, faster: 1, 'no detectable difference': 1, unresolved: 1 }, medianElapsedMs: 80_000, gateFailRate: 0 });
    expect(rows[0]!.rate.value).toBeCloseTo(1 / 3, 12);
    expect(rows[1]!.rate.value).toBeCloseTo(2 / 3, 12);
    expect(rows[1]!.gateFailRate).toBeCloseTo(2 / 3, 12);
    expect(formatCalibration(rows)).toMatch(/\| A\/A \| same \| 3 \| 0 \| 1 \| 1 \| 1 \| false calls 33\.3% \[0\.8%, 90\.6%\]/);
  });

  it('matches scipy\'s Clopper–Pearson bounds (beta quantiles)', () => {
    // scipy.stats.beta.ppf(0.975, 1, 20) = 0.16843347, beta.ppf(0.025, 1, 20) = 0.00126509, beta.ppf(0.975, 2, 19) = 0.24873276
    expect(clopperPearson(0, 20, 0.95).high).toBeCloseTo(0.16843347, 7);
    expect(clopperPearson(1, 20, 0.95).low).toBeCloseTo(0.00126509, 7);
    expect(clopperPearson(1, 20, 0.95).high).toBeCloseTo(0.24873276, 7);
    expect(clopperPearson(20, 20, 0.95)).toEqual({ low: expect.closeTo(0.83156653, 7), high: 1 });
  });

  it('says unavailable for an arm with no trials yet, never 0', () => {
    const rows = summarizeCalibration(parseInterleavedCalibration(input), []);
    expect(rows[0]!.medianElapsedMs).toBeNull();
    expect(formatCalibration(rows)).toMatch(/false calls unavailable/);
  });
});
