import { expose } from 'comlink';
import type { JobWorkerApi } from '../src/core/worker-api.ts';
import { nowAbsMs } from '../src/core/clock.ts';
import { runBareLoop } from './bare-loop.ts';
import { measurePeak } from './peak.ts';
import { runJob } from './run-job.ts';
import { prepareWorker } from './warm.ts';

/** When this module started evaluating: the end of fetching and parsing the worker script. */
const scriptStartAbsMs = nowAbsMs();

const api = {
  run: (spec, onProgress, access) => runJob(spec, scriptStartAbsMs, onProgress, access),
  prepare: (spec) => prepareWorker(spec),
  now: () => Promise.resolve(nowAbsMs()),
  runBare: (spec) => runBareLoop(spec),
  measurePeak: (spec) => measurePeak(spec),
} satisfies JobWorkerApi;

expose(api);
