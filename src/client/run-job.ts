import { proxy, wrap, type Remote } from 'comlink';
import type { JobError } from '../core/errors.ts';
import type { JobResult } from '../core/result.ts';
import { parseJobSpec, SpecError, type JobSpec } from '../core/spec.ts';
import { failedJob, summarizeJob } from '../core/summarize.ts';
import { parseWorkerReport, type JobProgress, type JobWorkerApi } from '../core/worker-api.ts';

export interface RunJobOptions {
  /** Aborting terminates the worker (comlink cannot cancel a call); the result says `cancelled`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: JobProgress) => void;
}

/** Absolute time on the clock the page and every worker share. */
export function nowAbsMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Runs one job in a fresh module worker and returns its result. Never throws
 * for a job's own failure: a bad spec, a crashed or hung worker and every error
 * inside the job come back as the result's `error`.
 */
export async function runJob(input: unknown, options: RunJobOptions = {}): Promise<JobResult> {
  const submittedAbsMs = nowAbsMs();
  let spec: JobSpec;
  try {
    spec = parseJobSpec(input);
  } catch (error) {
    const message = error instanceof SpecError ? error.message : String(error);
    return { ...failedJob(parseJobSpec({}), { code: 'invalid-spec', message }, 0), rejectedSpec: input };
  }
  const worker = new Worker(new URL('../../workers/job.worker.ts', import.meta.url), { type: 'module', name: `firstbatch ${spec.workload}/${spec.backend}` });
  const stop = new AbortController();
  try {
    const api: Remote<JobWorkerApi> = wrap<JobWorkerApi>(worker);
    const progress = options.onProgress ? proxy(options.onProgress) : undefined;
    const raw = await Promise.race([api.run(spec, progress), failureOf(worker, spec, options.signal, stop.signal)]);
    const report = parseWorkerReport(raw);
    return summarizeJob(spec, submittedAbsMs, report, nowAbsMs() - submittedAbsMs);
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
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'job-failed', message };
}
