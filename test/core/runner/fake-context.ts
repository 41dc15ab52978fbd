import { nextLookRound, spendLook, startSpending } from '../../../src/core/compare/sequential.ts';
import type { JobResult } from '../../../src/core/result.ts';
import { createRng } from '../../../src/core/random.ts';
import type { RunnerContext } from '../../../src/core/runner/index.ts';
import type { ServingReport } from '../../../src/core/serving/index.ts';
import type { JobSpec } from '../../../src/core/spec.ts';
import { failed, fakeResult } from '../compare/fixtures.ts';

export interface FakeOptions {
  /** Log-normal noise of every measurement (σ of its log). */
  noise: number;
  failEvery?: number;
  seed?: number;
  /** Fake milliseconds each job takes. */
  jobMs?: number;
  /** Step time of a spec (default: its width, so wider costs proportionally more). */
  stepMs?: (spec: JobSpec) => number;
  /** TTFB of a spec (default 1 s). */
  ttfbMs?: (spec: JobSpec) => number;
  /** What runServing answers. */
  serving?: ServingReport;
  /** Called before each job (e.g. to abort after some). */
  beforeJob?: (jobIndex: number) => void;
}

/** A runner context with a fake clock and fake jobs: step time ∝ width × log-normal noise; each job takes 10 s. */
export function fakeContext(options: FakeOptions) {
  const rng = createRng(options.seed ?? 99);
  let clockMs = 0;
  const order: string[] = [];
  const specs: JobSpec[] = [];
  const notes: string[] = [];
  const totals: [number, boolean][] = [];
  let finished = 0;
  const context: RunnerContext = {
    async runJob(spec, job): Promise<JobResult> {
      options.beforeJob?.(order.length);
      clockMs += options.jobMs ?? 10_000;
      order.push(job.label);
      specs.push(spec);
      if (options.failEvery !== undefined && order.length % options.failEvery === 0) return failed();
      const stepMs = (options.stepMs ?? ((s: JobSpec) => s.width))(spec);
      return fakeResult({ ttfbMs: (options.ttfbMs?.(spec) ?? 1000) * Math.exp(options.noise * rng.normal()), stepMs: stepMs * Math.exp(options.noise * rng.normal()), spec: { width: spec.width, prewarm: spec.prewarm, precompile: spec.precompile } });
    },
    async runServing(_suite, onProgress) {
      clockMs += 1500;
      onProgress('probing 20 QPS');
      if (!options.serving) throw new Error('this fake serves nothing');
      return options.serving;
    },
    now: () => clockMs,
    hostInfo: () => ({ loadAverage1m: 1.5, cpuCount: 2 }),
    progress: {
      setTotal: (jobCount, more) => totals.push([jobCount, more]),
      note: (line) => notes.push(line),
      finish: () => void finished++,
    },
    toolVersion: '0.0.0-test',
  };
  return { context, order, specs, notes, totals, finished: () => finished, log: () => notes.join('\n') };
}

/**
 * The level of the last look of an O'Brien–Fleming-spending run that looked at rounds 3, 5, 8, …
 * up to `lastRound`, with `plannedRounds` the budget's rounds at the fake clock's pace.
 */
export function obrienFlemingLastLevel(plannedRounds: number, lastRound: number): number {
  let state = startSpending('obrien-fleming', 0.95, plannedRounds);
  let alpha = 0;
  for (let round = 3; round <= lastRound; round = nextLookRound(round)) ({ alpha, state } = spendLook(state, round, false));
  return 1 - alpha;
}
