/** Worker-side pieces of the scenarios: a timed query, an Offline batch run and the hold-out evaluation. */
import type { HoldoutReply, QueryReply } from '../../src/core/serve-api.ts';
import { sourceLabel } from '../../src/core/source.ts';
import { timedQuery } from '../model-session.ts';
import { disposeBatch } from '../workloads/types.ts';
import { DATA_RANGES, decisionsOf, type ServingSession } from './session.ts';

/** One query on a pooled input, timed by the same timedQuery as a job's; its clock starts when the queue hands it the worker. */
export async function query(session: ServingSession, id: number, inputIndex: number): Promise<QueryReply> {
  const input = session.queryInputs[inputIndex % session.queryInputs.length]!;
  const { startAbsMs, endAbsMs } = await timedQuery(session, input.inputs);
  return { id, startAbsMs, endAbsMs };
}

/** Back-to-back batches of one size (made before timing), each read back. */
export async function offline(session: ServingSession, batchSize: number, batches: number): Promise<{ batchSize: number; batchMs: number[] }> {
  const inputs = Array.from({ length: Math.min(4, batches) }, (_, i) => session.makeBatch(DATA_RANGES.queries + 100 + i, batchSize));
  try {
    await session.predict(inputs[0]!.inputs); // this shape's compilation stays out of the throughput
    const batchMs: number[] = [];
    for (let b = 0; b < batches; b++) {
      const start = performance.now();
      await session.predict(inputs[b % inputs.length]!.inputs);
      batchMs.push(performance.now() - start);
    }
    return { batchSize, batchMs };
  } finally {
    for (const batch of inputs) disposeBatch(batch);
  }
}

/** Decisions and accuracy on the task's hold-out examples (the same for every model of the task). */
export async function holdout(session: ServingSession, examples: number): Promise<HoldoutReply> {
  const batch = session.makeBatch(DATA_RANGES.holdout, examples);
  try {
    const { values, shape } = await session.predict(batch.inputs);
    const { accuracy: metric } = session.model;
    if (!metric) throw new Error(`${sourceLabel(session.spec)} has no accuracy(batch): the hold-out evaluation (canary, drift) needs a model that defines one`);
    const accuracyTensor = session.tf.tidy(() => metric.call(session.model, batch));
    try {
      const accuracy = (await session.readBack(accuracyTensor))[0] ?? Number.NaN;
      return { examples, accuracy, decisions: decisionsOf(session, values, shape) };
    } finally {
      accuracyTensor.dispose();
    }
  } finally {
    disposeBatch(batch);
  }
}
