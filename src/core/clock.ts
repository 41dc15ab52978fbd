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
