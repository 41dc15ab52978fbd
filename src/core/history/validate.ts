import { SEGMENT_TESTS } from './segments.ts';

/** Input checks of the change-point functions: each error names the field and its allowed range. */

/** Throws unless `values` is an array of finite numbers. */
export function checkSeries(fn: string, values: readonly number[]): void {
  if (!Array.isArray(values)) throw new Error(`${fn}: values must be an array of numbers, got ${typeof values}`);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`${fn}: values[${i}] is ${String(value)}; every value must be a finite number (drop or fix that run first)`);
    }
  }
}

function checkRange(fn: string, name: string, value: unknown, min: number, max: number, integer: boolean): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) throw new Error(`${fn}: ${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${String(value)}`);
}

/** Throws unless every detector option is in its allowed range. */
export function checkDetectOptions(options: { alpha: number; windowSize: number; minSegment: number; minRelative: number; level: number; test: string }): void {
  const fn = 'detectChangePoints';
  if (!(SEGMENT_TESTS as readonly string[]).includes(options.test)) throw new Error(`${fn}: test must be one of ${SEGMENT_TESTS.join(', ')}, got ${String(options.test)}`);
  checkRange(fn, 'alpha', options.alpha, Number.MIN_VALUE, 0.5, false);
  checkRange(fn, 'minSegment', options.minSegment, 2, 1_000_000, true);
  checkRange(fn, 'windowSize', options.windowSize, 2 * options.minSegment, 1_000_000, true);
  checkRange(fn, 'minRelative', options.minRelative, 0, 1_000_000, false);
  if (!(typeof options.level === 'number' && options.level > 0 && options.level < 1)) {
    throw new Error(`detectChangePoints: level must be a number strictly between 0 and 1, got ${String(options.level)}`);
  }
}

/** Throws unless the Perfherder windows and thresholds are in range. */
export function checkPerfherderOptions(options: { minBackWindow: number; maxBackWindow: number; foreWindow: number; tThreshold: number; alertThresholdPercent: number }): void {
  const fn = 'perfherderAlerts';
  checkRange(fn, 'minBackWindow', options.minBackWindow, 1, 1_000_000, true);
  checkRange(fn, 'maxBackWindow', options.maxBackWindow, options.minBackWindow, 1_000_000, true);
  checkRange(fn, 'foreWindow', options.foreWindow, 1, 1_000_000, true);
  checkRange(fn, 'tThreshold', options.tThreshold, 0, 1_000_000, false);
  checkRange(fn, 'alertThresholdPercent', options.alertThresholdPercent, 0, 1_000_000, false);
}
