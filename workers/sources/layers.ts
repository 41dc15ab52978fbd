/**
 * A LayersModel (Keras export or tfjs model.save()): trains and serves. Inputs from its
 * signature, the loss from its saved training config (or the spec's `loss`), the optimizer the
 * spec's Adam; the forward pass runs in training mode for the loss, inference mode to serve.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { labelShape, resolveInputs, type DeclaredInput } from '../../src/core/models/signature.ts';
import type { JobSpec } from '../../src/core/spec.ts';
import type { LossName } from '../../src/core/spec-values.ts';
import { JobFailure } from '../job-failure.ts';
import type { Batch, Model, Tf } from '../workloads/types.ts';
import type { LoadedFiles } from './files.ts';
import { lossOf } from './losses.ts';
import { assignVariables } from './module-source.ts';
import { artifactsOf, inputFailure } from './artifacts.ts';
import { syntheticBatch, type LabelPlan } from './synthetic.ts';
import type { BuiltModel, LoadedSource } from './types.ts';

type Layers = typeof tfl;

export function layersSource(layers: Layers, files: LoadedFiles, what: string): LoadedSource {
  return {
    format: 'layers-model',
    loadBytes: files.loadBytes,
    build: (tf, spec) => buildLayers(layers, tf, spec, files, what),
  };
}

/**
 * The labels a training batch of each size gets (made once per size), or the reason the model
 * cannot train: more than one output, or no loss known.
 */
function labelPlanner(output: DeclaredInput | undefined, outputCount: number, lossName: LossName | null, saved: LoadedFiles['json']['savedLoss'], what: string): (batchSize: number) => LabelPlan {
  const trainProblem = (): JobFailure | null => {
    if (outputCount !== 1) return new JobFailure('bad-model', `${what} has ${outputCount} outputs; firstbatch trains models with one output (serve it with mode "serve")`);
    if (lossName !== null) return null;
    const why = saved !== null && 'unknown' in saved ? `its training config names loss ${saved.unknown}, which firstbatch does not know` : 'it carries no training config';
    return new JobFailure('bad-model', `${what} cannot train: ${why}; give the loss (--loss ${['mse', 'categorical-crossentropy', 'sparse-categorical-crossentropy', 'binary-crossentropy'].join('|')})`);
  };
  const labels = new Map<number, LabelPlan>();
  return (batchSize) => {
    const problem = trainProblem();
    if (problem) throw problem;
    const known = labels.get(batchSize);
    if (known) return known;
    const plan: LabelPlan = { loss: lossName!, shape: labelShape(output!, lossName!, batchSize, what), classes: output!.shape?.at(-1) ?? 1 };
    labels.set(batchSize, plan);
    return plan;
  };
}

async function buildLayers(layers: Layers, tf: Tf, spec: JobSpec, files: LoadedFiles, what: string): Promise<BuiltModel> {
  let model: tfl.LayersModel;
  try {
    model = await layers.loadLayersModel(tf.io.fromMemory(artifactsOf(files)), { strict: true });
  } catch (error) {
    throw inputFailure(error, what, 'its topology or weights could not be built');
  }
  const declaredInputs: DeclaredInput[] = model.inputs.map((input, i) => ({ name: model.inputNames[i] ?? input.name, shape: input.shape, dtype: input.dtype }));
  const declaredOutputs: DeclaredInput[] = model.outputs.map((output, i) => ({ name: model.outputNames[i] ?? output.name, shape: output.shape, dtype: output.dtype }));
  const variables = model.trainableWeights.map((weight) => weight.read());
  if (!variables.every((v): v is tfc.Variable => v instanceof tf.Variable)) throw new Error(`${what}: a trainable weight is not a tf.Variable`);
  const saved = files.json.savedLoss;
  const lossName = spec.loss ?? (saved !== null && 'name' in saved ? saved.name : null);
  const loss = spec.loss !== undefined ? { name: spec.loss, source: 'spec' as const } : lossName !== null ? { name: lossName, source: 'model' as const } : null;
  const dataSeed = spec.dataSeed ?? spec.seed;

  const labelPlan = labelPlanner(declaredOutputs[0], declaredOutputs.length, lossName, saved, what);
  const forward = (inputs: tfc.Tensor[], training: boolean): tfc.Tensor[] => {
    const out = training ? model.apply(inputs, { training: true }) : model.predict(inputs);
    const list = Array.isArray(out) ? out : [out];
    return list.filter((t): t is tfc.Tensor => t instanceof tf.Tensor);
  };
  const contract: Model = {
    variables,
    loss: (batch: Batch) => lossOf(tf, lossName ?? 'mse', forward(batch.inputs, true)[0]!, batch.labels),
    predict: (inputs) => forward(inputs, false)[0]!,
  };
  return {
    format: 'layers-model',
    model: contract,
    cannotTrain: null,
    loss,
    outputs: (inputs) => tf.tidy(() => forward(inputs, false)),
    makeBatch(mode, batchIndex, batchSize) {
      const inputs = (() => {
        try {
          return resolveInputs(declaredInputs, spec, batchSize, what);
        } catch (error) {
          throw inputFailure(error, what, 'its inputs');
        }
      })();
      return syntheticBatch(tf, inputs, mode === 'train' ? labelPlan(batchSize) : null, dataSeed, batchIndex, batchSize);
    },
    weights: model.weights.map((weight) => weight.read()),
    parameterCount: model.countParams(),
    weightBytes: files.weightData.byteLength,
    declaredOutputs,
    async rebuild(target, values) {
      const copy = await buildLayers(layers, target, spec, files, what);
      if (values) assignVariables(target, copy.model.variables, values, what);
      return copy;
    },
    dispose: () => model.dispose(),
  };
}
