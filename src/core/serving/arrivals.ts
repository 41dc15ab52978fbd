/** Seeded arrival schedules for the Server scenario (MLPerf LoadGen's Poisson query arrivals). */
import { createRng, deriveSeed } from '../random.ts';

/**
 * Arrival times (ms after the start) of `count` queries of a Poisson process at `qps` queries
 * per second: inter-arrival gaps are exponential with mean 1000/qps ms, drawn by inversion,
 * gap = −ln(1 − U) · 1000/qps (Devroye 1986, Non-Uniform Random Variate Generation, §II.2.1).
 * The first query arrives after one gap, as in a process that was already running.
 */
export function poissonArrivalsMs(qps: number, count: number, seed: number): number[] {
  if (!(qps > 0) || !Number.isFinite(qps)) throw new RangeError(`qps must be a positive number, got ${qps}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const rng = createRng(deriveSeed(seed, ARRIVAL_STREAM));
  const meanGapMs = 1000 / qps;
  const arrivals: number[] = [];
  let timeMs = 0;
  for (let i = 0; i < count; i++) {
    timeMs += -Math.log(1 - rng.next()) * meanGapMs;
    arrivals.push(timeMs);
  }
  return arrivals;
}

/** Queries a Server run needs to cover `durationMs` at `qps`, at least `minCount`. */
export function queryCountFor(qps: number, durationMs: number, minCount: number): number {
  return Math.max(minCount, Math.ceil((qps * durationMs) / 1000));
}

/**
 * Which queries go to the canary: query i is a canary query when a seeded uniform draw is below
 * `share` (independent Bernoulli routing, like a weighted load balancer).
 */
export function canaryRoutes(count: number, share: number, seed: number): boolean[] {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`canary share must be in 0..1, got ${share}`);
  const rng = createRng(deriveSeed(seed, ROUTING_STREAM));
  return Array.from({ length: count }, () => rng.next() < share);
}

/** Where a canary stream sends a query: the production baseline, the control (a fresh baseline instance) or the candidate. */
export type CanaryArm = 'baseline' | 'control' | 'candidate';

/**
 * Three-way routing for a canary with a matched control, as Kayenta recommends: a fresh
 * instance of the baseline gets the same share as the candidate, so the two compared arms see
 * the same traffic rate (an instance that idles between queries wakes up slower than a busy one).
 * Without a control the candidate is compared with the production baseline.
 */
export function canaryArms(count: number, share: number, seed: number, control: boolean): CanaryArm[] {
  if (!(share >= 0 && share <= (control ? 0.5 : 1))) throw new RangeError(`canary share must be in 0..${control ? '0.5 with a control' : '1'}, got ${share}`);
  const rng = createRng(deriveSeed(seed, ROUTING_STREAM));
  return Array.from({ length: count }, () => {
    const u = rng.next();
    return u < share ? 'candidate' : control && u < 2 * share ? 'control' : 'baseline';
  });
}

const ARRIVAL_STREAM = 101;
const ROUTING_STREAM = 102;
