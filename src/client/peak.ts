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
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`measuring the ${spec.backend} peak took longer than ${PEAK_LIMIT_MS} ms`)), PEAK_LIMIT_MS);
    });
    return parseDevicePeak(await Promise.race([wrap<JobWorkerApi>(worker).measurePeak(spec), limit]));
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}
