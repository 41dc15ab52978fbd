/**
 * The page's serving host: each model is served by one persistent Web Worker reached through
 * comlink; the scenario drivers (src/core/serving/scenarios/) generate load from the page
 * open-loop, MLPerf LoadGen style, so queueing in the page, the message channel and the worker
 * all count. A run can be cancelled: its workers are terminated and its timers fire nothing.
 */
import { wrap } from 'comlink';
import { nowAbsMs } from '../core/clock.ts';
import { sourceLabel } from '../core/source.ts';
import { RunCancelledError } from '../core/runner/context.ts';
import { loadReplySchema, parseReply, type ServeWorkerApi } from '../core/serve-api.ts';
import {
  parseServingSuite, runScenario, servingWorkerHandle, type ServingHost, type ServingProgress, type ServingReport, type ServingWorker,
} from '../core/serving/index.ts';

export type { ServingProgress };

/** A serving host for one run: the workers it opened end with it, or at once when `signal` aborts. */
export function pageServingHost(signal?: AbortSignal): ServingHost & { closeAll(): void } {
  /** The comlink endpoint behind each handle this host opened, for colocating a second model in its worker. */
  const workerApis = new WeakMap<ServingWorker, ServeWorkerApi>();
  const workers = new Set<Worker>();
  const cancelled = (): RunCancelledError => new RunCancelledError(0);
  const host: ServingHost & { closeAll(): void } = {
    nowAbsMs,
    setTimer: (callback, delayMs) => {
      setTimeout(() => {
        if (!signal?.aborted) callback();
      }, delayMs);
    },
    async open(spec) {
      if (signal?.aborted) throw cancelled();
      const spawnedAbsMs = nowAbsMs();
      const worker = new Worker(new URL('../../workers/serve.worker.ts', import.meta.url), {
        type: 'module', name: `firstbatch serve ${sourceLabel(spec)}/${spec.backend}`,
      });
      workers.add(worker);
      const api = wrap<ServeWorkerApi>(worker);
      const crashed = new Promise<never>((_, reject) => worker.addEventListener('error', (event) => {
        event.preventDefault();
        reject(new Error(`the serving worker crashed: ${event.message || 'its script failed to load or run'}`));
      }));
      const end = (): void => {
        worker.terminate();
        workers.delete(worker);
      };
      try {
        const reply = parseReply(loadReplySchema, 'serving worker load reply', await Promise.race([api.load(spec), crashed]));
        const load = { ...reply, spawnToLoadedMs: nowAbsMs() - spawnedAbsMs };
        const handle = servingWorkerHandle(api, { spec, load, slot: 0 }, host, end);
        workerApis.set(handle, api);
        return handle;
      } catch (error) {
        end();
        throw error;
      }
    },
    async colocate(owner, spec) {
      const api = workerApis.get(owner);
      if (!api) throw new Error('colocate() needs a serving worker this page opened');
      const startedAbsMs = nowAbsMs();
      const slot = owner.slot + 1;
      const reply = parseReply(loadReplySchema, 'serving worker load reply', await api.load(spec, slot));
      const colocated = servingWorkerHandle(api, { spec, load: { ...reply, spawnToLoadedMs: nowAbsMs() - startedAbsMs }, slot }, host, () => undefined);
      workerApis.set(colocated, api);
      return colocated;
    },
    closeAll() {
      for (const worker of workers) worker.terminate();
      workers.clear();
    },
  };
  return host;
}

/**
 * Runs one serving suite (untrusted input: parsed first) in this page and returns its report.
 * Aborting `signal` terminates the run's workers and rejects with RunCancelledError.
 */
export async function runServingSuite(input: unknown, options: { onProgress?: ServingProgress; signal?: AbortSignal } = {}): Promise<ServingReport> {
  const suite = parseServingSuite(input);
  const { signal } = options;
  const host = pageServingHost(signal);
  if (signal?.aborted) throw new RunCancelledError(0);
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      host.closeAll();
      reject(new RunCancelledError(0));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([runScenario(suite, host, options.onProgress ?? (() => undefined)), aborted]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    host.closeAll();
  }
}
