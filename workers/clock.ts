import { TIMER_PROBE_READS } from '../src/core/defaults.ts';

/** Smallest non-zero step between consecutive reads of performance.now(); null (unknown) when no step was seen. */
export function measureTimerResolutionMs(): number | null {
  let smallest = Number.POSITIVE_INFINITY;
  let previous = performance.now();
  for (let i = 0; i < TIMER_PROBE_READS; i++) {
    const current = performance.now();
    const step = current - previous;
    if (step > 0 && step < smallest) smallest = step;
    previous = current;
  }
  return Number.isFinite(smallest) ? smallest : null;
}
