/**
 * What a job adds after its measured work, none of it timed: peak memory (tf.profile over one
 * training step and one inference) and output agreement with the cpu backend (the same model,
 * weights and inputs rebuilt on cpu; the first outputs compared element by element).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { REFERENCE_BACKEND } from '../src/core/backends.ts';
import { compareOutputs } from '../src/core/models/agreement.ts';
import { messageOf } from '../src/core/errors.ts';
import type { Agreement, PeakMemory } from '../src/core/result.ts';
import type { Tf } from './load-tf.ts';
import type { ModelSession, Values } from './model-session.ts';
import { disposeBatch, type Batch } from './workloads/types.ts';

/** Peak bytes tfjs held during one profiled training step (train mode) and one profiled inference. */
export async function measurePeakMemory(session: ModelSession, trainBatch: Batch | null, query: Batch): Promise<PeakMemory> {
  const { tf } = session;
  let trainStepPeakBytes: number | null = null;
  if (trainBatch !== null && session.mode === 'train') {
    const info = await tf.profile(() => session.dispatchStep(trainBatch));
    await session.readBack(info.result as tfc.Tensor).finally(() => tf.dispose(info.result));
    trainStepPeakBytes = info.peakBytes;
  }
  const info = await tf.profile(async () => session.built.outputs(query.inputs));
  const outputs = Array.isArray(info.result) ? info.result : [];
  try {
    await Promise.all(outputs.map((t) => session.readBack(t as tfc.Tensor)));
  } finally {
    tf.dispose(info.result);
  }
  return { trainStepPeakBytes, inferencePeakBytes: info.peakBytes, gpu: gpuBytes(tf) };
}

function gpuBytes(tf: Tf): PeakMemory['gpu'] {
  const memory: object = tf.memory();
  for (const field of ['numBytesAllocatedInGPU', 'numBytesInGPUAllocated'] as const) {
    const value: unknown = Reflect.get(memory, field);
    if (typeof value === 'number') return { available: true, allocatedBytes: value };
  }
  return { available: false, reason: `the ${tf.getBackend()} backend keeps tensors in CPU memory: no GPU bytes` };
}

/**
 * The first outputs on the job's backend (`actual`, the first inference's) against the cpu's: with
 * `trained` (the variables those outputs came from) the session is freed, tfjs switches to cpu, and the same
 * source rebuilds the model there with those variables and makes the same inputs from the same seed.
 * Leaves tfjs on the cpu backend: call it last.
 */
export async function checkAgreement(session: ModelSession, actual: readonly Values[], trained: readonly Values[] | null, queryIndex: number, querySize: number): Promise<Agreement> {
  const { tf, spec, built } = session;
  if (spec.backend === REFERENCE_BACKEND) return { available: false, reason: `the job ran on ${REFERENCE_BACKEND}, the reference itself` };
  session.dispose();
  try {
    await import('@tensorflow/tfjs-backend-cpu');
    if (!(await tf.setBackend(REFERENCE_BACKEND))) return { available: false, reason: 'the cpu backend did not start' };
    const reference = await built.rebuild(tf, trained);
    try {
      const query: Batch = reference.makeBatch(session.mode, queryIndex, querySize);
      try {
        const outputs = await reference.outputs(query.inputs);
        try {
          return compareOutputs(actual, await Promise.all(outputs.map((t) => t.data<tfc.NumericDataType>())));
        } finally {
          tf.dispose(outputs);
        }
      } finally {
        disposeBatch(query);
      }
    } finally {
      reference.dispose();
    }
  } catch (error) {
    return { available: false, reason: `the cpu reference failed: ${messageOf(error)}` };
  }
}
