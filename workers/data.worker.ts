/**
 * Overlapped data: makes a job's first batch on the CPU in its own thread
 * while the job worker loads tfjs and builds the model, and hands back the
 * raw values (transferred, not copied).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { firstBatchRequestSchema, type FirstBatchReply } from './first-batch.ts';
import { getWorkload } from './workloads/index.ts';
import { messageOf } from '../src/core/errors.ts';

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  void answer(event.data).then(([reply, transfer]) => self.postMessage(reply, transfer));
});

async function answer(input: unknown): Promise<[FirstBatchReply, Transferable[]]> {
  try {
    const request = firstBatchRequestSchema.parse(input);
    await tf.setBackend('cpu');
    const batch = getWorkload(request.workload).makeBatch(tf, { width: request.width, seed: request.seed }, 0, request.batchSize);
    const all = [...batch.inputs, batch.labels];
    const tensors = all.map((tensor) => {
      const values = tensor.dataSync().slice();
      if (!(values instanceof Float32Array || values instanceof Int32Array)) throw new Error(`unexpected ${tensor.dtype} batch tensor`);
      return { shape: tensor.shape, dtype: tensor.dtype === 'int32' ? ('int32' as const) : ('float32' as const), values };
    });
    for (const tensor of all) tensor.dispose();
    return [{ tensors, size: batch.size, error: null }, tensors.map((t) => t.values.buffer)];
  } catch (error) {
    return [{ tensors: [], size: 0, error: messageOf(error) }, []];
  }
}
