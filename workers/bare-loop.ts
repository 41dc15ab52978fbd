/**
 * The yardstick for the engine's overhead (instrumentation "bare"): the spec's model trained in
 * the plainest tfjs loop — import, setBackend, build, Adam, then per step minimize() and await
 * the loss — with none of the engine around it: no phase marks, progress messages, device watch,
 * upload handling or profiling. Same model, same batches (the ring), same step count as a job.
 */
import { workloadOf } from '../src/core/source.ts';
import { BATCH_RING_SIZE } from '../src/core/defaults.ts';
import { messageOf } from '../src/core/errors.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { BareReport } from '../src/core/worker-api.ts';
import { collectEnv } from './env.ts';
import { activateBackend, importTf, type Tf } from './load-tf.ts';
import { getWorkload } from './workloads/index.ts';
import { disposeBatch, type Batch } from './workloads/types.ts';

export async function runBareLoop(spec: JobSpec): Promise<BareReport> {
  const stepSamplesMs: number[] = [];
  const lossHistory: number[] = [];
  let tf: Tf | null = null;
  let error: string | null = null;
  const batches: Batch[] = [];
  try {
    tf = await importTf(spec);
    await activateBackend(tf, spec);
    const name = workloadOf(spec);
    if (name === null) throw new Error('instrumentation "bare" runs the built-in workloads only (not a model or job module)');
    const workload = getWorkload(name);
    const model = workload.build(tf, { width: spec.width, seed: spec.seed });
    const optimizer = tf.train.adam(spec.learningRate);
    const data = { width: spec.width, seed: spec.dataSeed ?? spec.seed };
    for (let i = 0; i < BATCH_RING_SIZE; i++) batches.push(workload.makeBatch(tf, data, i, spec.batchSize));
    try {
      const step = async (index: number): Promise<number> => {
        const loss = optimizer.minimize(() => model.loss(batches[index % batches.length]!), true, model.variables)!;
        const value = (await loss.data())[0] ?? Number.NaN;
        loss.dispose();
        return value;
      };
      // The first step and the warm-up, then every ring batch once more, so that both loops time
      // only steps on batches that are already on the device.
      let index = 0;
      for (; index < 1 + spec.warmupSteps || index < BATCH_RING_SIZE; index++) lossHistory.push(await step(index));
      for (let i = 0; i < spec.steps; i++, index++) {
        const startMs = performance.now();
        const loss = await step(index);
        stepSamplesMs.push(performance.now() - startMs);
        lossHistory.push(loss);
      }
    } finally {
      model.dispose();
      optimizer.dispose();
    }
  } catch (caught) {
    error = messageOf(caught);
  } finally {
    for (const batch of batches) disposeBatch(batch);
  }
  const env = await collectEnv(tf, spec).catch(() => null);
  return { stepSamplesMs, lossHistory, env, error };
}
