/** Worker-side pieces of the scenarios: a timed query, an Offline batch run and the hold-out evaluation. */
import type { HoldoutReply, QueryReply } from '../../src/core/serve-api.ts';
import { nowAbsMs } from '../../src/core/clock.ts';
import { disposeBatch } from '../workloads/types.ts';
import { DATA_RANGES, decisionsOf, predictValues, type Session } from './session.ts';

/** One query on a pooled input; its clock starts when the queue hands it the worker. */
export async function query(session: Session, id: number, inputIndex: number): Promise<QueryReply> {
  const startAbsMs = nowAbsMs();
  const input = session.queryInputs[inputIndex % session.queryInputs.length]!;
  await predictValues(session, input.inputs);
  return { id, startAbsMs, endAbsMs: nowAbsMs() };
}

/** Back-to-back batches of one size (made before timing), each read back. */
export async function offline(session: Session, batchSize: number, batches: number): Promise<{ batchSize: number; batchMs: number[] }> {
  const inputs = Array.from({ length: Math.min(4, batches) }, (_, i) =>
    session.workload.makeBatch(session.tf, session.data, DATA_RANGES.queries + 100 + i, batchSize));
  try {
    await predictValues(session, inputs[0]!.inputs); // this shape's compilation stays out of the throughput
    const batchMs: number[] = [];
    for (let b = 0; b < batches; b++) {
      const start = performance.now();
      await predictValues(session, inputs[b % inputs.length]!.inputs);
      batchMs.push(performance.now() - start);
    }
    return { batchSize, batchMs };
  } finally {
    for (const batch of inputs) disposeBatch(batch);
  }
}

/** Decisions and accuracy on the task's hold-out examples (the same for every model of the task). */
export async function holdout(session: Session, examples: number): Promise<HoldoutReply> {
  const batch = session.workload.makeBatch(session.tf, session.data, DATA_RANGES.holdout, examples);
  try {
    const { values, shape } = await predictValues(session, batch.inputs);
    const accuracyTensor = session.tf.tidy(() => session.model.accuracy(batch));
    const accuracy = (await accuracyTensor.data())[0] ?? Number.NaN;
    accuracyTensor.dispose();
    return { examples, accuracy, decisions: decisionsOf(session, values, shape) };
  } finally {
    disposeBatch(batch);
  }
}
