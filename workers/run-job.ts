import type * as tfc from '@tensorflow/tfjs-core';
import { precompiles } from '../src/core/backends.ts';
import { BATCH_RING_SIZE } from '../src/core/defaults.ts';
import { classifyError, messageOf } from '../src/core/errors.ts';
import type { PhaseName } from '../src/core/phases.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { JobProgress, WorkerReport } from '../src/core/worker-api.ts';
import { nowAbsMs } from '../src/core/clock.ts';
import { collectEnv } from './env.ts';
import { gpuDeviceOf, watchDevice, type DeviceWatch } from './gpu.ts';
import { JobFailure } from './job-failure.ts';
import { profileKernels } from './kernel-time.ts';
import { activateBackend, importTf, type Tf } from './load-tf.ts';
import { injectFault } from './faults.ts';
import { measureAnatomy, type MeasuredSplit } from './anatomy.ts';
import { startFirstBatch, type EarlyBatch } from './first-batch.ts';
import { precompileStep } from './precompile.ts';
import { takePrepared } from './warm.ts';
import { getWorkload } from './workloads/index.ts';
import { disposeBatch, type Batch, type Model, type WorkloadOptions } from './workloads/types.ts';

type Progress = (event: JobProgress) => void;

/** The report as this worker fills it: the fields older reports may lack are always there. */
type FullReport = WorkerReport & { spans: NonNullable<WorkerReport['spans']>; stepStartsAbsMs: number[] };

/** Everything a job holds between phases. */
interface Session {
  readonly tf: Tf;
  readonly model: Model;
  readonly optimizer: tfc.Optimizer;
  readonly watch: DeviceWatch | null;
}

/**
 * Runs one job: the six TTFB phases, warm-up, measured steps, kernel profile and
 * serving. Phase ends are marked on the shared clock the moment each finishes;
 * a GPU step counts as finished only when its loss is back on the CPU.
 */
