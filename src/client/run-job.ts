import { proxy, wrap, type Remote } from 'comlink';
import { z } from 'zod';
import type { JobError } from '../core/errors.ts';
import type { JobResult, PrewarmResult } from '../core/result.ts';
import { parseJobSpec, SpecError, type JobSpec } from '../core/spec.ts';
import { nowAbsMs } from '../core/clock.ts';
import { clockSkewProblem, estimateClockOffset, type ClockOffset, type ClockPing } from '../core/clock-offset.ts';
import { CLOCK_DEFAULTS } from '../core/defaults.ts';
import { failedJob, summarizeBare, summarizeJob } from '../core/summarize.ts';
import { withTimeline } from '../core/timeline.ts';
import { bareReportSchema, parseWorkerReport, type JobAccess, type JobProgress, type JobWorkerApi } from '../core/worker-api.ts';
import { parseReply } from '../core/serve-api.ts';
import { isPicked, PICKED_SCHEME, sourceLabel } from '../core/source.ts';
import { pickedFiles } from './picked.ts';
import { createJobWorker, pool, type WarmWorker } from './pool.ts';
import { messageOf } from '../core/errors.ts';

export interface RunJobOptions {
  /** Aborting terminates the worker (comlink cannot cancel a call); the result says `cancelled`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: JobProgress) => void;
  /** The harness started this browser process for the job's visit (first or return). */
  readonly browserRestarted?: boolean;
}

/**
 * Runs one job in a fresh module worker and returns its result. Never throws
 * for a job's own failure: a bad spec, a crashed or hung worker and every error
 * inside the job come back as the result's `error`.
 */
export async function runJob(input: unknown, options: RunJobOptions = {}): Promise<JobResult> {
  let submittedAbsMs = nowAbsMs();
  let spec: JobSpec;
  try {
    spec = parseJobSpec(input);
  } catch (error) {
    const message = error instanceof SpecError ? error.message : String(error);
    return { ...failedJob(parseJobSpec({}), { code: 'invalid-spec', message }, 0), rejectedSpec: input };
  }
  if (spec.visit !== 'context' && options.browserRestarted !== true) {
    const message = `visit "${spec.visit}" starts a fresh browser process${spec.visit === 'return' ? ' on a profile a first visit filled' : ''}: a page cannot do that; run it from the CLI (npm run bench)`;
    return failedJob(spec, { code: 'invalid-spec', message }, 0);
  }
  if (spec.instrumentation === 'bare') return runBare(spec, options);
  // Prewarm: the pool's worker was prepared before submission (waiting here for
  // it if it is still preparing); the job is submitted when it is handed over.
  let warm: WarmWorker | null = null;
  let prewarm: PrewarmResult | null = null;
  if (spec.prewarm) {
    try {
      const acquired = await pool.acquire(spec);
      warm = acquired.warm;
      prewarm = prewarmOf(acquired.warm, acquired.waitedMs, spec);
    } catch (error) {
      return failedJob(spec, { code: 'job-failed', message: messageOf(error) }, nowAbsMs() - submittedAbsMs);
    }
    submittedAbsMs = nowAbsMs();
  }
  const files = pickedFiles(spec.model);
  if (spec.model !== undefined && isPicked(spec.model) && files === undefined) {
    return failedJob(spec, { code: 'bad-model', message: `model ${spec.model.slice(PICKED_SCHEME.length)} came from files picked in another browser: pick model.json and its shards here to run it` }, 0);
  }
  const access: JobAccess = { baseUrl: location.href, ...(files ? { files } : {}) };
  const worker = warm?.worker ?? createJobWorker(spec);
  const stop = new AbortController();
  try {
    const api: Remote<JobWorkerApi> = warm?.api ?? wrap<JobWorkerApi>(worker);
    const progress = options.onProgress ? proxy(options.onProgress) : undefined;
    const raw = await Promise.race([api.run(spec, progress, access), failureOf(worker, spec, options.signal, stop.signal)]);
    const report = parseWorkerReport(raw);
    const wallMs = nowAbsMs() - submittedAbsMs;
    if (spec.prewarm && !report.prewarm && report.error === null) {
      return failedJob(spec, { code: 'job-failed', message: 'the prewarmed worker did not match the job (backend, import mode, flags or shapes)' }, wallMs);
    }
    // After the job, so the pings cost it nothing: do page and worker clocks share an epoch?
    const clock = await measureClockOffset(api);
    const result = withTimeline(summarizeJob(spec, submittedAbsMs, report, wallMs), report, submittedAbsMs, prewarm);
    const skew = clockSkewProblem(clock);
    return { ...result, clock, error: result.error ?? (skew === null ? null : { code: 'clock-skew', message: skew }) };
  } catch (error) {
    return failedJob(spec, asJobError(error), nowAbsMs() - submittedAbsMs);
  } finally {
    stop.abort();
    worker.terminate();
  }
}

