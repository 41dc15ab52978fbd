import { wrap, type Remote } from 'comlink';
import { nowAbsMs } from '../core/clock.ts';
import { sourceLabel } from '../core/source.ts';
import type { JobSpec } from '../core/spec.ts';
import { parsePrepareReport, prewarmKey, type JobWorkerApi, type PrepareReport } from '../core/worker-api.ts';

/** A fresh module job worker. */
export function createJobWorker(spec: JobSpec): Worker {
  return new Worker(new URL('../../workers/job.worker.ts', import.meta.url), { type: 'module', name: `firstbatch ${sourceLabel(spec)}/${spec.backend}` });
}

export interface WarmWorker {
  readonly worker: Worker;
  readonly api: Remote<JobWorkerApi>;
  /** Worker start until it could take the prepare call (script fetched, parsed, run). */
  readonly spawnMs: number;
  readonly report: PrepareReport;
}

/**
 * Prewarm pool: keeps, per kind of job, one worker that already imported tfjs
 * and started the backend (and, for a warm pipeline cache, trained one step of
 * the same shapes). A worker serves one job; call prepare() again to refill.
 */
export class WorkerPool {
  readonly #ready = new Map<string, Promise<WarmWorker>>();

  /** Starts preparing a worker for jobs like `spec`, unless one is ready or on its way. */
  prepare(spec: JobSpec): Promise<WarmWorker> {
    const key = prewarmKey(spec);
    let entry = this.#ready.get(key);
    if (!entry) {
      entry = prepareWorker(spec);
      entry.catch(() => this.#ready.delete(key));
      this.#ready.set(key, entry);
    }
    return entry;
  }

  /** Takes the worker for `spec`, waiting for it when it is still preparing; `waitedMs` is that wait. */
  async acquire(spec: JobSpec): Promise<{ warm: WarmWorker; waitedMs: number }> {
    const startAbsMs = nowAbsMs();
    const key = prewarmKey(spec);
    const entry = this.prepare(spec);
    this.#ready.delete(key);
    const warm = await entry;
    return { warm, waitedMs: nowAbsMs() - startAbsMs };
  }

  /** Terminates every pooled worker. */
  async clear(): Promise<void> {
    const entries = [...this.#ready.values()];
    this.#ready.clear();
    for (const entry of entries) (await entry.catch(() => null))?.worker.terminate();
  }
}

async function prepareWorker(spec: JobSpec): Promise<WarmWorker> {
  const startAbsMs = nowAbsMs();
  const worker = createJobWorker(spec);
  const api = wrap<JobWorkerApi>(worker);
  try {
    const report = parsePrepareReport(await api.prepare(spec));
    if (report.error !== null) throw new Error(`prewarming a worker failed: ${report.error}`);
    const totalMs = nowAbsMs() - startAbsMs;
    const spawnMs = Math.max(0, totalMs - report.importMs - report.backendMs - (report.pipelineCacheMs ?? 0));
    return { worker, api, spawnMs, report };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

/** The page's pool: the web app prepares into it ahead of time; runJob takes from it for `prewarm` jobs. */
export const pool = new WorkerPool();
