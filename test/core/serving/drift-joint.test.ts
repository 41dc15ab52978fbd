import { describe, expect, it } from 'vitest';
import { calibrateJoint, runJoint } from '../../../src/core/serving/drift-joint.ts';
import { fitMmd, mmdMinimumReference } from '../../../src/core/serving/drift-mmd.ts';
import { syntheticStream } from '../../../src/core/serving/drift-synthetic.ts';
import { cbpeAuc, ddmAlarms } from '../../../src/core/serving/drift-performance.ts';
import { medianInterval } from '../../../src/core/serving/drift-detectors.ts';
import type { DriftInjection } from '../../../src/core/serving/drift.ts';

const rowsOf = (s: { features: number[][]; scores: number[] }) => s.scores.map((score, q) => [...s.features.map((c) => c[q]!), score]);
const reference = rowsOf(syntheticStream(99, 0, 2_000, 4, { kind: 'none' }));
const config = { windowSize: 50, centres: 64, ert: 2_000, seed: 3 };
const detectors = calibrateJoint(reference, config);
const named = (name: string) => detectors.find((d) => d.name === name)!;

describe('joint detectors', () => {
  it('find a correlation change that leaves every marginal unchanged, and stay quiet before it', () => {
    const injection: DriftInjection = { kind: 'correlation', features: [2, 3], rho: 0.8, rampQueries: 0, atQuery: 600 };
    let found = 0;
    for (let s = 0; s < 5; s++) {
      const run = runJoint(named('correlation'), rowsOf(syntheticStream(5, s + 1, 1_000, 4, injection)), 1);
      if (run.alarms.some((q) => q >= 600 && q < 800)) found++;
    }
    expect(found).toBe(5);
  });

  it('MMD finds a 1 SD mean shift within two windows', () => {
    const run = runJoint(named('mmd'), rowsOf(syntheticStream(6, 1, 1_000, 4, { kind: 'mean-shift', feature: 1, shiftSd: 1, atQuery: 500 })), 1);
    expect(run.alarms.find((q) => q >= 500)).toBeLessThan(600);
  });

  it('reach at least roughly their configured ERT on fresh null streams', () => {
    for (const detector of detectors) {
      let alarms = 0;
      for (let s = 0; s < 4; s++) alarms += runJoint(detector, rowsOf(syntheticStream(8, s + 1, 5_000, 4, { kind: 'none' })), 1).alarms.length;
      // 20,000 queries at ERT 2,000: ~10 alarms expected; a threshold off by 3× would give 30.
      expect(alarms, detector.name).toBeLessThan(20);
    }
  });

  it('count NaN rows instead of testing them', () => {
    const run = runJoint(named('mmd'), rowsOf(syntheticStream(9, 1, 400, 4, { kind: 'nan-burst', feature: 0, queries: 30, atQuery: 100 })), 1);
    expect(run.nonFinite).toBe(30);
  });

  it('name the minimum reference size', () => {
    expect(mmdMinimumReference(config)).toBe(164);
    expect(() => fitMmd(reference.slice(0, 100), config)).toThrow(/needs at least 164 finite reference rows/);
  });
});

describe('ddmAlarms', () => {
  it('signals when the error rate jumps, after the label delay', () => {
    const labels = Array.from({ length: 2_000 }, () => 1);
    const decisions = labels.map((_, q) => (q < 1_000 ? (q % 10 === 0 ? 0 : 1) : (q % 2 === 0 ? 0 : 1)));
    const alarms = ddmAlarms(decisions, labels, 50);
    expect(alarms.filter((q) => q < 1_050)).toEqual([]);
    expect(alarms[0]).toBeGreaterThan(1_050);
    expect(alarms[0]).toBeLessThan(1_300);
  });
});

describe('medianInterval', () => {
  it('brackets the median by order statistics', () => {
    const values = Array.from({ length: 20 }, (_, i) => i);
    const [low, high] = medianInterval(values)!;
    expect(low).toBeLessThanOrEqual(9.5);
    expect(high).toBeGreaterThanOrEqual(9.5);
    expect([low, high]).toEqual([5, 14]);
    expect(medianInterval([1, 2, 3])).toBeNull();
  });
});

describe('cbpeAuc', () => {
  it('realises the Mann–Whitney AUC and, with calibrated scores, estimates it without labels', () => {
    const realised = cbpeAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], (s) => s)!;
    expect(realised.realised).toBeCloseTo(0.75, 12);
    const stream = syntheticStream(12, 1, 4_000, 4, { kind: 'none' });
    const auc = cbpeAuc(stream.scores, stream.labels, (s) => s)!;
    expect(Math.abs(auc.estimated - auc.realised)).toBeLessThan(0.02);
    expect(cbpeAuc([0.2, 0.3], [1, 1], (s) => s)).toBeNull();
  });
});
