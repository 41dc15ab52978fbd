import type { JobSpec } from '../src/core/spec.ts';
import { prewarmKey, type PrepareReport } from '../src/core/worker-api.ts';
import { nowAbsMs } from '../src/core/clock.ts';
import { activateBackend, importTf, type Tf } from './load-tf.ts';
import { createModelSession } from './model-session.ts';
import { disposeBatch } from './workloads/types.ts';
import { messageOf } from '../src/core/errors.ts';

/** What prepare() left behind for the next job in this worker. */
export interface Prepared {
  readonly key: string;
  readonly tf: Tf;
  readonly importMs: number;
  readonly backendMs: number;
  readonly pipelineCacheMs: number | null;
}

let prepared: Prepared | null = null;

/**
 * Prewarm, before submission: import tfjs, start the backend and, with
 * warmPipelineCache, train one step of a throwaway model of the same workload
 * and shapes so tfjs compiles (and caches) their pipelines.
 */
export async function prepareWorker(spec: JobSpec): Promise<PrepareReport> {
  const startAbsMs = nowAbsMs();
  let importMs = 0;
  let backendMs = 0;
  try {
    const tf = await importTf(spec);
    importMs = nowAbsMs() - startAbsMs;
    await activateBackend(tf, spec);
    backendMs = nowAbsMs() - startAbsMs - importMs;
    const pipelineCacheMs = spec.warmPipelineCache ? await compileByTraining(tf, spec) : null;
    prepared = { key: prewarmKey(spec), tf, importMs, backendMs, pipelineCacheMs };
    return { importMs, backendMs, pipelineCacheMs, error: null };
  } catch (error) {
    prepared = null;
    return { importMs, backendMs, pipelineCacheMs: null, error: messageOf(error) };
  }
}

/** Hands the prepared state to one job (a prepared worker serves one job), or null when it does not match. */
export function takePrepared(spec: JobSpec): Prepared | null {
  const found = prepared;
  prepared = null;
  return found && found.key === prewarmKey(spec) ? found : null;
}

/** One real training step (read back) of a throwaway model session; its data, weights and optimizer are discarded. */
async function compileByTraining(tf: Tf, spec: JobSpec): Promise<number> {
  const startMs = performance.now();
  const throwaway = await createModelSession(tf, spec);
  // A batch index the job never uses: only the shapes are shared.
  const batch = throwaway.makeBatch(1_000_000, spec.batchSize);
  try {
    await throwaway.trainStep(batch, { read: true });
  } finally {
    disposeBatch(batch);
    throwaway.dispose();
  }
  return performance.now() - startMs;
}
