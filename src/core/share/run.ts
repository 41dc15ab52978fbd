import { z } from 'zod';
import { ROUNDS_DEFAULTS } from '../defaults.ts';
import { devicePeakSchema } from '../efficiency/peak.ts';
import { jobResultSchema, type JobResult } from '../result.ts';
import { roundOrder, thresholdTextSchema } from '../compare/index.ts';
import { samplingSchema } from '../compare/results-file.ts';
import { recordJudgementSchema } from '../compare/judgement.ts';
import { jobSpecSchema, type JobSpec, parseWith } from '../spec.ts';

/**
 * A run: the variants of a comparison, each repeated, with every job's result.
 * The web app stores runs in its history and shares them as links; a single
 * job is a run with one variant and one repetition.
 */
export const runSchema = z
  .object({
    title: z.string().max(200),
    /** ISO date the run started. */
    createdAt: z.string().max(64),
    /** The comparison threshold as the user typed it: '5%' (relative) or '2ms' (absolute). */
    threshold: thresholdTextSchema,
    /** Planned repetitions per variant (a cancelled run has fewer jobs). */
    repetitions: z.number().int().min(1).max(ROUNDS_DEFAULTS.maxRounds),
    variants: z
      .array(z.object({ name: z.string().min(1).max(200), spec: jobSpecSchema }).strict())
      .min(1)
      .max(64),
    /** Device peaks measured in the run, for jobs that counted their work (spec.efficiency); absent in older runs. */
    peaks: z.array(devicePeakSchema).max(8).optional(),
    /** In the order they ran (interleaved: A B, B A, …). */
    jobs: z
      .array(z.object({ variant: z.number().int().min(0), repetition: z.number().int().min(0), result: jobResultSchema }).strict())
      .max(10_000),
    /** How the rounds ended (auto-sampling: resolved or budget, the looks and their level); absent in runs made before it was recorded. */
    sampling: samplingSchema.optional(),
    /**
     * The comparison the runner judged when the run was made (the CLI's, or the app's own runner):
     * what the app shows. Absent in runs made before runs carried it and in runs merged side by
     * side in the app; those are compared where they are shown, and the app says so.
     */
    judgement: recordJudgementSchema.optional(),
  })
  .strict()
  .superRefine((run, ctx) => {
    run.jobs.forEach((job, index) => {
      if (job.variant >= run.variants.length) {
        ctx.addIssue({ code: 'custom', path: ['jobs', index, 'variant'], message: `names variant ${job.variant}, but there are ${run.variants.length}` });
      }
    });
  });

export type Run = z.infer<typeof runSchema>;
export type RunVariant = Run['variants'][number];
export type RunJob = Run['jobs'][number];

export function parseRun(input: unknown): Run {
  return parseWith(runSchema, 'run', input);
}

/** Each variant's results, in display order: the groups a comparison is made of. */
export function variantGroups(run: Run): { name: string; spec: JobSpec; results: (JobResult & { repetition: number })[] }[] {
  return run.variants.map((variant, index) => ({
    name: variant.name,
    spec: variant.spec,
    results: run.jobs.filter((job) => job.variant === index).map((job) => ({ ...job.result, repetition: job.repetition })),
  }));
}

/**
 * Interleaved job order for a comparison: repetition by repetition, every variant
 * once, alternating the order (A B, B A, …; see roundOrder).
 */
export function interleavedPlan(variantCount: number, repetitions: number): { variant: number; repetition: number }[] {
  const plan: { variant: number; repetition: number }[] = [];
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    for (const variant of roundOrder(variantCount, repetition)) plan.push({ variant, repetition });
  }
  return plan;
}

/** Several runs side by side as one: every variant keeps its results, named after its run when names clash. */
export function mergeRuns(runs: readonly Run[], title: string): Run {
  const first = runs[0];
  if (!first) throw new Error('mergeRuns needs at least one run');
  const names = new Set<string>();
  const variants: RunVariant[] = [];
  const jobs: RunJob[] = [];
  // Rounds of different runs did not run side by side: number them apart so no comparison pairs them.
  let roundOffset = 0;
  runs.forEach((run, runIndex) => {
    const offset = variants.length;
    const firstRound = roundOffset;
    roundOffset += Math.max(0, ...run.jobs.map((job) => job.repetition + 1));
    for (const variant of run.variants) {
      let name = runs.length > 1 ? `${variant.name} · run ${runIndex + 1}` : variant.name;
      while (names.has(name)) name = `${name}′`;
      names.add(name);
      variants.push({ name, spec: variant.spec });
    }
    for (const job of run.jobs) jobs.push({ ...job, variant: job.variant + offset, repetition: job.repetition + firstRound });
  });
  return { title, createdAt: first.createdAt, threshold: first.threshold, repetitions: Math.max(...runs.map((r) => r.repetitions)), variants, jobs };
}
