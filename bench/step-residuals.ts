/**
 * Real step times to draw simulated comparisons from: bench/fixtures/mlp-wasm-steps.json holds the
 * 40 measured steps of 12 real mlp jobs on wasm, in order, on this kind of (shared, 2-core) machine.
 *
 * Two ways a comparison turns them into paired values:
 *  - job scale (the comparison suite): a round runs A and B in fresh contexts back to back, so
 *    its pair is two adjacent real jobs' step medians (their order at random);
 *  - step scale (both models in one worker, steps A B B A): a job yields one value per ABBA
 *    block, from four consecutive real steps of one job (ABBA or BAAB at random).
 */
import { readFileSync } from 'node:fs';
import type { Rng } from '../src/core/random.ts';
import { median } from '../src/core/stats/index.ts';

interface FixtureJob {
  readonly wallMs: number;
  readonly ttfbMs: number;
  readonly stepsMs: readonly number[];
}

export interface StepResiduals {
  /** Step medians of the real jobs, in the order they ran. */
  readonly jobMediansMs: readonly number[];
  /** Per job, its measured steps in order. */
  readonly jobStepsMs: readonly (readonly number[])[];
  /** Mean real wall time of one job, ms (fresh context to result). */
  readonly jobWallMs: number;
  /** Mean real TTFB, ms: what a job pays before its first step. */
  readonly ttfbMs: number;
  /** Mean real step time, ms. */
  readonly stepMs: number;
}

export function loadStepResiduals(path = new URL('./fixtures/mlp-wasm-steps.json', import.meta.url)): StepResiduals {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const jobs = (raw as { jobs?: unknown }).jobs;
  if (!Array.isArray(jobs) || jobs.length < 2) throw new Error(`${String(path)}: jobs must be an array of ≥ 2 jobs`);
  const parsed = jobs.map((job: FixtureJob, i) => {
    if (!Array.isArray(job.stepsMs) || job.stepsMs.length < 8 || !job.stepsMs.every((x) => x > 0)) {
      throw new Error(`${String(path)}: jobs[${i}].stepsMs must hold ≥ 8 positive step times`);
    }
    return job;
  });
  const all = parsed.flatMap((job) => job.stepsMs);
  return {
    jobMediansMs: parsed.map((job) => median(job.stepsMs)),
    jobStepsMs: parsed.map((job) => job.stepsMs),
    jobWallMs: parsed.reduce((s, job) => s + job.wallMs, 0) / parsed.length,
    ttfbMs: parsed.reduce((s, job) => s + job.ttfbMs, 0) / parsed.length,
    stepMs: all.reduce((s, x) => s + x, 0) / all.length,
  };
}

/** One round at job scale: [A, B] step medians from two adjacent real jobs, B slowed by `slowdown`. */
export function jobScalePair(residuals: StepResiduals, rng: Rng, slowdown: number): [number, number] {
  const i = rng.int(residuals.jobMediansMs.length - 1);
  const first = residuals.jobMediansMs[i]!;
  const second = residuals.jobMediansMs[i + 1]!;
  const [a, b] = rng.next() < 0.5 ? [first, second] : [second, first];
  return [a, b * (1 + slowdown)];
}

/**
 * One job at step scale: the log ratio ln(B / A) of every ABBA block of four consecutive real
 * steps of a random real job, B's steps slowed by `slowdown`.
 */
export function stepScaleBlocks(residuals: StepResiduals, rng: Rng, slowdown: number, blocks: number): number[] {
  const steps = residuals.jobStepsMs[rng.int(residuals.jobStepsMs.length)]!;
  const available = Math.floor(steps.length / 4);
  if (blocks > available) throw new RangeError(`stepScaleBlocks: blocks must be ≤ ${available} (the fixture's steps / 4), got ${blocks}`);
  const out: number[] = [];
  for (let k = 0; k < blocks; k++) {
    const at = 4 * k;
    const [s0, s1, s2, s3] = [steps[at]!, steps[at + 1]!, steps[at + 2]!, steps[at + 3]!];
    // ABBA: A = s0, s3; B = s1, s2. BAAB swaps the roles: the same steps, the other sign.
    const sign = rng.next() < 0.5 ? 1 : -1;
    out.push((sign * Math.log((s1 * s2) / (s0 * s3))) / 2 + Math.log(1 + slowdown));
  }
  return out;
}
