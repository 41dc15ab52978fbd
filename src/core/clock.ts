import { TIMER_PROBE_READS } from './defaults.ts';

/**
 * The one clock every context shares. Page, workers (and Node) each have their own
 * `performance.timeOrigin`; timeOrigin + now() puts all of them on one absolute timeline in ms.
 */

/** The part of the platform's `performance` used here: present in pages, workers and Node alike. */
interface MonotonicClock {
  readonly timeOrigin: number;
  now(): number;
}
declare const performance: MonotonicClock;

/** Absolute time in ms on the shared clock: performance.timeOrigin + performance.now(). */
export function nowAbsMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Smallest non-zero step between consecutive reads of performance.now(): ~0.005 ms cross-origin
 * isolated, ~0.1 ms otherwise; null (unknown) when no step was seen.
 */
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
