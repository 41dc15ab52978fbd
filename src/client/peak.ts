import { wrap } from 'comlink';
import { parseDevicePeak, type DevicePeak } from '../core/efficiency/peak.ts';
import { parseJobSpec } from '../core/spec.ts';
import type { JobWorkerApi } from '../core/worker-api.ts';
import { createJobWorker } from './pool.ts';

/** How long the peak measurement may take (a software adapter's largest matmul takes seconds). */
const PEAK_LIMIT_MS = 180_000;

/** The device's peak on `backend`, measured in a fresh job worker (src/core/efficiency/peak.ts). */
export async function measurePeak(backend: unknown): Promise<DevicePeak> {
  const spec = parseJobSpec({ backend });
  const worker = createJobWorker(spec);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // A crashed worker fails at once, as a job's does (src/client/run-job.ts), instead of after the limit.
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`measuring the ${spec.backend} peak took longer than ${PEAK_LIMIT_MS} ms`)), PEAK_LIMIT_MS);
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        reject(new Error(`the worker measuring the ${spec.backend} peak crashed: ${event.message || 'the worker script failed to load or run'}`));
      });
    });
    return parseDevicePeak(await Promise.race([wrap<JobWorkerApi>(worker).measurePeak(spec), limit]));
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}