export async function runJob(spec: JobSpec, workerScriptStartAbsMs: number, onProgress?: Progress): Promise<WorkerReport> {
  const report: FullReport = {
    workerScriptStartAbsMs,
    marks: [],
    stepSamplesMs: [],
    stepStartsAbsMs: [],
    lossHistory: [],
    serving: null,
    prewarm: null,
    anatomy: null,
    spans: [],
    kernel: null,
    memory: null,
    env: null,
    error: null,
  };
  let stage: string = 'import';
  const mark = (name: PhaseName): void => {
    const endAbsMs = nowAbsMs();
    report.marks.push({ name, endAbsMs });
    onProgress?.({ kind: 'phase', phase: name, endAbsMs });
  };
  let tf: Tf | null = null;
  let session: Session | null = null;
  const batches: Batch[] = [];
  const span = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const startAbsMs = nowAbsMs();
    try {
      return await work();
    } finally {
      report.spans.push({ name, startAbsMs, endAbsMs: nowAbsMs() });
    }
  };
  // A prewarmed worker imported tfjs and started the backend before submission:
  // its spawn phase is only the job message's trip, import and backend are ~0.
  const prepared = takePrepared(spec);
  // The job message was queued while the worker script loaded; it is handled right after.
  mark('spawn');
  let early: EarlyBatch | null = null;
  try {
    if (spec.overlapData) early = startFirstBatch(spec);
    if (prepared) {
      tf = prepared.tf;
      report.prewarm = { importMs: prepared.importMs, backendMs: prepared.backendMs, pipelineCacheMs: prepared.pipelineCacheMs };
      mark('import');
      mark('backend');
    } else {
      tf = await importTf(spec);
      mark('import');
      stage = 'backend';
      await activateBackend(tf, spec);
      mark('backend');
    }
    const device = gpuDeviceOf(tf);
    const watch = device ? watchDevice(device, (code, message) => new JobFailure(code, message)) : null;

    stage = 'build';
    await injectFault(spec.fault, 'build', device);
    const workload = getWorkload(spec.workload);
    const options: WorkloadOptions = { width: spec.width, seed: spec.seed };
    const model = workload.build(tf, options);
    session = { tf, model, optimizer: tf.train.adam(spec.learningRate), watch };
    mark('build');

    stage = 'data';
    if (device) checkBatchFits(device, spec, (i, n) => workload.makeBatch(tf as Tf, options, i, n));
    batches.push(early ? await early.take(tf) : workload.makeBatch(tf, options, 0, spec.batchSize));
    mark('data');

    if (spec.precompile && precompiles(spec.backend)) {
      stage = 'compile';
      await precompileStep(tf, spec, workload, options, batches[0] as Batch);
      mark('compile');
    }

    stage = 'first-step';
    report.lossHistory.push(await trainStep(session, batches[0] as Batch, true));
    mark('first-step');
    await injectFault(spec.fault, 'after-first-step', device);

    stage = 'steps';
    for (let i = 1; i < BATCH_RING_SIZE; i++) batches.push(workload.makeBatch(tf, options, i, spec.batchSize));
    const batchAt = (step: number): Batch => batches[step % batches.length] as Batch;
    const warmSession = session;
    await span('warm-up', async () => {
      for (let i = 0; i < spec.warmupSteps; i++) report.lossHistory.push(await trainStep(warmSession, batchAt(i + 1), true));
    });
    const tensorsAfterWarmup = tf.memory().numTensors;
    // With syncEvery 1 every measured step is also split into dispatch and wait, for the anatomy.
    const measuredSplit: MeasuredSplit[] = [];
    await measureSteps(session, spec, batchAt, report, onProgress, measuredSplit);
    report.memory = {
      tensorsAfterWarmup,
      tensorsAfterSteps: tf.memory().numTensors,
      tensorsAfterServing: null,
      bytesAfterSteps: tf.memory().numBytes,
    };

    stage = 'kernel-profile';
    const optimizer = session.optimizer;
    const tfNow = tf;
    report.kernel = await span('kernel-profile', () =>
      profileKernels(tfNow, spec, () => {
        optimizer.minimize(() => model.loss(batchAt(0)), false, model.variables);
      }),
    );

    if (spec.anatomySteps > 0) {
      stage = 'anatomy';
      const readSession = session;
      report.anatomy = await span('anatomy', () =>
        measureAnatomy(tfNow, spec, {
          dispatch: (batch) => {
            const cost = optimizer.minimize(() => model.loss(batch), true, model.variables);
            if (!cost) throw new Error('optimizer.minimize returned no loss');
            return cost;
          },
          read: (tensor) => readBack(readSession, tensor),
        }, batchAt, measuredSplit),
      );
    }

    stage = 'serving';
    if (spec.servingQueries > 0) {
      const servingSession = session;
      report.serving = await span('serving', () =>
        measureServing(servingSession, spec, (i) => workload.makeBatch(tfNow, options, 1000 + i, spec.servingBatchSize), onProgress),
      );
      report.memory = { ...report.memory, tensorsAfterServing: tf.memory().numTensors };
    }
  } catch (error) {
    report.error = error instanceof JobFailure ? { code: error.code, message: error.message, stage } : classifyError(error, stage);
  } finally {
    early?.stop();
    for (const batch of batches) disposeBatch(batch);
    session?.model.dispose();
    session?.optimizer.dispose();
  }
  report.env = await collectEnv(tf, spec).catch((error: unknown) => {
    report.error ??= { code: 'job-failed', message: `could not describe the environment: ${messageOf(error)}`, stage: 'env' };
    return null;
  });
  return report;
}

/**
 * One training step; when `read`, waits for its loss to come back to the CPU and returns it.
 * `onDispatched` hears the moment the kernels are enqueued (minimize returned), before the wait.
 */
async function trainStep(session: Session, batch: Batch, read: boolean, onDispatched?: () => void): Promise<number> {
  const { model, optimizer, watch } = session;
  const cost = optimizer.minimize(() => model.loss(batch), read, model.variables);
  onDispatched?.();
  if (!read) return Number.NaN;
  if (!cost) throw new Error('optimizer.minimize returned no loss');
  try {
    const values = await (watch ? Promise.race([cost.data(), watch.lost]) : cost.data());
    watch?.check();
    return values[0] ?? Number.NaN;
  } finally {
    cost.dispose();
  }
}

