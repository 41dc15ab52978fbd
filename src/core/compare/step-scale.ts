/**
 * The step-scale (interleaved) comparison: one job module holding both models, trained in A B B A
 * order inside one worker (examples/interleaved/abba.js), repeated in fresh contexts until the
 * verdict is resolved or the budget is spent. Step time only: TTFB needs fresh workers per variant
 * and stays with the comparison suites. Each block gives ln(B / A) of its four steps (a linear
 * drift cancels inside it to first order), a job's value is the mean over its blocks, and jobs are
 * the independent units: a Student-t interval over the jobs' values (a blocks-within-jobs estimate).
 * It runs as the `interleaved` suite kind (src/core/runner/interleaved.ts); its power is simulated
 * in bench/sequential-power.ts.
 */
import { z } from 'zod';
import { ROUNDS_DEFAULTS } from '../defaults.ts';
import { meanCi } from '../stats/index.ts';
import { parseJobSpec, parseWith, SpecError, type JobSpec } from '../spec.ts';
import { thresholdTextSchema } from './threshold-schema.ts';
import { parseThreshold, type Threshold } from './threshold.ts';

/** Ring batch i trains A when i mod 4 is 0 or 3: the measured steps start at ring index warmupSteps + 1. */
export const RING_PHASE_WARMUP = 7;

export const interleavedSuiteSchema = z.object({
  kind: z.literal('interleaved'),
  name: z.string().min(1),
  /** The job: a module that trains A and B in A B B A order (see examples/interleaved/abba.js). */
  spec: z.record(z.string(), z.unknown()),
  /** Auto-sampling budget, seconds (10 … 86,400). */
  budgetSeconds: z.number().min(10).max(ROUNDS_DEFAULTS.maxBudgetSeconds),
  /** Relative threshold, e.g. "1%": exit 1 needs B significantly slower and its estimate beyond it. */
  threshold: thresholdTextSchema.default('1%'),
}).strict();

export type InterleavedSuiteFile = z.output<typeof interleavedSuiteSchema>;

export interface InterleavedSuite {
  readonly name: string;
  /** The suite as its file says it (kept in the results file). */
  readonly definition: InterleavedSuiteFile;
  readonly spec: JobSpec;
  readonly budgetSeconds: number;
  readonly threshold: Threshold & { kind: 'relative' };
}

export function parseInterleavedSuite(input: unknown): InterleavedSuite {
  return resolveInterleaved(parseWith(interleavedSuiteSchema, 'suite', input));
}

/** What the schema cannot check: a job module, whole A B B A blocks starting with A, one time per step, a relative threshold. */
export function resolveInterleaved(data: InterleavedSuiteFile): InterleavedSuite {
  const spec = parseJobSpec(data.spec);
  const issues: string[] = [];
  if (spec.job === undefined) issues.push('spec.job: an interleaved suite runs a job module that holds both models (examples/interleaved/abba.js)');
  if (spec.warmupSteps % 8 !== RING_PHASE_WARMUP) issues.push(`spec.warmupSteps: must be ${RING_PHASE_WARMUP} (mod 8) so measured step 0 trains A, got ${spec.warmupSteps}`);
  if (spec.steps % 4 !== 0 || spec.steps < 8) issues.push(`spec.steps: must be a multiple of 4 (whole A B B A blocks), ≥ 8, got ${spec.steps}`);
  if (spec.dataSeed !== undefined) issues.push('spec.dataSeed: must be absent: the seed of each job (spec.seed + job index) sets its A B B A or B A A B order');
  if (spec.syncEvery !== 1) issues.push(`spec.syncEvery: must be 1 (one time per step), got ${spec.syncEvery}`);
  const threshold = parseThreshold(data.threshold);
  if (threshold.kind !== 'relative') issues.push(`threshold: must be relative ("1%"), got "${data.threshold}"`);
  if (issues.length > 0 || threshold.kind !== 'relative') throw new SpecError('suite', issues);
  return { name: data.name, definition: data, spec, budgetSeconds: data.budgetSeconds, threshold };
}

/** ln(B / A) of each A B B A block of one job's measured steps (A = steps 0 and 3 of a block, B = 1 and 2). */
export function blockLogRatios(stepsMs: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 3 < stepsMs.length; i += 4) {
    out.push(Math.log((stepsMs[i + 1]! * stepsMs[i + 2]!) / (stepsMs[i]! * stepsMs[i + 3]!)) / 2);
  }
  return out;
}

export interface StepScaleVerdict {
  readonly verdict: 'slower' | 'faster' | 'no detectable difference' | 'unresolved';
  readonly elapsedMs: number;
  readonly jobs: number;
  /** exp(mean log ratio) − 1 with its interval at the last look's level. */
  readonly relative: { value: number; low: number; high: number; level: number };
}

/** The verdict of per-job mean log ratios at `level` against a relative threshold. */
export function judgeLogRatios(values: readonly number[], level: number, thresholdRelative: number): Omit<StepScaleVerdict, 'elapsedMs' | 'jobs'> {
  const { value, ci } = meanCi(values, level);
  const bound = Math.log(1 + thresholdRelative);
  const verdict = ci.low > 0 ? 'slower' : ci.high < 0 ? 'faster' : ci.low >= -bound && ci.high <= bound ? 'no detectable difference' : 'unresolved';
  return { verdict, relative: { value: Math.expm1(value), low: Math.expm1(ci.low), high: Math.expm1(ci.high), level } };
}
