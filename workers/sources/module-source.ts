/**
 * Built-in workloads and users' job modules: both are job modules (contract 1), built by their
 * own code with seeded weights, batches from their own makeBatch.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { messageOf } from '../../src/core/errors.ts';
import type { ModelFormat } from '../../src/core/result.ts';
import type { JobSpec } from '../../src/core/spec.ts';
import { JobFailure } from '../job-failure.ts';
import type { JobModule, Model, Tf, WorkloadOptions } from '../workloads/types.ts';
import { checkBuiltModel } from './job-module.ts';
import type { BuiltModel, LoadedSource } from './types.ts';

export function moduleSource(module: JobModule, format: ModelFormat & ('workload' | 'job-module'), what: string, loadBytes: number | null): LoadedSource {
  return {
    format,
    loadBytes,
    build: async (tf, spec) => buildModule(tf, spec, module, format, what),
  };
}

function buildModule(tf: Tf, spec: JobSpec, module: JobModule, format: 'workload' | 'job-module', what: string): BuiltModel {
  const weights: WorkloadOptions = { width: spec.width, seed: spec.seed };
  const data: WorkloadOptions = { width: spec.width, seed: spec.dataSeed ?? spec.seed };
  const model: Model = format === 'job-module' ? userCall(what, 'build()', () => module.build(tf, weights)) : module.build(tf, weights);
  if (format === 'job-module') checkBuiltModel(tf, model, what);
  const parameterCount = model.variables.reduce((n, v) => n + v.size, 0);
  const built: BuiltModel = {
    format,
    model,
    cannotTrain: null,
    loss: { name: format === 'workload' ? 'built-in' : 'loss(batch)', source: 'code' },
    // tidy: the forward pass's intermediates are freed, only the output outlives the call.
    outputs: (inputs) => [tf.tidy(() => model.predict(inputs))],
    makeBatch: (_mode, batchIndex, batchSize) => module.makeBatch(tf, data, batchIndex, batchSize),
    weights: model.variables,
    parameterCount,
    weightBytes: model.variables.reduce((n, v) => n + v.size * 4, 0),
    declaredOutputs: [],
    async rebuild(target, values) {
      const copy = buildModule(target, spec, module, format, what);
      if (values) assignVariables(target, copy.model.variables, values, what);
      return copy;
    },
    dispose: () => {
      if (model.dispose) model.dispose();
      else for (const variable of model.variables) variable.dispose();
    },
  };
  return built;
}

/** Writes values into variables in order (the trained weights, copied to another backend). */
export function assignVariables(tf: Tf, variables: readonly tfc.Variable[], values: readonly tfc.TypedArray[], what: string): void {
  if (variables.length !== values.length) throw new Error(`${what}: the rebuilt model has ${variables.length} variables, the trained one ${values.length}`);
  variables.forEach((variable, i) => {
    const value = values[i]!;
    if (value.length !== variable.size) throw new Error(`${what}: variable ${variable.name} has ${variable.size} values, the trained one ${value.length}`);
    const tensor = tf.tensor(value, variable.shape, variable.dtype);
    variable.assign(tensor);
    tensor.dispose();
  });
}

/** Runs the user's code; what it throws is the job's error, naming the module and the call. */
export function userCall<T>(what: string, call: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof JobFailure) throw error;
    throw new JobFailure('job-failed', `${what}: ${call} threw: ${messageOf(error)}`);
  }
}
