import { BACKEND_CAPABILITIES, precompiles } from '../src/core/backends.ts';
import { BATCH_RING_SIZE, MODEL_DEFAULTS } from '../src/core/defaults.ts';
import { classifyError, messageOf } from '../src/core/errors.ts';
import type { ModelInfo, TensorInfo } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { JobAccess, WorkerReport } from '../src/core/worker-api.ts';
import { measureAnatomy } from './anatomy.ts';
import { checkBatchFits } from './batch-fit.ts';
import { collectEnv } from './env.ts';
import { injectFault } from './faults.ts';
import { startFirstBatch, type EarlyBatch } from './first-batch.ts';
import { gpuDeviceOf } from './gpu.ts';
import { JobFailure } from './job-failure.ts';
import { emptyReport, markPhase, span, type FullReport, type Progress } from './job-report.ts';
import { measureServing } from './job-serving.ts';
import { profileKernels } from './kernel-time.ts';
import { activateBackend, importTf, type Tf } from './load-tf.ts';
import { measureSteps } from './measure-steps.ts';
import { checkAgreement, measurePeakMemory } from './model-checks.ts';
import { createModelSession, timedQuery, type ModelSession, type Values } from './model-session.ts';
import { precompileStep } from './precompile.ts';
import { countWork } from './profile-step.ts';
import { DEFAULT_ACCESS, loadSource, needsLoad, type LoadedSource } from './sources/index.ts';
import { takePrepared } from './warm.ts';
import { disposeBatch, type Batch } from './workloads/types.ts';

/**
 * Runs one job: the TTFB phases (with `load` for a user's model), then for a training job warm-up,
 * measured steps, kernel profile, anatomy and serving; for a serve-only job (a GraphModel) the
 * serving queries. Phase ends are marked on the shared clock the moment each finishes; a GPU step
 * or query counts as finished only when its values are back on the CPU (the model session's read-back).
 * Peak memory and the agreement with cpu come last, untimed.
 */
export async function runJob(spec: JobSpec, workerScriptStartAbsMs: number, onProgress?: Progress, access: JobAccess = DEFAULT_ACCESS): Promise<WorkerReport> {
  const report = emptyReport(workerScriptStartAbsMs);
  const run: JobRun = { spec, report, onProgress, stage: 'import', tf: null, session: null, batches: [], loadBytes: null, mark: (name) => markPhase(report, name, onProgress) };
  // A prewarmed worker imported tfjs and started the backend before submission:
  // its spawn phase is only the job message's trip, import and backend are ~0.
  const prepared = takePrepared(spec);
  // The job message was queued while the worker script loaded; it is handled right after.
  run.mark('spawn');
  let early: EarlyBatch | null = null;
  try {
    if (spec.overlapData) early = startFirstBatch(spec);
    const job = await buildModel(run, await startUp(run, prepared, access));
    const setStage = (stage: string): void => void (run.stage = stage);
    const firstOutputs = job.mode === 'serve' ? await serveOnly(job, report, run.mark, onProgress, run.batches, setStage) : await train(job, report, run.mark, onProgress, run.batches, early, setStage);
    await checkModel(run, job, firstOutputs);
  } catch (error) {
    report.error = error instanceof JobFailure ? { code: error.code, message: error.message, stage: run.stage } : classifyError(error, run.stage);
  } finally {
    early?.stop();
    for (const batch of run.batches) disposeBatch(batch);
    run.session?.dispose();
  }
  report.env ??= await collectEnv(run.tf, spec).catch((error: unknown) => {
    report.error ??= { code: 'job-failed', message: `could not describe the environment: ${messageOf(error)}`, stage: 'env' };
    return null;
  });
  return report;
}

/** One job's state between its steps: the stage a failure is reported at, and what the end must free. */
interface JobRun {
  readonly spec: JobSpec;
  readonly report: FullReport;
  readonly onProgress: Progress | undefined;
  readonly mark: Mark;
  stage: string;
  tf: Tf | null;
  /** The model session until it is freed (the agreement check frees it itself). */
  session: ModelSession | null;
  readonly batches: Batch[];
  loadBytes: number | null;
}