class JobBroke extends Error {
  readonly jobError: JobError;
  constructor(jobError: JobError) {
    super(jobError.message);
    this.jobError = jobError;
  }
}

/** Rejects when the worker crashes, the job outlives its time limit, or the caller aborts. */
function failureOf(worker: Worker, spec: JobSpec, signal: AbortSignal | undefined, done: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (error: JobError): void => reject(new JobBroke(error));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fail({ code: 'worker-crashed', message: `the job's worker crashed: ${event.message || 'the worker script failed to load or run'}` });
    }, { signal: done });
    worker.addEventListener('messageerror', () => fail({ code: 'worker-crashed', message: 'the worker sent a message that could not be read' }), { signal: done });
    const timer = setTimeout(() => fail({ code: 'timeout', message: `the job did not finish within timeoutMs (${spec.timeoutMs} ms); its worker was terminated` }), spec.timeoutMs);
    done.addEventListener('abort', () => clearTimeout(timer));
    if (signal?.aborted) fail({ code: 'cancelled', message: 'the job was cancelled before it started' });
    signal?.addEventListener('abort', () => fail({ code: 'cancelled', message: 'the job was cancelled; its worker was terminated' }), { signal: done });
  });
}

function asJobError(error: unknown): JobError {
  if (error instanceof JobBroke) return error.jobError;
  const message = messageOf(error);
  return { code: 'job-failed', message };
}

function prewarmOf(warm: WarmWorker, waitedMs: number, spec: JobSpec): PrewarmResult {
  const { importMs, backendMs, pipelineCacheMs } = warm.report;
  const reused = spec.warmPipelineCache
    ? `a pool worker that had imported tfjs, started ${spec.backend} and trained one step of ${sourceLabel(spec)} (width ${spec.width}, batch ${spec.batchSize}) before submission: its compiled pipelines`
    : `a pool worker that had imported tfjs and started ${spec.backend} before submission`;
  return { poolMs: waitedMs, spawnMs: warm.spawnMs, importMs, backendMs, pipelineCacheMs, reused };
}

/** Pings the worker's clock a few times (src/core/clock-offset.ts). */
async function measureClockOffset(api: Remote<JobWorkerApi>): Promise<ClockOffset> {
  const pings: ClockPing[] = [];
  for (let i = 0; i < CLOCK_DEFAULTS.pings; i++) {
    const sentAbsMs = nowAbsMs();
    const workerAbsMs = z.number().finite().parse(await api.now());
    pings.push({ sentAbsMs, workerAbsMs, receivedAbsMs: nowAbsMs() });
  }
  return estimateClockOffset(pings);
}

/** A bare loop of the spec's model in a fresh worker (instrumentation "bare"): steps and loss only. */
async function runBare(spec: JobSpec, options: RunJobOptions): Promise<JobResult> {
  const submittedAbsMs = nowAbsMs();
  const worker = createJobWorker(spec);
  const stop = new AbortController();
  try {
    const api = wrap<JobWorkerApi>(worker);
    const report = parseReply(bareReportSchema, 'bare loop report', await Promise.race([api.runBare(spec), failureOf(worker, spec, options.signal, stop.signal)]));
    return summarizeBare(spec, report, nowAbsMs() - submittedAbsMs);
  } catch (error) {
    return failedJob(spec, asJobError(error), nowAbsMs() - submittedAbsMs);
  } finally {
    stop.abort();
    worker.terminate();
  }
}
