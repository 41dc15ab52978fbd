import { describe, expect, it } from 'vitest';
import { applicableOptions, loadNotes, RunCancelledError, runSuite, type SuiteOutcome } from '../../../src/core/runner/index.ts';
import { parseSuite, type Suite } from '../../../src/core/suite.ts';
import { formatLevel, parseSuiteResultFile, type SuiteResultFile } from '../../../src/core/compare/index.ts';
import { fakeResult } from '../compare/fixtures.ts';
import { fakeContext, obrienFlemingLastLevel } from './fake-context.ts';

const runComparisonSuite = (suite: Suite, context: ReturnType<typeof fakeContext>['context']): Promise<SuiteOutcome> => runSuite(suite, context);
/** The outcome's results file, parsed as the suite results file a comparison writes. */
const fileOf = (outcome: SuiteOutcome): SuiteResultFile => parseSuiteResultFile(outcome.file);
const suite = (extra: Record<string, unknown> = {}) =>
  parseSuite({
    kind: 'comparison',
    name: 'fake',
    base: { backend: 'cpu' },
    variants: [
      { name: 'A', spec: { width: 100 } },
      { name: 'B', spec: { width: 100 } },
    ],
    metrics: ['steps.medianMs'],
    repetitions: 3,
    threshold: '5%',
    ...extra,
  });

describe('a comparison suite', () => {
  it('interleaves the variants round by round, alternating their order, and labels every result', async () => {
    const { context, order, finished } = fakeContext({ noise: 0.01 });
    const outcome = await runComparisonSuite(suite(), context);
    expect(order).toEqual(['A #1', 'B #1', 'B #2', 'A #2', 'A #3', 'B #3']);
    expect(outcome.kind).toBe('comparison');
    expect(outcome.failure).toBeNull();
    expect(outcome.samplingLine).toBeNull();
    expect(outcome.file).toMatchObject({ schemaVersion: 1, tool: { name: 'firstbatch', version: '0.0.0-test' }, suite: { name: 'fake', kind: 'comparison', threshold: '5%' } });
    expect(outcome.results.map((r) => r.host)).toEqual(Array(6).fill({ loadAverage1m: 1.5, cpuCount: 2 }));
    expect(finished()).toBe(1);
    expect(fileOf(outcome).results.map((r) => `${r.variant}${r.repetition}`)).toEqual(['A0', 'B0', 'B1', 'A1', 'A2', 'B2']);
    expect(fileOf(outcome).sampling).toMatchObject({ rounds: 3, stop: 'fixed' });
  });

  it('auto-sampling adds rounds until every difference is resolved, and says so', async () => {
    const { context, log } = fakeContext({ noise: 0.03 });
    const outcome = await runComparisonSuite(suite({ budgetSeconds: 3600 }), context);
    const sampling = fileOf(outcome).sampling!;
    expect(sampling.stop).toBe('resolved');
    expect(sampling.rounds).toBeGreaterThan(3);
    expect(sampling.unresolved).toBe(0);
    expect(sampling.looks).toBeGreaterThan(1);
    // Looks at rounds 3, 5, 8, 12, …: the reported intervals are those of the last look, at the
    // O'Brien–Fleming-type spending of a 3600 s budget at 20 s a round (180 planned rounds).
    expect([5, 8, 12, 18, 27, 41, 62, 93]).toContain(sampling.rounds);
    expect(sampling.level).toBeCloseTo(obrienFlemingLastLevel(180, sampling.rounds), 12);
    expect(outcome.samplingLine).toBe(
      `resolved after ${sampling.rounds} rounds (${sampling.looks} looks, so ${formatLevel(sampling.level!)} intervals: 95% over all looks together)`,
    );
    expect(log()).toContain('auto-sampling: 1 differences unresolved after 3 rounds; next look after round 5');
  });

  it('auto-sampling of identical variants rarely calls either faster or slower, however long it samples', async () => {
    // Judging every round at a plain 95% would call about one in eight of these A/A comparisons
    // faster or slower; spending the 5% across the looks keeps it under 5%.
    let decided = 0;
    let resolved = 0;
    const comparisons = 300;
    for (let i = 0; i < comparisons; i++) {
      const { context } = fakeContext({ noise: 0.03, seed: 1000 + i });
      const outcome = await runComparisonSuite(suite({ budgetSeconds: 20 * 40 }), context);
      const verdict = (fileOf(outcome).comparison as { metrics: { differences: { verdict: string }[] }[] }).metrics[0]!.differences[0]!.verdict;
      if (verdict === 'faster' || verdict === 'slower') decided++;
      if (verdict === 'no detectable difference') resolved++;
    }
    expect(decided / comparisons).toBeLessThan(0.05);
    expect(resolved / comparisons).toBeGreaterThan(0.8);
  });

  it('stops when the next round would overrun the budget, naming what is unresolved', async () => {
    // 20 s a round; 70 s allow 3 rounds, not a 4th.
    const { context, order } = fakeContext({ noise: 0.3 });
    const outcome = await runComparisonSuite(suite({ budgetSeconds: 70 }), context);
    expect(order).toHaveLength(6);
    expect(fileOf(outcome).sampling).toMatchObject({ rounds: 3, stop: 'budget', unresolved: 1 });
    expect(outcome.samplingLine).toBe('budget spent after 3 rounds: 1 difference unresolved');
    expect(outcome.table).toContain('budget spent after 3 rounds');
  });

  it('keeps failed jobs in the results and compares what succeeded', async () => {
    const { context } = fakeContext({ noise: 0.01, failEvery: 4 });
    const outcome = await runComparisonSuite(suite({ repetitions: 4 }), context);
    expect(outcome.results.filter((r) => r.error)).toHaveLength(2);
    // Jobs run A B, B A, A B, B A: the 4th and 8th are A's.
    expect(fileOf(outcome).results[3]).toMatchObject({ variant: 'A', repetition: 1, error: { code: 'timeout' } });
    const variants = (fileOf(outcome).comparison as { metrics: { variants: { n: number; failed: number }[] }[] }).metrics[0]!.variants;
    expect(variants.map((v) => [v.n, v.failed])).toEqual([
      [2, 2],
      [4, 0],
    ]);
  });

  it('one round prints the plain side-by-side table', async () => {
    const { context } = fakeContext({ noise: 0.01 });
    const outcome = await runComparisonSuite(suite({ repetitions: 1 }), context);
    expect(outcome.table).toMatch(/^\s+A\s+B\n/);
    expect(outcome.table).toContain('TTFB (submit → first loss)');
    expect(outcome.table).toContain('values only');
  });

  it('judges a heavier run against a baseline', async () => {
    const base = await runComparisonSuite(suite({ repetitions: 5 }), fakeContext({ noise: 0.02 }).context);
    const heavier = await runComparisonSuite(
      suite({ repetitions: 5, variants: [{ name: 'A', spec: { width: 125 } }, { name: 'B', spec: { width: 100 } }] }),
      fakeContext({ noise: 0.02 }).context,
    );
    const verdict = heavier.judge!(fileOf(base));
    expect(verdict.regressions).toBe(1);
    expect(verdict.line).toMatch(/^1 regression beyond 5%: A step median \+2\d\.\d%/);
    expect(verdict.table).toContain('width 100 → 125');
  });
});

