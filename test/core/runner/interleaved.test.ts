import { describe, expect, it } from 'vitest';
import { parseInterleavedFile } from '../../../src/core/compare/step-scale-report.ts';
import { createRng } from '../../../src/core/random.ts';
import type { JobResult } from '../../../src/core/result.ts';
import { applicableOptions, outcomeOfSavedFile, RunCancelledError, runSuite, type RunnerContext } from '../../../src/core/runner/index.ts';
import type { JobSpec } from '../../../src/core/spec.ts';
import { parseStoredRecord } from '../../../src/core/store/record.ts';
import { failedJob, summarizeSteps } from '../../../src/core/summarize.ts';
import { parseSuite } from '../../../src/core/suite.ts';

const suite = (extra: Record<string, unknown> = {}) =>
  parseSuite({
    kind: 'interleaved',
    name: 'fake interleaved',
    spec: { job: './examples/interleaved/wider-10pct.js', backend: 'wasm', steps: 40, warmupSteps: 7, servingQueries: 0, profileSteps: 0, agreement: false },
    budgetSeconds: 600,
    threshold: '1%',
    ...extra,
  });

interface FakeJobs {
  /** B's step time over A's. */
  readonly ratio: number;
  /** σ of each step's log-normal noise. */
  readonly noise?: number;
  /** A slow linear drift of the machine, per step (fraction of the step). */
  readonly driftPerStep?: number;
  readonly failAt?: number;
  readonly beforeJob?: (index: number) => void;
}

/**
 * Jobs whose measured steps alternate A B B A (B A A B for odd seeds, as the job module does),
 * B costing `ratio` × A's 10 ms, with noise and a drift that the blocks must cancel. Each job takes 20 fake seconds.
 */
function fakeInterleaved(options: FakeJobs) {
  const rng = createRng(7);
  let clockMs = 0;
  const seeds: number[] = [];
  const notes: string[] = [];
  const context: RunnerContext = {
    async runJob(spec: JobSpec): Promise<JobResult> {
      options.beforeJob?.(seeds.length);
      clockMs += 20_000;
      seeds.push(spec.seed);
      if (options.failAt === seeds.length) return failedJob(spec, { code: 'timeout', message: 'the job did not finish within 1000 ms' }, 1000);
      const order = spec.seed % 2 === 1 ? ['B', 'A', 'A', 'B'] : ['A', 'B', 'B', 'A'];
      const samples = Array.from({ length: spec.steps }, (_, i) => {
        const base = 10 * (1 + (options.driftPerStep ?? 0) * i);
        return base * (order[i % 4] === 'B' ? options.ratio : 1) * Math.exp((options.noise ?? 0.02) * rng.normal());
      });
      return { ...failedJob(spec, { code: 'job-failed', message: 'unused' }, 5000), error: null, steps: summarizeSteps(spec, samples) };
    },
    runServing: () => Promise.reject(new Error('no serving here')),
    now: () => clockMs,
    hostInfo: () => null,
    progress: { setTotal: () => undefined, note: (line) => void notes.push(line), finish: () => undefined },
    toolVersion: '0.0.0-test',
  };
  return { context, seeds, notes };
}

