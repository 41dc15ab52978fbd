/**
 * Page and worker each read timeOrigin + now(); phases are computed from marks of both, which
 * assumes the two clocks share an epoch. This checks the assumption the way NTP does (Mills,
 * RFC 5905 §8, with a one-way request): the page reads its clock before (t0) and after (t1) asking
 * the worker for its clock (w); the worker's offset is w − (t0 + t1)/2, known to within half the
 * round trip. Of several pings the one with the shortest round trip bounds it best.
 */
import { CLOCK_DEFAULTS } from './defaults.ts';

export interface ClockPing {
  /** Page clock just before asking, ms on the shared timeline. */
  readonly sentAbsMs: number;
  /** The worker's clock when it answered. */
  readonly workerAbsMs: number;
  /** Page clock when the answer arrived. */
  readonly receivedAbsMs: number;
}

export interface ClockOffset {
  /** Worker clock − page clock, ms (0 when they share an epoch). */
  readonly offsetMs: number;
  /** Half the shortest round trip: the offset is within ±uncertaintyMs of the truth. */
  readonly uncertaintyMs: number;
  readonly pings: number;
}

export function estimateClockOffset(pings: readonly ClockPing[]): ClockOffset {
  if (pings.length === 0) throw new Error('estimateClockOffset needs at least one ping');
  const best = pings.reduce((a, b) => (b.receivedAbsMs - b.sentAbsMs < a.receivedAbsMs - a.sentAbsMs ? b : a));
  const roundTripMs = best.receivedAbsMs - best.sentAbsMs;
  if (!(roundTripMs >= 0)) throw new Error(`a clock ping came back before it was sent (${roundTripMs} ms): the page clock is not monotonic`);
  return { offsetMs: best.workerAbsMs - (best.sentAbsMs + best.receivedAbsMs) / 2, uncertaintyMs: roundTripMs / 2, pings: pings.length };
}

/**
 * How far the clocks are apart beyond what the measurement can resolve; a skew past the
 * tolerance means phases that mix page and worker marks are wrong by that much.
 */
function clockSkewMs(offset: ClockOffset): number {
  return Math.max(0, Math.abs(offset.offsetMs) - offset.uncertaintyMs);
}

/** The error sentence for a skew past the tolerance, or null when the clocks agree. */
export function clockSkewProblem(offset: ClockOffset, toleranceMs: number = CLOCK_DEFAULTS.skewToleranceMs): string | null {
  const skewMs = clockSkewMs(offset);
  if (skewMs <= toleranceMs) return null;
  return `the worker's clock is ${offset.offsetMs.toFixed(3)} ms from the page's (±${offset.uncertaintyMs.toFixed(3)} ms), beyond the ${toleranceMs} ms tolerance: phases mixing page and worker times would be off by that much`;
}
