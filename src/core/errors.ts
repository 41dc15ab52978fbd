/** What went wrong with a job, as a value: a code to branch on and a sentence a user can act on. */
export const JOB_ERROR_CODES = [
  'invalid-spec',
  'backend-unavailable',
  'bad-flag',
  'out-of-memory',
  'device-lost',
  'timeout',
  'worker-crashed',
  'cancelled',
  'bad-model',
  'model-unreachable',
  'unsupported-op',
  'serve-only',
  'clock-skew',
  'job-failed',
] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number];

export interface JobError {
  readonly code: JobErrorCode;
  readonly message: string;
  /** The TTFB phase or stage the job was in when it failed, when known. */
  readonly stage?: string;
}

/** The sentence inside a thrown value: an Error's message, a string as is, anything else as JSON. */
export function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Classifies an exception thrown by tfjs or the platform into a job error. */
export function classifyError(error: unknown, stage?: string): JobError {
  const message = messageOf(error);
  const name = error instanceof Error ? error.name : '';
  const op = unsupportedOp(message);
  if (op !== null) {
    const full = `the ${op.backend} backend has no kernel for op ${op.op}, which this model needs (tfjs: ${message})`;
    return stage === undefined ? { code: 'unsupported-op', message: full } : { code: 'unsupported-op', message: full, stage };
  }
  const code: JobErrorCode =
    name === 'RangeError' && /allocat|memory|buffer/i.test(message)
      ? 'out-of-memory'
      : /out of memory|OOM|allocation failed|failed to allocate|exceeds the max|maxBufferSize|maxStorageBufferBindingSize/i.test(message)
        ? 'out-of-memory'
        : /device (was )?lost|device is lost|destroyed/i.test(message)
          ? 'device-lost'
          : 'job-failed';
  return stage === undefined ? { code, message } : { code, message, stage };
}

/** The op and backend in tfjs's "Kernel 'X' not registered for backend 'Y'", or null for any other message. */
export function unsupportedOp(message: string): { op: string; backend: string } | null {
  const kernel = /Kernel '([^']+)' not registered for backend '([^']+)'/.exec(message);
  if (kernel) return { op: kernel[1] ?? '?', backend: kernel[2] ?? '?' };
  return null;
}
