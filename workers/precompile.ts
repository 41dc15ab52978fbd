import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { Tf } from './load-tf.ts';
import { createModelSession } from './model-session.ts';
import type { Batch } from './workloads/types.ts';

/**
 * The `compile` phase: one compile-only pass of a training step, then waits
 * for the parallel compilation to finish (WebGPU: createComputePipelineAsync
 * for every pipeline; WebGL: KHR_parallel_shader_compile where present, then
 * the uniform locations that compile-only skipped).
 *
 * The pass runs on a throwaway model session of the same shapes:
 * compile-only kernels produce no values, and an optimizer step would write
 * them into the real weights. Pipelines are cached by shader key (shapes and
 * dtypes), so the real first step finds them compiled.
 */
export async function precompileStep(tf: Tf, spec: JobSpec, batch: Batch): Promise<void> {
  const { compileOnlyFlag: flag, compileCompletion } = BACKEND_CAPABILITIES[spec.backend];
  if (!flag) return;
  const throwaway = await createModelSession(tf, spec);
  try {
    tf.env().set(flag, true);
    try {
      throwaway.enqueueStep(batch);
    } finally {
      tf.env().set(flag, false);
    }
    const backend = tf.backend();
    for (const method of compileCompletion) await callMethod(backend, method);
  } finally {
    throwaway.dispose();
  }
}

/** Calls an optional backend method that tfjs-core's KernelBackend type does not declare. */
async function callMethod(target: object, name: string): Promise<void> {
  const method: unknown = Reflect.get(target, name);
  if (typeof method !== 'function') throw new Error(`this tfjs backend has no ${name}()`);
  await Reflect.apply(method, target, []);
}
