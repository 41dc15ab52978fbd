/**
 * Makes tensors resident on the device before they are timed. tfjs uploads lazily: on WebGPU a
 * tensor's data is copied to a GPU buffer by the first kernel that reads it, so without this the
 * `data` phase would not contain the upload (it would land in `first-step`), and the first step
 * or query to use each batch would pay an upload the others do not.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { Tf } from './load-tf.ts';

/**
 * WebGPU (`upload: 'explicit'`): the backend's own uploadToGPU for every tensor, its copy
 * commands submitted, then awaits the queue, so the data is in GPU buffers when this returns.
 * uploadToGPU and submitQueue are methods of tfjs's WebGPUBackend that tfjs-core's KernelBackend
 * type does not declare; they are looked up, and their absence is an error, not a silent skip.
 * Other backends: nothing to do here (see BackendCapabilities.upload).
 */
export async function uploadTensors(tf: Tf, spec: JobSpec, tensors: readonly tfc.Tensor[], device: GPUDevice | null): Promise<void> {
  if (BACKEND_CAPABILITIES[spec.backend].upload !== 'explicit') return;
  const backend: object = tf.backend();
  const upload: unknown = Reflect.get(backend, 'uploadToGPU');
  const submit: unknown = Reflect.get(backend, 'submitQueue');
  if (typeof upload !== 'function' || typeof submit !== 'function' || device === null) {
    throw new Error(`this tfjs ${spec.backend} backend has no uploadToGPU/submitQueue: cannot upload data before timing`);
  }
  for (const tensor of tensors) Reflect.apply(upload, backend, [tensor.dataId]);
  // Staging copies are encoded on the backend's command encoder; submit them if there are any.
  if (Reflect.get(backend, 'commandEncoder') != null) Reflect.apply(submit, backend, []);
  await device.queue.onSubmittedWorkDone();
}
