/**
 * The step-scale calibration: repeated interleaved (A B B A) comparisons of arms whose true
 * difference is known — the same model twice (A/A) and real slowdowns (a wider hidden layer) —
 * counted by verdict, so the design's false-call rate and its power are measured, not argued.
 * Trials run round-robin over the arms (trial 1 of every arm, then trial 2, …), so a run stopped
 * early still has every arm measured as often, under the same conditions. The driver is
 * bench/interleaved-calibration.ts; each trial is one run of the `interleaved` kind
 * (src/core/runner/interleaved.ts).
 */
import { z } from 'zod';
import { binomialCdf } from '../stats/distributions.ts';
import { median } from '../stats/index.ts';
import { parseWith, SpecError } from '../spec.ts';
import { thresholdTextSchema } from './threshold-schema.ts';
import type { InterleavedReport } from './step-scale-report.ts';
import { parseInterleavedSuite, type InterleavedSuite, type StepScaleVerdict } from './step-scale.ts';

const armSchema = z.object({
  name: z.string().min(1),
  /** The job module holding both models (examples/interleaved/*.js). */
  job: z.string().min(1),
  /** What a correct verdict is: "same" for A/A (any slower or faster call is false), "slower" for a real slowdown. */
  expect: z.enum(['same', 'slower']),
}).strict();

const calibrationSchema = z.object({
  kind: z.literal('interleaved-calibration'),
  name: z.string().min(1),
  description: z.string().optional(),
  /** The job spec every arm shares; each arm sets its `job`. */
  spec: z.record(z.string(), z.unknown()),
  arms: z.array(armSchema).min(1).max(20),
  /** Trials per arm (1 … 1,000). */
  trials: z.number().int().min(1).max(1000),
  /** Each trial's auto-sampling budget, seconds (10 … 86,400). */
  budgetSeconds: z.number().min(10).max(86_400),
  threshold: thresholdTextSchema.default('1%'),
}).strict();

export interface CalibrationArm {
  readonly name: string;
  readonly expect: 'same' | 'slower';
  /** The arm's interleaved suite; trial t runs it with spec.seed moved by trialSeedStride × t. */
  readonly suite: InterleavedSuite;
}

export interface InterleavedCalibration {
  readonly name: string;
  readonly arms: readonly CalibrationArm[];
  readonly trials: number;
}

/** Jobs of one trial use seeds seed … seed + jobs − 1; trials this far apart never share one (even, so each keeps its A B B A / B A A B alternation). */
export const TRIAL_SEED_STRIDE = 100_000;

export function parseInterleavedCalibration(input: unknown): InterleavedCalibration {
  const data = parseWith(calibrationSchema, 'calibration suite', input);
  const arms = data.arms.map((arm, i): CalibrationArm => {
    try {
      const suite = parseInterleavedSuite({ kind: 'interleaved', name: arm.name, spec: { ...data.spec, job: arm.job }, budgetSeconds: data.budgetSeconds, threshold: data.threshold });
      return { name: arm.name, expect: arm.expect, suite };
    } catch (error) {
      if (error instanceof SpecError) throw new SpecError('calibration suite', error.issues.map((issue) => `arms.${i} (${arm.name}): ${issue}`));
      throw error;
    }
  });
  return { name: data.name, arms, trials: data.trials };
}

/** Trial `trial`'s suite of an arm: its own seeds. */
export function trialSuite(arm: CalibrationArm, trial: number): InterleavedSuite {
  return { ...arm.suite, spec: { ...arm.suite.spec, seed: arm.suite.spec.seed + TRIAL_SEED_STRIDE * trial } };
}

/** One finished trial, as the driver records it (one JSON line each). */
export interface CalibrationTrial {
  readonly arm: string;
  readonly trial: number;
  readonly verdict: StepScaleVerdict['verdict'];
  /** B significantly slower and its estimate beyond the threshold: the gate's exit 1. */
  readonly gateFails: boolean;
  readonly jobs: number;
  readonly elapsedMs: number;
  readonly relative: NonNullable<InterleavedReport['relative']>;
  readonly loadAverage1m: number;
}

