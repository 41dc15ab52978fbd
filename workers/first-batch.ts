import { z } from 'zod';
import { WORKLOADS, type JobSpec } from '../src/core/spec.ts';
import type { Tf } from './load-tf.ts';
import type { Batch } from './workloads/types.ts';

export const firstBatchRequestSchema = z.object({
  workload: z.enum(WORKLOADS),
  width: z.number().int(),
  seed: z.number().int(),
  batchSize: z.number().int().min(1),
});

const firstBatchReplySchema = z.object({
  tensors: z.array(
    z.object({
      shape: z.array(z.number().int().min(0)),
      dtype: z.enum(['float32', 'int32']),
      values: z.union([z.instanceof(Float32Array), z.instanceof(Int32Array)]),
    }),
  ),
  size: z.number().int().min(0),
  error: z.string().nullable(),
});
export type FirstBatchReply = z.infer<typeof firstBatchReplySchema>;

export interface EarlyBatch {
  /** Waits for the helper's values and uploads them: what is left of the data phase. */
  take(tf: Tf): Promise<Batch>;
  stop(): void;
}

/**
 * Overlapped data: starts making batch 0 in a helper worker right away, so it
 * is ready by the time the model is built. Same seed, same values as making
 * it in place.
 */
export function startFirstBatch(spec: JobSpec): EarlyBatch {
  const worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'firstbatch data' });
  const reply = new Promise<FirstBatchReply>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const parsed = firstBatchReplySchema.safeParse(event.data);
      if (parsed.success) resolve(parsed.data);
      else reject(new Error('the data worker sent an unreadable batch'));
    });
    worker.addEventListener('error', (event) => reject(new Error(`the data worker failed: ${event.message || 'it did not load'}`)));
  });
  // The task's data seed: the same values as session.makeBatch(0, batchSize) in the job worker.
  worker.postMessage(firstBatchRequestSchema.parse({ workload: spec.workload, width: spec.width, seed: spec.dataSeed ?? spec.seed, batchSize: spec.batchSize }));
  return {
    async take(tf) {
      const { tensors, size, error } = await reply;
      worker.terminate();
      if (error !== null) throw new Error(`the data worker could not make the first batch: ${error}`);
      const made = tensors.map((t) => tf.tensor(t.values, t.shape, t.dtype));
      const labels = made.pop();
      if (!labels) throw new Error('the data worker sent a batch without labels');
      return { inputs: made, labels, size };
    },
    stop: () => worker.terminate(),
  };
}
