import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { Tf } from './load-tf.ts';
import type { Batch, Workload, WorkloadOptions } from './workloads/types.ts';

/**
 * The `compile` phase: one compile-only pass of a training step, then waits
 * for the parallel compilation to finish (WebGPU: createComputePipelineAsync
 * for every pipeline; WebGL: KHR_parallel_shader_compile where present, then
 * the uniform locations that compile-only skipped).
 *
 * The pass runs on a throwaway model and optimizer of the same shapes:
 * compile-only kernels produce no values, and an optimizer step would write
 * them into the real weights. Pipelines are cached by shader key (shapes and
 * dtypes), so the real first step finds them compiled.
 */
export async function precompileStep(tf: Tf, spec: JobSpec, workload: Workload, options: WorkloadOptions, batch: Batch): Promise<void> {
  const { compileOnlyFlag: flag, compileCompletion } = BACKEND_CAPABILITIES[spec.backend];
  if (!flag) return;
  const model = workload.build(tf, options);
  const optimizer = tf.train.adam(spec.learningRate);
  try {
    tf.env().set(flag, true);
    try {
      optimizer.minimize(() => model.loss(batch), false, model.variables);
    } finally {
      tf.env().set(flag, false);
    }
    const backend = tf.backend();
    for (const method of compileCompletion) await callMethod(backend, method);
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/** Calls an optional backend method that tfjs-core's KernelBackend type does not declare. */
async function callMethod(target: object, name: string): Promise<void> {
  const method: unknown = Reflect.get(target, name);
  if (typeof method !== 'function') throw new Error(`this tfjs backend has no ${name}()`);
  await Reflect.apply(method, target, []);
}
