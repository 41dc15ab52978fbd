import { createRng } from '../../../src/core/random.ts';
import type { JobResult } from '../../../src/core/result.ts';
import type { Run } from '../../../src/core/share/run.ts';
import { interleavedPlan } from '../../../src/core/share/run.ts';
import { parseJobSpec } from '../../../src/core/spec.ts';
import { summarizeJob } from '../../../src/core/summarize.ts';

/** A two-variant run with noisy, seeded measurements, summarised by the real summarizeJob. */
export function sampleRun(options: { repetitions?: number; steps?: number; userAgent?: string } = {}): Run {
  const repetitions = options.repetitions ?? 3;
  const steps = options.steps ?? 20;
  const rng = createRng(7);
  const variants = ['cpu', 'wasm'].map((backend) => ({ name: backend, spec: parseJobSpec({ backend, steps }) }));
  const jobs = interleavedPlan(variants.length, repetitions).map(({ variant, repetition }) => {
    const spec = variants[variant]!.spec;
    const base = variant === 0 ? 90 : 10;
    const submitted = 1_000_000 + rng.next() * 1000;
    let t = submitted;
    const marks = (['spawn', 'import', 'backend', 'build', 'data', 'first-step'] as const).map((name) => ({ name, endAbsMs: (t += 10 + rng.next() * 300) }));
    const result: JobResult = summarizeJob(
      spec,
      submitted,
      {
        workerScriptStartAbsMs: submitted + 5.123456,
        marks,
        stepSamplesMs: Array.from({ length: steps }, () => base + rng.normal() * base * 0.05 + 0.000123),
        lossHistory: Array.from({ length: steps + 4 }, (_, i) => 2.302585 / (1 + i * 0.1234567)),
        serving: { batchSize: 1, coldMs: 2.3456789, samplesMs: Array.from({ length: 20 }, () => 0.1 + rng.next() * 0.05) },
        kernel: { available: true, source: 'cpu-timer', samplesMs: [1.23456, 1.3456], medianMs: 1.29008, note: 'kernels timed on the CPU' },
        memory: { tensorsAfterWarmup: 10, tensorsAfterSteps: 10, tensorsAfterServing: 10, bytesAfterSteps: 123456 },
        env: {
          userAgent: options.userAgent ?? 'Mozilla/5.0 HeadlessChrome/156',
          hardwareConcurrency: 2,
          backend: spec.backend,
          tfjsVersion: '4.22.0',
          tfjsFlags: { WASM_HAS_MULTITHREAD_SUPPORT: false },
          adapter: null,
          webgl: null,
          softwareRenderer: false,
          timerResolutionMs: 0.0050000001,
          crossOriginIsolated: true,
          date: '2026-11-25T19:00:00.000Z',
        },
        error: null,
      },
      t - submitted + 50.987654,
    );
    return { variant, repetition, result };
  });
  return { title: 'cpu vs wasm', createdAt: '2026-11-25T19:00:00.000Z', threshold: '5%', repetitions, variants, jobs };
}
