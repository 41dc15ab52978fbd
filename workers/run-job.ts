import { BACKEND_CAPABILITIES, precompiles } from '../src/core/backends.ts';
import { BATCH_RING_SIZE } from '../src/core/defaults.ts';
import { classifyError, messageOf } from '../src/core/errors.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { WorkerReport } from '../src/core/worker-api.ts';
import { measureAnatomy } from './anatomy.ts';
import { checkBatchFits } from './batch-fit.ts';
import { collectEnv } from './env.ts';
import { injectFault } from './faults.ts';
import { startFirstBatch, type EarlyBatch } from './first-batch.ts';
import { gpuDeviceOf } from './gpu.ts';
import { JobFailure } from './job-failure.ts';
import { emptyReport, markPhase, span, type Progress } from './job-report.ts';
import { measureServing } from './job-serving.ts';
import { profileKernels } from './kernel-time.ts';
import { activateBackend, importTf, type Tf } from './load-tf.ts';
import { measureSteps } from './measure-steps.ts';
import { createModelSession, type ModelSession } from './model-session.ts';
import { precompileStep } from './precompile.ts';
import { countWork } from './profile-step.ts';
import { takePrepared } from './warm.ts';
import { disposeBatch, type Batch } from './workloads/types.ts';

/**
 * Runs one job: the six TTFB phases, warm-up, measured steps, kernel profile, anatomy and
 * serving. Phase ends are marked on the shared clock the moment each finishes; a GPU step
 * counts as finished only when its loss is back on the CPU (the model session's read-back).
 */
export async function runJob(spec: JobSpec, workerScriptStartAbsMs: number, onProgress?: Progress): Promise<WorkerReport> {
  const report = emptyReport(workerScriptStartAbsMs);
  const mark = (name: Parameters<typeof markPhase>[1]): void => markPhase(report, name, onProgress);
  let stage = 'import';
  let tf: Tf | null = null;
  let session: ModelSession | null = null;
  const batches: Batch[] = [];
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

    stage = 'build';
    await injectFault(spec.fault, 'build', gpuDeviceOf(tf));
    session = createModelSession(tf, spec);
    await session.residentWeights();
    mark('build');

    stage = 'data';
    if (session.device) checkBatchFits(session.device, spec, session);
    batches.push(early ? await early.take(tf) : session.makeBatch(0, spec.batchSize));
    // The upload is part of the data phase (where the backend allows it: see BackendCapabilities.upload).
    await session.resident(batches[0]!);
    mark('data');
    const deviceBytesAfterData = deviceBytes(tf, spec);

    if (spec.precompile && precompiles(spec.backend)) {
      stage = 'compile';
      await precompileStep(tf, spec, batches[0]!);
      mark('compile');
    }

    stage = 'first-step';
    report.lossHistory.push(await session.trainStep(batches[0]!, { read: true }));
    mark('first-step');
    await injectFault(spec.fault, 'after-first-step', session.device);

    stage = 'steps';
    // The ring of batches the steps cycle through, every one resident before anything is timed,
    // so no measured step pays an upload the others do not.
    for (let i = 1; i < BATCH_RING_SIZE; i++) {
      batches.push(session.makeBatch(i, spec.batchSize));
      await session.resident(batches[i]!, { touch: 'loss' });
    }
    const batchAt = (step: number): Batch => batches[step % batches.length]!;
    const job = session;
    await span(report, 'warm-up', async () => {
      for (let i = 0; i < spec.warmupSteps; i++) report.lossHistory.push(await job.trainStep(batchAt(i + 1), { read: true }));
    });
    const tensorsAfterWarmup = tf.memory().numTensors;
    // With syncEvery 1 every measured step is also split into dispatch and wait, for the anatomy.
    const measuredSplit = await measureSteps(job, spec, batchAt, report, onProgress);
    report.memory = {
      tensorsAfterWarmup,
      tensorsAfterSteps: tf.memory().numTensors,
      tensorsAfterServing: null,
      bytesAfterSteps: tf.memory().numBytes,
      deviceBytesAfterData,
    };

    stage = 'kernel-profile';
    report.kernel = await span(report, 'kernel-profile', () => profileKernels(job.tf, spec, () => job.enqueueStep(batchAt(0))));

    if (spec.efficiency) {
      stage = 'efficiency';
      report.work = await span(report, 'work count', () => countWork(job, batchAt(0)));
    }

    if (spec.anatomySteps > 0) {
      stage = 'anatomy';
      report.anatomy = await span(report, 'anatomy', () => measureAnatomy(job, batchAt, measuredSplit));
    }

    stage = 'serving';
    if (spec.servingQueries > 0) {
      report.serving = await span(report, 'serving', () => measureServing(job, spec, onProgress));
      report.memory = { ...report.memory, tensorsAfterServing: tf.memory().numTensors };
    }
  } catch (error) {
    report.error = error instanceof JobFailure ? { code: error.code, message: error.message, stage } : classifyError(error, stage);
  } finally {
    early?.stop();
    for (const batch of batches) disposeBatch(batch);
    session?.dispose();
  }
  report.env = await collectEnv(tf, spec).catch((error: unknown) => {
    report.error ??= { code: 'job-failed', message: `could not describe the environment: ${messageOf(error)}`, stage: 'env' };
    return null;
  });
  return report;
}

/** Bytes the backend holds on the GPU (tf.memory()'s numBytesInGPU on WebGPU and WebGL); null on CPU backends. */
function deviceBytes(tf: Tf, spec: JobSpec): number | null {
  if (!BACKEND_CAPABILITIES[spec.backend].gpu) return null;
  const info: object = tf.memory();
  const bytes: unknown = Reflect.get(info, 'numBytesInGPU');
  return typeof bytes === 'number' ? bytes : null;
}