describe('loadNotes', () => {
  const at = (loadAverage1m: number) => ({ ...fakeResult({ ttfbMs: 1000, stepMs: 100 }), host: { loadAverage1m, cpuCount: 2 } });
  it('reports the load of both runs and warns when it differs by half a core per CPU or more', () => {
    expect(loadNotes([at(1), at(1.2)], [at(1.1)])).toEqual(['machine load (1-min average, 2 CPUs): baseline 1.1, this run 1.1']);
    expect(loadNotes([at(16)], [at(27)])[0]).toMatch(/baseline 16\.0, this run 27\.0: the runs are not on an equally busy machine/);
    expect(loadNotes([fakeResult({ ttfbMs: 1, stepMs: 1 })], [at(1)])).toEqual([]);
  });
});

describe('checkpoints', () => {
  it('hear the results file so far after every round', async () => {
    const partial: number[] = [];
    const fake = fakeContext({ noise: 0.01 });
    await runSuite(suite(), { ...fake.context, checkpoint: (file) => partial.push(parseSuiteResultFile(file).results.length) });
    expect(partial).toEqual([2, 4, 6]);
  });
});

describe('cancelling', () => {
  it('stops before the next job and rejects with RunCancelledError, keeping what ran', async () => {
    const abort = new AbortController();
    const fake = fakeContext({ noise: 0.01, beforeJob: (index) => index === 3 && abort.abort() });
    const run = runSuite(suite(), { ...fake.context, signal: abort.signal });
    await expect(run).rejects.toBeInstanceOf(RunCancelledError);
    await expect(run).rejects.toThrow('the run was cancelled after 4 jobs');
    expect(fake.order).toEqual(['A #1', 'B #1', 'B #2', 'A #2']);
    expect(fake.finished()).toBe(1);
  });
});

describe('flags that apply to each kind', () => {
  it.each([
    ['comparison', 'run', ['threshold', 'budget', 'baseline', 'saveBaseline', 'trace']],
    ['lab', 'run', ['threshold', 'budget', 'baseline', 'saveBaseline', 'trace']],
    ['calibration', 'run', ['threshold', 'budget', 'trace']],
    ['canary', 'run', []],
    ['server', 'run', []],
    ['comparison', 'saved', ['threshold', 'baseline', 'trace']],
    ['calibration', 'saved', ['trace']],
  ] as const)('%s (%s): %j', (kind, source, options) => {
    expect(applicableOptions(kind, source)).toEqual(options);
  });
});
