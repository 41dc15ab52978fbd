import type * as tfc from '@tensorflow/tfjs-core';
import { messageOf } from '../../src/core/errors.ts';
import { InputShapeError } from '../../src/core/models/signature.ts';
import { JobFailure } from '../job-failure.ts';
import type { LoadedFiles } from './files.ts';

/** model.json and its weights as tfjs's loaders take them from memory (tf.io.fromMemory). */
export function artifactsOf(files: LoadedFiles): tfc.io.ModelArtifacts {
  const { raw } = files.json;
  return {
    modelTopology: raw.modelTopology,
    weightSpecs: files.json.groups.flatMap((group) => group.weights),
    weightData: files.weightData,
    ...(raw.format !== undefined ? { format: raw.format } : {}),
    ...(raw.generatedBy !== undefined ? { generatedBy: raw.generatedBy } : {}),
    ...(typeof raw.convertedBy === 'string' ? { convertedBy: raw.convertedBy } : {}),
    ...(raw.signature !== undefined && raw.signature !== null ? { signature: raw.signature } : {}),
    ...(raw.userDefinedMetadata !== undefined ? { userDefinedMetadata: raw.userDefinedMetadata as Record<string, {}> } : {}),
    ...(raw.modelInitializer !== undefined && raw.modelInitializer !== null ? { modelInitializer: raw.modelInitializer } : {}),
  };
}

/** An error building a user's model or its inputs, as the job's error naming the model. */
export function inputFailure(error: unknown, what: string, doing: string): Error {
  if (error instanceof JobFailure) return error;
  if (error instanceof InputShapeError) return new JobFailure('bad-model', error.message);
  return new JobFailure('bad-model', `${what}: ${doing}: ${messageOf(error)}`);
}
