import type { JobErrorCode } from '../src/core/errors.ts';

/** A failure the job already knows how to name (as opposed to an unexpected exception). */
export class JobFailure extends Error {
  readonly code: JobErrorCode;
  constructor(code: JobErrorCode, message: string) {
    super(message);
    this.name = 'JobFailure';
    this.code = code;
  }
}
