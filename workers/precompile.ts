import type { JobSpec } from '../src/core/spec.ts';
import type { Tf } from './load-tf.ts';
import type { Batch, Workload, WorkloadOptions } from './workloads/types.ts';

/** The tfjs flag that makes kernels compile without running, per backend; null where nothing is compiled. */
export function compileOnlyFlag(spec: JobSpec): string | null {
  switch (spec.backend) {
    case 'webgpu':
      return 'WEBGPU_ENGINE_COMPILE_ONLY';
    case 'webgl':
      return 'ENGINE_COMPILE_ONLY';
    case 'wasm':
    case 'cpu':
      return null;
  }
}

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
  const flag = compileOnlyFlag(spec);
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
    await callMethod(backend, 'checkCompileCompletionAsync');
    if (spec.backend === 'webgl') await callMethod(backend, 'getUniformLocations');
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
