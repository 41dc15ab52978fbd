import { describe, expect, it } from 'vitest';
import { calibrationOrder, parseCalibrationFile } from '../../../src/core/calibration.ts';
import { outcomeOfSavedFile, runSuite } from '../../../src/core/runner/index.ts';
import { parseSuite } from '../../../src/core/suite.ts';
import { fakeContext } from './fake-context.ts';

const calibration = (extra: Record<string, unknown> = {}) =>
  parseSuite({
    kind: 'calibration',
    name: 'fake calibration',
    base: { backend: 'cpu', width: 320, steps: 10 },
    candidate: { width: 352 },
    aa: 2,
    ab: 2,
    metric: 'steps.medianMs',
    threshold: '5%',
    budgetSeconds: 3600,
    repetitions: 3,
    ...extra,
  });

/** B costs exactly 10% more per step than A; TTFB is the same. */
const tenPercentSlower = { stepMs: (spec: { width: number }) => (spec.width === 352 ? 110 : 100) };

describe('a calibration suite', () => {
  it('spreads the A/B comparisons evenly among the A/A ones', () => {
    expect(calibrationOrder(2, 2)).toEqual(['A/B', 'A/A', 'A/B', 'A/A']);
    expect(calibrationOrder(20, 10).join(' ')).toBe(Array(10).fill('A/A A/B A/A').join(' '));
    expect(calibrationOrder(3, 0)).toEqual(['A/A', 'A/A', 'A/A']);
  });

  it('finds a known 10% slowdown in every A/B comparison and none in the A/A ones, and measures its size', async () => {
    const { context, order, specs, notes, totals } = fakeContext({ noise: 0.01, ...tenPercentSlower });
    const outcome = await runSuite(calibration(), context);
    const { report, results } = parseCalibrationFile(outcome.file);
    expect(report.comparisons.map((c) => [c.kind, c.metric.verdict])).toEqual([
      ['A/B', 'slower'],
      ['A/A', 'no detectable difference'],
      ['A/B', 'slower'],
      ['A/A', 'no detectable difference'],
    ]);
    for (const c of report.comparisons.filter((x) => x.kind === 'A/B')) {
      expect(c.metric.ci[0]).toBeLessThan(0.1);
      expect(c.metric.ci[1]).toBeGreaterThan(0.1);
    }
    expect(report.cost?.ratio).toBeCloseTo(1.1, 2);
    // Each comparison is a two-variant comparison in A B, B A rounds; B is wider only in A/B ones.
    expect(order.slice(0, 4)).toEqual(['1/4 A/B: A #1', '1/4 A/B: B #1', '1/4 A/B: B #2', '1/4 A/B: A #2']);
    expect(specs.slice(0, 2).map((s) => s.width)).toEqual([320, 352]);
    const aa = order.findIndex((label) => label.startsWith('2/4 A/A'));
    expect(specs.slice(aa, aa + 2).map((s) => s.width)).toEqual([320, 320]);
    expect(results).toHaveLength(order.length);
    expect(report.jobCount).toBe(order.length);
    // Progress counts the whole calibration: this comparison's first rounds and the three after it.
    expect(totals[0]).toEqual([6 + 3 * 6, true]);
    expect(notes[0]).toMatch(/^fake calibration: 2 A\/A \+ 2 A\/B comparisons of the step median, threshold 5%/);
    expect(notes.filter((n) => /^\d\/4 A\/[AB]: step median/.test(n))).toHaveLength(4);
    expect(outcome.table).toContain('step median: A/A (2): no detectable difference 2, slower 0, faster 0, unresolved 0; A/B (2): no detectable difference 0, slower 2, faster 0, unresolved 0');
    expect(outcome.table).toMatch(/measured step median over all jobs: B \/ A = ×1\.(09|10|11)\d \(B \d+ jobs, A \d+ jobs\)/);
    expect(outcome.table).toMatch(/rounds per comparison: A\/A median [\d.]+ rounds \(\d+–\d+\), A\/B median [\d.]+ rounds/);
    expect(outcome.table).toMatch(/TTFB on the same jobs \(not sampled for\): A\/A \(2\): .*; A\/B \(2\): /);
    expect(outcome.table).toContain(`${order.length} jobs, 0 failed`);
    expect(outcome.markdown).toMatch(/^### fake calibration/);
    expect(outcome.judge).toBeUndefined();
    expect(outcome.failure).toBeNull();
  });

  it('takes the command line\'s threshold and budget for every comparison', async () => {
    const { context } = fakeContext({ noise: 0.01, ...tenPercentSlower });
    const outcome = await runSuite(calibration({ aa: 1, ab: 0 }), context, { threshold: { value: { kind: 'relative', fraction: 0.2 }, text: '20%' }, budgetSeconds: 60 });
    const { report } = parseCalibrationFile(outcome.file);
    expect([report.suite.threshold, report.suite.budgetSeconds]).toEqual(['20%', 60]);
    expect(report.cost).toBeNull();
    expect(outcome.table).toContain('measured step median ratio B / A unavailable');
  });

  it('checkpoints its file after every comparison', async () => {
    const partial: number[] = [];
    const { context } = fakeContext({ noise: 0.01, ...tenPercentSlower });
    await runSuite(calibration(), { ...context, checkpoint: (file) => partial.push(parseCalibrationFile(file).report.comparisons.length) });
    expect(partial).toEqual([1, 2, 3, 4]);
  });

  it('prints the same text again from its saved file', async () => {
    const { context } = fakeContext({ noise: 0.01, ...tenPercentSlower });
    const outcome = await runSuite(calibration({ aa: 1, ab: 1 }), context);
    const again = outcomeOfSavedFile(JSON.parse(JSON.stringify(outcome.file)));
    expect(again.kind).toBe('calibration');
    expect(again.table).toBe(outcome.table);
  });
});
