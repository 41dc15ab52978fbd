/** One training step under tf.profile(): its kernels with their shapes, and the memory it took. */
import { countStepWork } from '../src/core/efficiency/roofline.ts';
import type { StepWorkResult } from '../src/core/result.ts';
import type * as tfc from '@tensorflow/tfjs-core';
import type { ModelSession } from './model-session.ts';
import type { Batch } from './workloads/types.ts';

/** Kernels shown by name in the result: the rest are summed into the totals only. */
const KERNELS_LISTED = 10;

/** Counts one training step's FLOPs and bytes from the shapes tf.profile() records for each kernel. */
export async function countWork(session: ModelSession, batch: Batch): Promise<StepWorkResult> {
  const info = await session.tf.profile(() => session.dispatchStep(batch));
  // Finished only when its loss is read back: the anatomy's timed steps come next and must not pay for it.
  await session.readBack(info.result as tfc.Tensor).finally(() => session.tf.dispose(info.result));
  const work = countStepWork(info.kernels.map((k) => ({ name: k.name, inputShapes: k.inputShapes, outputShapes: k.outputShapes })));
  return { ...work, byKernel: work.byKernel.slice(0, KERNELS_LISTED), uncounted: [...work.uncounted] };
}
