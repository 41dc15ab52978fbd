/**
 * Overlapped data: makes a job's first batch on the CPU in its own thread
 * while the job worker loads tfjs and builds the model, and hands back the
 * raw values (transferred, not copied).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { expose, transfer } from 'comlink';
import { firstBatchRequestSchema, type DataWorkerApi, type FirstBatchReply } from '../src/core/worker-api.ts';
import { getWorkload } from './workloads/index.ts';

const api = {
  async firstBatch(input) {
    const request = firstBatchRequestSchema.parse(input);
    await tf.setBackend('cpu');
    const batch = getWorkload(request.workload).makeBatch(tf, { width: request.width, seed: request.seed }, 0, request.batchSize);
    const all = [...batch.inputs, batch.labels];
    try {
      const tensors = all.map((tensor) => {
        const values = tensor.dataSync().slice();
        if (!(values instanceof Float32Array || values instanceof Int32Array)) throw new Error(`unexpected ${tensor.dtype} batch tensor`);
        return { shape: tensor.shape, dtype: tensor.dtype === 'int32' ? ('int32' as const) : ('float32' as const), values };
      });
      const reply: FirstBatchReply = { tensors, size: batch.size };
      return transfer(reply, tensors.map((t) => t.values.buffer));
    } finally {
      for (const tensor of all) tensor.dispose();
    }
  },
} satisfies DataWorkerApi;

expose(api);
