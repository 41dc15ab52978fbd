import { wrap } from 'comlink';
import { messageOf } from '../src/core/errors.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { firstBatchRequestSchema, parseFirstBatchReply, type DataWorkerApi, type FirstBatchReply } from '../src/core/worker-api.ts';
import type { Tf } from './load-tf.ts';
import type { Batch } from './workloads/types.ts';

export interface EarlyBatch {
  /** Waits for the helper's values and uploads them: what is left of the data phase. */
  take(tf: Tf): Promise<Batch>;
  stop(): void;
}

/**
 * Overlapped data: starts making batch 0 in a helper worker right away, so it
 * is ready by the time the model is built. Same task seed, same values as the
 * model session making it in place.
 */
export function startFirstBatch(spec: JobSpec): EarlyBatch {
  const worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'firstbatch data' });
  const api = wrap<DataWorkerApi>(worker);
  // comlink does not see a worker that fails to load or run: its error event ends the wait.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(`the data worker failed: ${event.message || 'it did not load'}`)));
  });
  const request = firstBatchRequestSchema.parse({ workload: spec.workload, width: spec.width, seed: spec.dataSeed ?? spec.seed, batchSize: spec.batchSize });
  const reply: Promise<FirstBatchReply> = Promise.race([
    api.firstBatch(request).catch((error: unknown) => {
      throw new Error(`the data worker could not make the first batch: ${messageOf(error)}`);
    }),
    failed,
  ]).then(parseFirstBatchReply);
  // The job may fail before it takes the batch; its reason is the job's error, not this one.
  reply.catch(() => undefined);
  return {
    async take(tf) {
      const { tensors, size } = await reply;
      worker.terminate();
      const made = tensors.map((t) => tf.tensor(t.values, t.shape, t.dtype));
      const labels = made.pop();
      if (!labels) throw new Error('the data worker sent a batch without labels');
      return { inputs: made, labels, size };
    },
    stop: () => worker.terminate(),
  };
}