/** import and backend (already done in a prewarmed worker), then `load` for a user's model. */
async function startUp(run: JobRun, prepared: ReturnType<typeof takePrepared>, access: JobAccess): Promise<LoadedSource | undefined> {
  const { spec, report } = run;
  if (prepared) {
    run.tf = prepared.tf;
    report.prewarm = { importMs: prepared.importMs, backendMs: prepared.backendMs, pipelineCacheMs: prepared.pipelineCacheMs };
    run.mark('import');
    run.mark('backend');
  } else {
    run.tf = await importTf(spec);
    run.mark('import');
    run.stage = 'backend';
    await activateBackend(run.tf, spec);
    run.mark('backend');
  }
  if (!needsLoad(spec)) return undefined;
  run.stage = 'load';
  const loaded = await loadSource(spec, access);
  run.loadBytes = loaded.loadBytes;
  run.mark('load');
  return loaded;
}

/** `build`: the model session with its weights on the device; then the batch is checked against the device's limits. */
async function buildModel(run: JobRun, loaded: LoadedSource | undefined): Promise<ModelSession> {
  const tf = run.tf!;
  run.stage = 'build';
  await injectFault(run.spec.fault, 'build', gpuDeviceOf(tf));
  const session = await createModelSession(tf, run.spec, loaded);
  run.session = session;
  await session.residentWeights();
  run.mark('build');
  run.stage = 'data';
  if (session.device) checkBatchFits(session.device, run.spec, session);
  return session;
}

/** After the timed part, untimed: peak memory, the model's description, and the agreement with cpu. */
async function checkModel(run: JobRun, job: ModelSession, firstOutputs: FirstOutputs): Promise<void> {
  const { spec, report, batches } = run;
  // The weights the first outputs came from: the peak-memory pass below trains one more step.
  const trained = spec.agreement && job.mode === 'train' ? await Promise.all(job.model.variables.map((v) => job.readBack(v))) : null;
  // The inputs of the serving queries' first batch index: agreement's first outputs (when no query made them) and the profiled inference.
  const query = job.makeBatch(MODEL_DEFAULTS.servingBatchIndex, spec.servingBatchSize);
  batches.push(query);
  let actual = firstOutputs.values;
  if (spec.agreement && actual === null) actual = (await job.predict(query.inputs)).all;

  run.stage = 'peak-memory';
  report.peakMemory = await span(report, 'peak-memory', () => measurePeakMemory(job, job.mode === 'train' ? batches[0]! : null, query));
  report.model = modelInfo(job, run.loadBytes, batches[0]!, firstOutputs.shapes);

  if (!spec.agreement) {
    report.agreement = { available: false, reason: 'agreement is off in the spec' };
    return;
  }
  // The environment is the job's backend's: described before the check switches tfjs to cpu.
  report.env = await collectEnv(job.tf, spec);
  run.stage = 'agreement';
  for (const batch of batches.splice(0)) disposeBatch(batch);
  run.session = null; // checkAgreement frees it before switching to cpu
  report.agreement = await span(report, 'agreement', () => checkAgreement(job, actual ?? [], trained, MODEL_DEFAULTS.servingBatchIndex, spec.servingBatchSize));
}

type Mark = (name: Parameters<typeof markPhase>[1]) => void;
/** The first inference's outputs (read back) and shapes, for the agreement check and the model's description. */
interface FirstOutputs {
  readonly values: Values[] | null;
  readonly shapes: number[][] | null;
}

