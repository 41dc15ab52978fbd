import type { JobResult } from '../../../src/core/result.ts';
import { parseJobSpec } from '../../../src/core/spec.ts';
import { failedJob, summarizeServing, summarizeSteps } from '../../../src/core/summarize.ts';

/** A successful job result with the given headline numbers (what a real job reports, minus the environment). */
export function fakeResult(values: { ttfbMs: number; stepMs: number; servingMs?: number; spec?: Record<string, unknown> }): JobResult {
  const spec = parseJobSpec({ backend: 'cpu', steps: 4, ...values.spec });
  const stepSamples = [values.stepMs * 0.99, values.stepMs, values.stepMs, values.stepMs * 1.01];
  const serving = values.servingMs ?? values.stepMs / 4;
  return {
    ...failedJob(spec, { code: 'job-failed', message: 'unused' }, values.ttfbMs + 100),
    error: null,
    ttfb: {
      totalMs: values.ttfbMs,
      phases: [
        { name: 'spawn', startMs: 0, ms: values.ttfbMs * 0.25 },
        { name: 'first-step', startMs: values.ttfbMs * 0.25, ms: values.ttfbMs * 0.75 },
      ],
      residualMs: 0,
      workerScriptStartMs: 1,
    },
    steps: summarizeSteps(spec, stepSamples),
    serving: summarizeServing({ batchSize: 1, coldMs: serving * 10, samplesMs: [serving, serving * 1.1, serving * 0.9, serving * 1.3] }),
  };
}

export function failed(): JobResult {
  return failedJob(parseJobSpec({ backend: 'cpu' }), { code: 'timeout', message: 'the job did not finish within 1000 ms' }, 1000);
}