describe('an interleaved suite (step scale, A B B A in one worker) run by the suite runner', () => {
  it('finds a 5% slowdown under a drift of the machine, says B is a regression and makes the run exit 1', async () => {
    const { context, seeds, notes } = fakeInterleaved({ ratio: 1.05, driftPerStep: 0.01 });
    const outcome = await runSuite(suite(), context);
    const { report, results } = parseInterleavedFile(outcome.file);
    expect(report.verdict).toBe('slower');
    expect(report.stop).toBe('resolved');
    expect(report.regression).toBe(true);
    expect(report.relative!.value).toBeCloseTo(0.05, 2);
    expect(report.relative!.low!).toBeLessThan(0.05);
    expect(report.relative!.high!).toBeGreaterThan(0.05);
    // Job i runs with seed + i (the spec's seed is 1), so jobs alternate B A A B and A B B A.
    expect(seeds.slice(0, 3)).toEqual([1, 2, 3]);
    expect(results).toHaveLength(report.values.length);
    expect(report.values[0]!.blocks).toBe(10);
    expect(outcome.failure).toMatch(/^slower after \d+ jobs, \d+ s: B is slower by more than 1% \(exit 1\)$/);
    expect(outcome.table).toMatch(/B \/ A step time +\+5\.\d\d% \[\+\d\.\d\d%, \+\d\.\d\d%\] \(\d+(\.\d+)?% CI\)/);
    expect(outcome.markdown).toContain('| step time (A B B A, one worker) |');
    expect(notes.some((n) => /^look 1 at 3 of 30 planned jobs/.test(n))).toBe(true);
  });

  it('calls the same model on both sides "no detectable difference" and exits 0', async () => {
    const { context } = fakeInterleaved({ ratio: 1, noise: 0.01 });
    const outcome = await runSuite(suite(), context);
    const { report } = parseInterleavedFile(outcome.file);
    expect(report.verdict).toBe('no detectable difference');
    expect(report.regression).toBe(false);
    expect(outcome.failure).toBeNull();
  });

  it('does not gate a significant slowdown inside the threshold', async () => {
    const { context } = fakeInterleaved({ ratio: 1.05, noise: 0.005 });
    const outcome = await runSuite(suite({ threshold: '10%' }), context);
    const { report } = parseInterleavedFile(outcome.file);
    expect(report.verdict).toBe('slower');
    expect(report.regression).toBe(false);
    expect(outcome.failure).toBeNull();
  });

  it('stops at the budget unresolved when the noise drowns the difference, having spent it', async () => {
    const { context } = fakeInterleaved({ ratio: 1.01, noise: 0.6 });
    const outcome = await runSuite(suite({ budgetSeconds: 100 }), context);
    const { report } = parseInterleavedFile(outcome.file);
    expect(report.verdict).toBe('unresolved');
    expect(['budget', 'planned']).toContain(report.stop);
    expect(report.values.length).toBeLessThanOrEqual(5);
  });

  it('takes --threshold and --budget, and refuses options that mean nothing for it', async () => {
    const { context } = fakeInterleaved({ ratio: 1.05, noise: 0.005 });
    const outcome = await runSuite(suite(), context, { threshold: { value: { kind: 'relative', fraction: 0.1 }, text: '10%' }, budgetSeconds: 120 });
    const { report } = parseInterleavedFile(outcome.file);
    expect(report.suite.threshold).toBe('10%');
    expect(report.suite.budgetSeconds).toBe(120);
    expect(report.regression).toBe(false);
    expect(applicableOptions('interleaved', 'run')).toEqual(['threshold', 'budget', 'trace']);
  });

  it('a failed job is reported as that job\'s error, every job before it kept, and no verdict', async () => {
    const { context } = fakeInterleaved({ ratio: 1.05, failAt: 2 });
    const outcome = await runSuite(suite(), context);
    const { report, results } = parseInterleavedFile(outcome.file);
    expect(report.stop).toBe('job failed');
    expect(report.verdict).toBe('unresolved');
    expect(results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'timeout']);
    expect(report.values).toHaveLength(1);
    expect(outcome.failure).toBeNull();
    // It stopped before the budget was planned: no planned count, not 0.
    expect(report.plannedJobs).toBeNull();
    expect(outcome.table).toContain('1 job measured (stopped before the first look)');
  });

  it('stops before its next job when cancelled', async () => {
    const signal = { aborted: false };
    const { context } = fakeInterleaved({ ratio: 1.05, beforeJob: (i) => void (i === 2 && (signal.aborted = true)) });
    await expect(runSuite(suite(), { ...context, signal })).rejects.toBeInstanceOf(RunCancelledError);
  });

  it('prints again from its saved file (--from), and a results store takes the file as a report of its own', async () => {
    const { context } = fakeInterleaved({ ratio: 1.05 });
    const outcome = await runSuite(suite(), context);
    const saved = JSON.parse(JSON.stringify(outcome.file)) as unknown;
    const again = outcomeOfSavedFile(saved);
    expect(again.kind).toBe('interleaved');
    expect(again.table).toBe(outcome.table);
    expect(again.failure).toBe(outcome.failure);
    expect(parseStoredRecord(saved).kind).toBe('report');
    expect(() => outcomeOfSavedFile({ ...(saved as object), report: { verdict: 'maybe' } })).toThrow(/report\.(suite|verdict)/);
  });
});