/** A training job after `build`: first batch, first step, warm-up, measured steps, kernels, anatomy, serving. */
async function train(job: ModelSession, report: FullReport, mark: Mark, onProgress: Progress | undefined, batches: Batch[], early: EarlyBatch | null, setStage: (stage: string) => void): Promise<FirstOutputs> {
  const { spec, tf } = job;
  batches.push(early ? await early.take(tf) : job.makeBatch(0, spec.batchSize));
  // The upload is part of the data phase (where the backend allows it: see BackendCapabilities.upload).
  await job.resident(batches[0]!);
  mark('data');
  const deviceBytesAfterData = deviceBytes(tf, spec);

  if (spec.precompile && precompiles(spec.backend)) {
    setStage('compile');
    await precompileStep(tf, spec, batches[0]!);
    mark('compile');
  }

  setStage('first-step');
  report.lossHistory.push(await job.trainStep(batches[0]!, { read: true }));
  mark('first-step');
  await injectFault(spec.fault, 'after-first-step', job.device);

  setStage('steps');
  // The ring of batches the steps cycle through, every one resident before anything is timed,
  // so no measured step pays an upload the others do not.
  for (let i = 1; i < BATCH_RING_SIZE; i++) {
    batches.push(job.makeBatch(i, spec.batchSize));
    await job.resident(batches[i]!, { touch: 'loss' });
  }
  const batchAt = (step: number): Batch => batches[step % BATCH_RING_SIZE]!;
  await span(report, 'warm-up', async () => {
    for (let i = 0; i < spec.warmupSteps; i++) report.lossHistory.push(await job.trainStep(batchAt(i + 1), { read: true }));
  });
  const tensorsAfterWarmup = tf.memory().numTensors;
  // With syncEvery 1 every measured step is also split into dispatch and wait, for the anatomy.
  const measuredSplit = await measureSteps(job, spec, batchAt, report, onProgress);
  report.memory = { tensorsAfterWarmup, tensorsAfterSteps: tf.memory().numTensors, tensorsAfterServing: null, bytesAfterSteps: tf.memory().numBytes, deviceBytesAfterData };

  setStage('kernel-profile');
  report.kernel = await span(report, 'kernel-profile', () => profileKernels(tf, spec, () => job.enqueueStep(batchAt(0))));

  if (spec.efficiency) {
    setStage('efficiency');
    report.work = await span(report, 'work count', () => countWork(job, batchAt(0)));
  }

  if (spec.anatomySteps > 0) {
    setStage('anatomy');
    report.anatomy = await span(report, 'anatomy', () => measureAnatomy(job, batchAt, measuredSplit));
  }

  setStage('serving');
  if (spec.servingQueries === 0) return { values: null, shapes: null };
  const serving = await span(report, 'serving', () => measureServing(job, spec, onProgress));
  report.serving = serving.report;
  report.memory = { ...report.memory, tensorsAfterServing: tf.memory().numTensors };
  return serving.first;
}

/** A serve-only job after `build`: the query's inputs, the first inference read back (the TTFB's end), then the queries. */
async function serveOnly(job: ModelSession, report: FullReport, mark: Mark, onProgress: Progress | undefined, batches: Batch[], setStage: (stage: string) => void): Promise<FirstOutputs> {
  const { spec, tf } = job;
  const query = job.makeBatch(MODEL_DEFAULTS.servingBatchIndex, spec.servingBatchSize);
  batches.push(query);
  await job.resident(query);
  mark('data');
  const deviceBytesAfterData = deviceBytes(tf, spec);
  setStage('first-inference');
  const cold = await timedQuery(job, query.inputs);
  mark('first-inference');
  const tensorsAfterFirst = tf.memory().numTensors;
  report.kernel = { available: false, reason: 'a serve-only job trains no step to profile' };
  setStage('serving');
  const serving = await span(report, 'serving', () => measureServing(job, spec, onProgress, cold));
  report.serving = serving.report;
  report.memory = { tensorsAfterWarmup: tensorsAfterFirst, tensorsAfterSteps: tensorsAfterFirst, tensorsAfterServing: tf.memory().numTensors, bytesAfterSteps: tf.memory().numBytes, deviceBytesAfterData };
  return { values: cold.outputs, shapes: cold.shapes };
}

function modelInfo(job: ModelSession, loadBytes: number | null, first: Batch, outputShapes: number[][] | null): ModelInfo {
  const { built } = job;
  const tensorInfo = (name: string, t: { shape: number[]; dtype: string }): TensorInfo => ({ name, shape: [...t.shape], dtype: t.dtype });
  const outputs: TensorInfo[] = outputShapes
    ? outputShapes.map((shape, i) => ({ name: built.declaredOutputs[i]?.name ?? `output ${i}`, shape, dtype: built.declaredOutputs[i]?.dtype ?? 'float32' }))
    : built.declaredOutputs.map((o) => ({ name: o.name, shape: (o.shape ?? []).map((d) => d ?? -1), dtype: o.dtype }));
  return {
    format: built.format,
    mode: job.mode,
    ttfbEndsAt: job.mode === 'train' ? 'first-step' : 'first-inference',
    parameterCount: built.parameterCount,
    weightBytes: built.weightBytes,
    loadBytes,
    loss: job.mode === 'train' ? built.loss : null,
    inputs: first.inputs.map((t, i) => tensorInfo(`input ${i}`, t)),
    outputs,
  };
}

/** Bytes the backend holds on the GPU (tf.memory()'s numBytesInGPU on WebGPU and WebGL); null on CPU backends. */
function deviceBytes(tf: Tf, spec: JobSpec): number | null {
  if (!BACKEND_CAPABILITIES[spec.backend].gpu) return null;
  const info: object = tf.memory();
  const bytes: unknown = Reflect.get(info, 'numBytesInGPU');
  return typeof bytes === 'number' ? bytes : null;
}
