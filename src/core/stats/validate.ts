/**
 * Input checks shared by the statistics functions. Each throws a plain Error whose message
 * names the function, the argument and what to do.
 */

/** Throws unless `xs` holds at least `minCount` finite numbers. `label` names the argument. */
export function checkSamples(
  fn: string,
  xs: readonly number[],
  minCount: number,
  label = 'samples',
): void {
  if (!Array.isArray(xs)) {
    throw new Error(`${fn} needs an array of numbers for ${label}, got ${typeof xs}`);
  }
  if (xs.length < minCount) {
    const noun = minCount === 1 ? 'sample' : 'samples';
    const what = label === 'samples' ? noun : `${noun} in ${label}`;
    throw new Error(`${fn} needs at least ${minCount} ${what}, got ${xs.length}`);
  }
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new Error(
        `${fn} got a non-finite value in ${label} at index ${i} (${String(x)}); ` +
          'remove or fix it before computing statistics',
      );
    }
  }
}

/** Throws unless `level` is a confidence level strictly between 0 and 1. */
export function checkLevel(fn: string, level: number): void {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    const hint = level > 1 && level < 100 ? ` (did you mean ${level / 100}?)` : '';
    throw new Error(`${fn} needs a confidence level between 0 and 1, got ${String(level)}${hint}`);
  }
}

/** Throws unless `value` is a finite number (used for results of user-supplied statistics). */
export function checkFinite(fn: string, what: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${fn}: ${what} is ${String(value)}; it must be a finite number`);
  }
}