export interface ArmSummary {
  readonly arm: string;
  readonly expect: 'same' | 'slower';
  readonly trials: number;
  readonly counts: Readonly<Record<StepScaleVerdict['verdict'], number>>;
  /** "same": share of trials with a slower or faster call (false calls); "slower": share called slower (power). */
  readonly rate: { value: number; low: number; high: number };
  readonly gateFailRate: number;
  readonly medianElapsedMs: number | null;
  readonly medianJobs: number | null;
  readonly meanRelative: number | null;
}

const VERDICTS = ['slower', 'faster', 'no detectable difference', 'unresolved'] as const;

export function summarizeCalibration(calibration: InterleavedCalibration, trials: readonly CalibrationTrial[]): ArmSummary[] {
  return calibration.arms.map((arm) => {
    const mine = trials.filter((t) => t.arm === arm.name);
    const counts = Object.fromEntries(VERDICTS.map((v) => [v, mine.filter((t) => t.verdict === v).length])) as Record<StepScaleVerdict['verdict'], number>;
    const hits = arm.expect === 'same' ? counts.slower + counts.faster : counts.slower;
    const medianOf = (xs: number[]): number | null => (xs.length === 0 ? null : median(xs));
    return {
      arm: arm.name,
      expect: arm.expect,
      trials: mine.length,
      counts,
      rate: { value: mine.length === 0 ? Number.NaN : hits / mine.length, ...clopperPearson(hits, mine.length, 0.95) },
      gateFailRate: mine.length === 0 ? Number.NaN : mine.filter((t) => t.gateFails).length / mine.length,
      medianElapsedMs: medianOf(mine.map((t) => t.elapsedMs)),
      medianJobs: medianOf(mine.map((t) => t.jobs)),
      meanRelative: mine.length === 0 ? null : mine.reduce((s, t) => s + t.relative.value, 0) / mine.length,
    };
  });
}

/** The exact (Clopper–Pearson) interval of a binomial proportion k / n, by bisection on the binomial CDF. */
export function clopperPearson(k: number, n: number, level: number): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const tail = (1 - level) / 2;
  const solve = (f: (p: number) => number): number => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (f(mid) > 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  // low: P(X ≥ k | p) = tail; high: P(X ≤ k | p) = tail.
  const low = k === 0 ? 0 : solve((p) => tail - (1 - binomialCdf(k - 1, n, p)));
  const high = k === n ? 1 : solve((p) => binomialCdf(k, n, p) - tail);
  return { low, high };
}

const pct = (x: number, digits = 1): string => (Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : 'unavailable');

/** The calibration table: per arm, its verdicts, false-call rate or power with its 95% interval, and the time to a verdict. */
export function formatCalibration(rows: readonly ArmSummary[]): string {
  const head = '| arm | expected | trials | slower | faster | no difference | unresolved | false calls / power (95% CI) | gate exit 1 | median time | median jobs | mean B / A |';
  const lines = rows.map((r) =>
    `| ${r.arm} | ${r.expect} | ${r.trials} | ${r.counts.slower} | ${r.counts.faster} | ${r.counts['no detectable difference']} | ${r.counts.unresolved} | ` +
    `${r.expect === 'same' ? 'false calls' : 'power'} ${r.trials === 0 ? 'unavailable' : `${pct(r.rate.value)} [${pct(r.rate.low)}, ${pct(r.rate.high)}]`} | ${pct(r.gateFailRate)} | ` +
    `${r.medianElapsedMs === null ? 'unavailable' : `${(r.medianElapsedMs / 1000).toFixed(0)} s`} | ${r.medianJobs ?? 'unavailable'} | ` +
    `${r.meanRelative === null ? 'unavailable' : `${r.meanRelative >= 0 ? '+' : ''}${(100 * r.meanRelative).toFixed(2)}%`} |`);
  return [head, `|${' --- |'.repeat(12)}`, ...lines].join('\n');
}
