import type { PhaseName } from '../../src/core/phases.ts';
import { createRng } from '../../src/core/random.ts';
import type { AnatomyResult, JobResult, PrewarmResult } from '../../src/core/result.ts';
import { parseJobResult } from '../../src/core/result.ts';
import { parseJobSpec, type JobSpecInput } from '../../src/core/spec.ts';
import { summarizeJob } from '../../src/core/summarize.ts';
import { withTimeline } from '../../src/core/timeline.ts';
import type { WorkerReport } from '../../src/core/worker-api.ts';

/**
 * A job as the worker would report it (seeded, with a plausible timeline),
 * summarised and timed by the real summarizeJob + withTimeline.
 */
export function syntheticJob(options: { spec?: JobSpecInput; seed?: number; prewarm?: PrewarmResult; anatomy?: boolean; kernelMsScale?: number; phaseMs?: Partial<Record<PhaseName, number>> } = {}): JobResult {
  const spec = parseJobSpec({ steps: 6, servingQueries: 4, ...options.spec });
  const rng = createRng(options.seed ?? 3);
  const submitted = 1_700_000_000_000 + rng.next() * 1000;
  let t = submitted;
  const phaseNames = spec.precompile ? (['spawn', 'import', 'backend', 'build', 'data', 'compile', 'first-step'] as const) : (['spawn', 'import', 'backend', 'build', 'data', 'first-step'] as const);
  const phaseMs = (name: PhaseName): number => {
    const given = options.phaseMs?.[name];
    if (given !== undefined) return Math.max(0.01, given * (1 + 0.05 * rng.normal()));
    return options.prewarm && ['spawn', 'import', 'backend'].includes(name) ? 0.2 : 20 + rng.next() * 400;
  };
  const marks = phaseNames.map((name) => ({ name, endAbsMs: (t += phaseMs(name)) }));
  const spans: { name: string; startAbsMs: number; endAbsMs: number }[] = [];
  const span = (name: string, ms: number): void => {
    spans.push({ name, startAbsMs: t, endAbsMs: (t += ms) });
  };
  t += 0.3;
  span('warm-up', 150);
  const stepStartsAbsMs: number[] = [];
  const stepSamplesMs: number[] = [];
  for (let i = 0; i < spec.steps; i++) {
    t += 0.05;
    stepStartsAbsMs.push(t);
    const ms = 100 + rng.normal() * 5;
    stepSamplesMs.push(ms);
    t += ms;
  }
  span('kernel-profile', 300);
  let anatomy: AnatomyResult | null = null;
  if (options.anatomy) {
    const start = t;
    const dispatchMs = [8, 9, 7.5];
    const waitMs = [92, 95, 93];
    t += 300;
    const stepStartMs = t;
    const list = ['MatMul', 'Add', 'Relu', 'MatMul', 'Sum', 'MatMul'].map((name, i) => ({ name, ms: (name === 'MatMul' ? 20 : 1 + i * 0.1) * (options.kernelMsScale ?? 1) }));
    t += 120;
    anatomy = {
      wallMs: dispatchMs.map((d, i) => d + (waitMs[i] as number)),
      dispatchMs,
      waitMs,
      gpu: { available: true, source: 'gpu-timestamp', msPerStep: [70, 72, 71], quantumMs: 0.1, note: 'synthetic' },
      kernels: { available: true, source: 'gpu-timestamp', note: 'synthetic', stepStartMs, stepMs: 120, list },
    };
    spans.push({ name: 'anatomy', startAbsMs: start, endAbsMs: t });
  }
  const servingStart = t;
  t += 2;
  const coldStartAbsMs = t;
  const coldMs = 400;
  t += coldMs;
  const startsAbsMs: number[] = [];
  const samplesMs: number[] = [];
  for (let i = 0; i < spec.servingQueries; i++) {
    startsAbsMs.push(t);
    const ms = 30 + rng.next() * 5;
    samplesMs.push(ms);
    t += ms + 0.01;
  }
  spans.push({ name: 'serving', startAbsMs: servingStart, endAbsMs: t });
  const report: WorkerReport = {
    workerScriptStartAbsMs: submitted + 50,
    marks: [...marks],
    stepSamplesMs,
    stepStartsAbsMs,
    lossHistory: [2.3, 2.1, 2.0],
    serving: { batchSize: 1, coldMs, samplesMs, coldStartAbsMs, startsAbsMs },
    prewarm: options.prewarm ? { importMs: options.prewarm.importMs, backendMs: options.prewarm.backendMs, pipelineCacheMs: options.prewarm.pipelineCacheMs } : null,
    anatomy,
    spans,
    kernel: null,
    memory: null,
    env: null,
    error: null,
  };
  const wallMs = t - submitted + 5;
  // Through the schema, as a result arriving from the page would be.
  return parseJobResult(withTimeline(summarizeJob(spec, submitted, report, wallMs), report, submitted, options.prewarm ?? null));
}
