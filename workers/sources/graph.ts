/**
 * A GraphModel (a converted SavedModel): serves only — tfjs runs its graph for inference and has
 * no training for it, so asking it to train is the job's `serve-only` error. Inputs from its
 * signature; execute() where the graph allows, executeAsync() for graphs with dynamic ops.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfconv from '@tensorflow/tfjs-converter';
import { messageOf } from '../../src/core/errors.ts';
import { resolveInputs, type DeclaredInput } from '../../src/core/models/signature.ts';
import type { JobSpec } from '../../src/core/spec.ts';
import { JobFailure } from '../job-failure.ts';
import type { Model, Tf } from '../workloads/types.ts';
import { artifactsOf, inputFailure } from './artifacts.ts';
import type { LoadedFiles } from './files.ts';
import { syntheticBatch } from './synthetic.ts';
import type { BuiltModel, LoadedSource } from './types.ts';

type Converter = typeof tfconv;

export const GRAPH_CANNOT_TRAIN = 'is a GraphModel (a converted SavedModel): tfjs runs it for inference only, so it can serve but not train';

export function graphSource(converter: Converter, files: LoadedFiles, what: string): LoadedSource {
  return {
    format: 'graph-model',
    loadBytes: files.loadBytes,
    build: (tf, spec) => buildGraph(converter, tf, spec, files, what),
  };
}

const declared = (info: tfc.ModelTensorInfo): DeclaredInput => ({
  name: info.name,
  shape: info.shape ? info.shape.map((d) => (d >= 0 ? d : null)) : null,
  dtype: String(info.dtype),
});

async function buildGraph(converter: Converter, tf: Tf, spec: JobSpec, files: LoadedFiles, what: string): Promise<BuiltModel> {
  let model: tfconv.GraphModel;
  try {
    model = await converter.loadGraphModel(tf.io.fromMemory(artifactsOf(files)));
  } catch (error) {
    throw inputFailure(error, what, 'its graph or weights could not be built');
  }
  const declaredInputs = model.inputs.map(declared);
  const declaredOutputs = model.outputs.map(declared);
  // A graph with control flow or dynamic shapes must run with executeAsync; tfjs says so when execute() is tried.
  let dynamic = false;
  const run = (inputs: tfc.Tensor[]): tfc.Tensor[] => {
    const out = model.execute(inputs.length === 1 ? inputs[0]! : inputs);
    return Array.isArray(out) ? out : [out];
  };
  const outputs = async (inputs: tfc.Tensor[]): Promise<tfc.Tensor[]> => {
    if (!dynamic) {
      try {
        return tf.tidy(() => run(inputs));
      } catch (error) {
        if (!/executeAsync/.test(messageOf(error))) throw error;
        dynamic = true;
      }
    }
    const out = await model.executeAsync(inputs.length === 1 ? inputs[0]! : inputs);
    return Array.isArray(out) ? out : [out];
  };
  const serveOnly = (): never => {
    throw new JobFailure('serve-only', `${what} ${GRAPH_CANNOT_TRAIN}: run it with mode "serve" (or "auto")`);
  };
  const contract: Model = {
    variables: [],
    loss: serveOnly,
    predict: (inputs) => run(inputs)[0]!,
  };
  const dataSeed = spec.dataSeed ?? spec.seed;
  return {
    format: 'graph-model',
    model: contract,
    cannotTrain: GRAPH_CANNOT_TRAIN,
    loss: null,
    outputs,
    makeBatch(mode, batchIndex, batchSize) {
      if (mode === 'train') serveOnly();
      try {
        return syntheticBatch(tf, resolveInputs(declaredInputs, spec, batchSize, what), null, dataSeed, batchIndex, batchSize);
      } catch (error) {
        throw inputFailure(error, what, 'its inputs');
      }
    },
    // Not uploaded ahead: handing a GraphModel's constants to WebGPU's uploadToGPU before its first
    // execute broke BlazeFace's graph ("could not be broadcast"), so they reach the GPU in the first inference.
    weights: [],
    parameterCount: files.json.parameterCount,
    weightBytes: files.weightData.byteLength,
    declaredOutputs,
    rebuild: (target) => buildGraph(converter, target, spec, files, what),
    dispose: () => model.dispose(),
  };
}
