import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { calibrateJoint, runJoint } from '../../../src/core/serving/drift-joint.ts';
import { fitPca, keptComponents, PCA_VARIANCE_KEPT, reconstructionError } from '../../../src/core/serving/drift-pca.ts';
import { syntheticStream } from '../../../src/core/serving/drift-synthetic.ts';

const DIMS = 4;

/** Seeded Gaussian rows: features 0 and 1 correlated at ρ (switching to `after` from query `at`), 2 and 3 independent N(0, 1). */
function rows(seed: number, count: number, rho: number, change?: { after: number; at: number }): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, q) => {
    const r = change && q >= change.at ? change.after : rho;
    const a = rng.normal();
    return [a, r * a + Math.sqrt(1 - r * r) * rng.normal(), rng.normal(), rng.normal()];
  });
}

const config = { windowSize: 50, centres: 64, ert: 2_000, seed: 4 };
const pca = calibrateJoint(rows(1, 4_000, 0.8), config).find((d) => d.name === 'pca')!;

describe('keptComponents', () => {
  it('keeps the fewest leading components reaching the share', () => {
    expect(keptComponents([4, 2, 1, 1], PCA_VARIANCE_KEPT), '50% then 75%').toBe(2);
    expect(keptComponents([6.5, 2, 1.5], PCA_VARIANCE_KEPT), 'exactly 65%').toBe(1);
    expect(keptComponents([1, 1, 1, 1], PCA_VARIANCE_KEPT), 'isotropic: 3 of 4 reach 75%').toBe(3);
  });
});

describe('fitPca', () => {
  it('finds the kept components of a known covariance, and their residual', () => {
    // Variances 4, 2, 1, 1 along axes rotated by 30° in the (0, 1) plane: 2 components explain 75%.
    const rng = createRng(2);
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const data = Array.from({ length: 5_000 }, () => {
      const [u, v] = [2 * rng.normal(), Math.SQRT2 * rng.normal()];
      return [c * u - s * v, s * u + c * v, rng.normal(), rng.normal()];
    });
    const model = fitPca(data, DIMS, 50);
    expect(model.kept).toBe(2);
    expect(model.explained).toBeCloseTo(0.75, 1);
    // The first component lies along (cos 30°, sin 30°, 0, 0), up to sign.
    expect(Math.abs(model.components[0]! * c + model.components[1]! * s)).toBeGreaterThan(0.99);
    // A row inside the kept plane reconstructs exactly; one along feature 2 keeps all of its norm.
    expect(reconstructionError(model, [model.centre[0]! + 1, model.centre[1]! - 2, model.centre[2]!, model.centre[3]!])).toBeLessThan(0.01);
    expect(reconstructionError(model, [model.centre[0]!, model.centre[1]!, model.centre[2]! + 3, model.centre[3]!])).toBeCloseTo(9, 1);
    // The residual's mean is the discarded variance, 1 + 1.
    expect(model.errorMean).toBeCloseTo(2, 0);
  });
});

describe('the PCA reconstruction detector', () => {
  it('finds features correlated in the reference coming apart, and stays quiet before it', () => {
    let found = 0;
    let early = 0;
    for (let s = 0; s < 5; s++) {
      const run = runJoint(pca, rows(100 + s, 1_000, 0.8, { after: 0, at: 600 }), 1);
      if (run.alarms.some((q) => q >= 600 && q < 800)) found++;
      early += run.alarms.filter((q) => q < 600).length;
    }
    expect(found).toBe(5);
    // 5 × 551 monitored queries before the change at ERT 2,000: ~1.4 false alarms expected, 6 or more with p < 0.01.
    expect(early).toBeLessThanOrEqual(5);
  });

  it('finds a variance change of an independent feature on the synthetic streams', () => {
    const rowsOf = (m: { features: number[][]; scores: number[] }) => m.scores.map((score, q) => [...m.features.map((c) => c[q]!), score]);
    const detector = calibrateJoint(rowsOf(syntheticStream(99, 0, 3_000, 4, { kind: 'none' })), config).find((d) => d.name === 'pca')!;
    let found = 0;
    for (let s = 0; s < 5; s++) {
      const run = runJoint(detector, rowsOf(syntheticStream(13, s + 1, 1_000, 4, { kind: 'variance', feature: 2, factor: 2, atQuery: 500 })), 1);
      if (run.alarms.some((q) => q >= 500 && q < 800)) found++;
    }
    expect(found).toBeGreaterThanOrEqual(4);
  });

  it('reaches its configured ERT on independent null rows, pooled over references', () => {
    // One reference's threshold varies with its estimation error (0.5–2.7× the ERT over 8 seeds at this size); pooled, the calibration must hold.
    const queries = 100_000;
    let alarms = 0;
    for (let r = 0; r < 4; r++) {
      const detector = calibrateJoint(rows(200 + r, 4_000, 0.8), { ...config, centres: 16, seed: 10 + r }).find((d) => d.name === 'pca')!;
      alarms += runJoint(detector, rows(300 + r, queries, 0.8), 1_000).alarms.length;
    }
    // ~200 alarms expected at ERT 2,000; the measured ERT is the monitored queries per alarm.
    const measuredErt = (4 * queries) / Math.max(1, alarms);
    expect(measuredErt).toBeGreaterThan(0.8 * config.ert);
    expect(measuredErt).toBeLessThan(3 * config.ert);
  });
});