async function readBack(session: Session, tensor: tfc.Tensor): Promise<void> {
  const { watch } = session;
  await (watch ? Promise.race([tensor.data(), watch.lost]) : tensor.data());
  watch?.check();
}

/** Measured steps: a sample per step, or per window of syncEvery steps (time per step = window / N). */
async function measureSteps(
  session: Session,
  spec: JobSpec,
  batchAt: (step: number) => Batch,
  report: FullReport,
  onProgress?: Progress,
  split?: MeasuredSplit[],
): Promise<void> {
  const windows = spec.steps / spec.syncEvery;
  let step = spec.warmupSteps + 1;
  for (let w = 0; w < windows; w++) {
    report.stepStartsAbsMs.push(nowAbsMs());
    const startMs = performance.now();
    let dispatchedMs = Number.NaN;
    let loss = Number.NaN;
    for (let j = 0; j < spec.syncEvery; j++) {
      loss = await trainStep(session, batchAt(step++), j === spec.syncEvery - 1, () => (dispatchedMs = performance.now()));
    }
    const endMs = performance.now();
    const perStepMs = (endMs - startMs) / spec.syncEvery;
    if (spec.syncEvery === 1) split?.push({ wallMs: endMs - startMs, dispatchMs: dispatchedMs - startMs, waitMs: endMs - dispatchedMs });
    report.stepSamplesMs.push(perStepMs);
    report.lossHistory.push(loss);
    onProgress?.({ kind: 'step', index: w, total: windows, ms: perStepMs, loss });
  }
}

/** The cold first inference, then SingleStream queries one at a time, read-back included. */
async function measureServing(
  session: Session,
  spec: JobSpec,
  makeInput: (index: number) => Batch,
  onProgress?: Progress,
): Promise<NonNullable<WorkerReport['serving']>> {
  const { tf, model } = session;
  const inputs = Array.from({ length: 4 }, (_, i) => makeInput(i));
  const startsAbsMs: number[] = [];
  const query = async (batch: Batch): Promise<number> => {
    startsAbsMs.push(nowAbsMs());
    const startMs = performance.now();
    const output = tf.tidy(() => model.predict(batch.inputs));
    try {
      await readBack(session, output);
    } finally {
      output.dispose();
    }
    return performance.now() - startMs;
  };
  try {
    const coldMs = await query(inputs[0] as Batch);
    const samplesMs: number[] = [];
    for (let i = 0; i < spec.servingQueries; i++) {
      const ms = await query(inputs[(i + 1) % inputs.length] as Batch);
      samplesMs.push(ms);
      onProgress?.({ kind: 'serving', index: i, total: spec.servingQueries, ms });
    }
    const [coldStartAbsMs = 0, ...sampleStartsAbsMs] = startsAbsMs;
    return { batchSize: spec.servingBatchSize, coldMs, samplesMs, coldStartAbsMs, startsAbsMs: sampleStartsAbsMs };
  } finally {
    for (const batch of inputs) disposeBatch(batch);
  }
}

/**
 * A batch whose largest tensor exceeds the device's storage-binding limit
 * cannot be trained on; say so instead of letting the GPU fail silently.
 */
function checkBatchFits(device: GPUDevice, spec: JobSpec, makeBatch: (index: number, size: number) => Batch): void {
  const probe = makeBatch(0, 1);
  const largestBytesPerExample = Math.max(...[...probe.inputs, probe.labels].map((t) => t.size * 4));
  disposeBatch(probe);
  const neededBytes = largestBytesPerExample * spec.batchSize;
  const limitBytes = device.limits.maxStorageBufferBindingSize;
  if (neededBytes > limitBytes) {
    throw new JobFailure(
      'out-of-memory',
      `batchSize ${spec.batchSize} needs a ${formatBytes(neededBytes)} tensor, more than this adapter's ` +
        `maxStorageBufferBindingSize of ${formatBytes(limitBytes)}: use a batchSize of at most ${Math.floor(limitBytes / largestBytesPerExample)}`,
    );
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
