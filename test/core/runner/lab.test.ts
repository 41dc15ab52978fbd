import { describe, expect, it } from 'vitest';
import { formatLevel, parseSuiteResultFile } from '../../../src/core/compare/index.ts';
import { runSuite } from '../../../src/core/runner/index.ts';
import type { JobSpec } from '../../../src/core/spec.ts';
import { parseSuite } from '../../../src/core/suite.ts';
import { fakeContext, obrienFlemingLastLevel } from './fake-context.ts';

const lab = (extra: Record<string, unknown> = {}) =>
  parseSuite({
    kind: 'lab',
    name: 'fake lab',
    base: { backend: 'cpu', width: 100 },
    variants: [
      { name: 'cold', spec: {} },
      { name: 'precompile', spec: { precompile: true } },
      { name: 'best', spec: { prewarm: true, precompile: true } },
    ],
    baseline: 'cold',
    metrics: ['ttfb.totalMs', 'steps.medianMs'],
    repetitions: 3,
    threshold: '5%',
    ...extra,
  });

/** precompile saves 30% of the TTFB, prewarm + precompile 60%; step time is the same for all. */
const ttfbMs = (spec: JobSpec): number => 1000 * (spec.prewarm ? 0.4 : spec.precompile ? 0.7 : 1);

describe('a lab suite', () => {
  it('runs interleaved rounds in A B C, C B A order and summarizes what each knob saved', async () => {
    const { context, order } = fakeContext({ noise: 0.02, ttfbMs });
    const outcome = await runSuite(lab(), context);
    expect(order).toEqual(['cold #1', 'precompile #1', 'best #1', 'best #2', 'precompile #2', 'cold #2', 'cold #3', 'precompile #3', 'best #3']);
    expect(outcome.kind).toBe('lab');
    expect(outcome.table).toMatch(/^fake lab: mlp on cpu, 3 interleaved rounds/);
    expect(outcome.table).toContain('TTFB (95% CI)');
    expect(outcome.table).toMatch(/Recommended: best \{"prewarm":true,"precompile":true\} — TTFB \d+ ms sooner \((59|60)\.\d%/);
    expect(outcome.table).toContain('sampling: 3 rounds (fixed)');
    expect(outcome.markdown).toMatch(/^### fake lab: mlp on cpu \(3 rounds\)/);
    const file = parseSuiteResultFile(outcome.file);
    expect(file.suite).toMatchObject({ name: 'fake lab', kind: 'lab', threshold: '5%', metrics: ['ttfb.totalMs', 'steps.medianMs'] });
    expect(file.results.map((r) => `${r.variant}${r.repetition}`)).toEqual(['cold0', 'precompile0', 'best0', 'best1', 'precompile1', 'cold1', 'cold2', 'precompile2', 'best2']);
  });

  it('auto-samples TTFB with looks and reports its intervals at the level of the last look', async () => {
    // Noisy enough that 3 rounds cannot resolve precompile's saving against the 5% threshold.
    const { context, order, notes } = fakeContext({ noise: 0.25, ttfbMs, seed: 7 });
    const outcome = await runSuite(lab({ budgetSeconds: 3600 }), context);
    const { sampling } = parseSuiteResultFile(outcome.file);
    expect(sampling?.looks).toBeGreaterThan(1);
    // 3 variants at 10 s a job: 3600 s hold 120 rounds, the information fraction's denominator.
    expect([5, 8, 12, 18, 27, 41, 62, 93]).toContain(sampling?.rounds);
    expect(sampling?.level).toBeCloseTo(obrienFlemingLastLevel(120, sampling!.rounds), 12);
    expect(notes[0]).toMatch(/^auto-sampling: \d differences unresolved after 3 rounds; next look after round 5$/);
    // The rounds keep alternating their order while sampling goes on.
    expect(order.slice(9, 15)).toEqual(['best #4', 'precompile #4', 'cold #4', 'cold #5', 'precompile #5', 'best #5']);
    const level = `${formatLevel(sampling!.level!)} CI`;
    expect(outcome.table).toContain(`TTFB (${level})`);
    expect(outcome.table).toContain(`saved % (${level})`);
    expect(outcome.samplingLine).toMatch(/^(resolved|budget spent) after \d+ rounds \(\d+ looks/);
  });

  it('judges a lab run against a baseline on the suite\'s metrics', async () => {
    const before = await runSuite(lab({ repetitions: 5 }), fakeContext({ noise: 0.02, ttfbMs }).context);
    const slower = await runSuite(lab({ repetitions: 5 }), fakeContext({ noise: 0.02, ttfbMs: (spec) => 1.5 * ttfbMs(spec) }).context);
    const verdict = slower.judge!(parseSuiteResultFile(before.file));
    expect(verdict.judged).toBe(3);
    expect(verdict.regressions).toBe(3);
    expect(verdict.line).toMatch(/^3 regressions beyond 5%: cold TTFB \+5\d\.\d%/);
  });
});
