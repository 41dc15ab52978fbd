import type { JobResult } from '../core/result.ts';
import type { JobProgress } from '../core/worker-api.ts';
import { runJob } from './run-job.ts';

export interface PlanProgress {
  readonly jobIndex: number;
  readonly jobCount: number;
  readonly event: JobProgress | { readonly kind: 'done'; readonly result: JobResult };
}

/**
 * Runs jobs one after another, each in its own fresh worker, so they never
 * share a GPU queue or a warm cache. A failed job is recorded and the rest go on.
 */
export async function runPlan(
  specs: readonly unknown[],
  options: { signal?: AbortSignal; onProgress?: (progress: PlanProgress) => void } = {},
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const [jobIndex, spec] of specs.entries()) {
    const notify = (event: PlanProgress['event']): void => options.onProgress?.({ jobIndex, jobCount: specs.length, event });
    const result = await runJob(spec, { signal: options.signal, onProgress: notify });
    results.push(result);
    notify({ kind: 'done', result });
  }
  return results;
}
