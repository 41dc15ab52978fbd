/**
 * The page's serving host: each model is served by one persistent Web Worker reached through
 * comlink; the scenario drivers (src/core/serving/scenarios/) generate load from the page
 * open-loop, MLPerf LoadGen style, so queueing in the page, the message channel and the worker
 * all count.
 */
import { sourceLabel } from '../core/source.ts';
import { wrap } from 'comlink';
import { nowAbsMs } from '../core/clock.ts';
import { loadReplySchema, parseReply, type ServeWorkerApi } from '../core/serve-api.ts';
import {
  parseServingSuite, runScenario, servingWorkerHandle, type ServingHost, type ServingProgress, type ServingReport, type ServingWorker,
} from '../core/serving/index.ts';

export type { ServingProgress };

/** The comlink endpoint behind each handle this page opened, for colocating a second model in its worker. */
const workerApis = new WeakMap<ServingWorker, ServeWorkerApi>();

/** Serving workers in this page, the page's clock and its timers. */
export const pageServingHost: ServingHost = {
  nowAbsMs,
  setTimer: (callback, delayMs) => {
    setTimeout(callback, delayMs);
  },
  async open(spec) {
    const spawnedAbsMs = nowAbsMs();
    const worker = new Worker(new URL('../../workers/serve.worker.ts', import.meta.url), {
      type: 'module', name: `firstbatch serve ${sourceLabel(spec)}/${spec.backend}`,
    });
    const api = wrap<ServeWorkerApi>(worker);
    const crashed = new Promise<never>((_, reject) => worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(new Error(`the serving worker crashed: ${event.message || 'its script failed to load or run'}`));
    }));
    try {
      const reply = parseReply(loadReplySchema, 'serving worker load reply', await Promise.race([api.load(spec), crashed]));
      const load = { ...reply, spawnToLoadedMs: nowAbsMs() - spawnedAbsMs };
      const handle = servingWorkerHandle(api, { spec, load, slot: 0 }, pageServingHost, () => worker.terminate());
      workerApis.set(handle, api);
      return handle;
    } catch (error) {
      worker.terminate();
      throw error;
    }
  },
  async colocate(host, spec) {
    const api = workerApis.get(host);
    if (!api) throw new Error('colocate() needs a serving worker this page opened');
    const startedAbsMs = nowAbsMs();
    const slot = host.slot + 1;
    const reply = parseReply(loadReplySchema, 'serving worker load reply', await api.load(spec, slot));
    const colocated = servingWorkerHandle(api, { spec, load: { ...reply, spawnToLoadedMs: nowAbsMs() - startedAbsMs }, slot }, pageServingHost, () => undefined);
    workerApis.set(colocated, api);
    return colocated;
  },
};

/** Runs one serving suite (untrusted input: parsed first) in this page and returns its report. */
export async function runServingSuite(input: unknown, options: { onProgress?: ServingProgress } = {}): Promise<ServingReport> {
  const suite = parseServingSuite(input);
  return runScenario(suite, pageServingHost, options.onProgress ?? (() => undefined));
}
