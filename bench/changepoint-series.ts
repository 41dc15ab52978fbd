/**
 * Synthetic histories for the change-point benchmark: a level of 100 times (1 + a residual drawn
 * with replacement from one pool of real repeated runs), times (1 + step) from a seeded random
 * index on; and the scoring of detections against the true step.
 */
import { readFileSync } from 'node:fs';
import { createRng, type Rng } from '../src/core/random.ts';

export interface ResidualPool {
  backend: string;
  metric: string;
  residuals: number[];
}

export interface SyntheticSeries {
  values: number[];
  /** Index of the first point after the step; null for a series without one. */
  stepIndex: number | null;
  pool: string;
}

export function readPools(path: string): ResidualPool[] {
  const fixture: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const pools = fixture !== null && typeof fixture === 'object' && 'pools' in fixture ? fixture.pools : null;
  if (!Array.isArray(pools) || pools.length === 0) throw new Error(`${path}: no "pools" of residuals`);
  return pools as ResidualPool[];
}

export interface SeriesShape {
  minLength: number;
  maxLength: number;
  /** Fewest points on each side of the injected step. */
  margin: number;
  /** Residuals are multiplied by this (1 = the noise as measured; 0.25 = a runner four times quieter). */
  noiseScale: number;
}

/** One series: length uniform in [minLength, maxLength], a step of ±relativeStep (0 = none). */
export function makeSeries(rng: Rng, pool: ResidualPool, shape: SeriesShape, relativeStep: number): SyntheticSeries {
  const length = shape.minLength + rng.int(shape.maxLength - shape.minLength + 1);
  const stepIndex = relativeStep === 0 ? null : shape.margin + rng.int(length - 2 * shape.margin + 1);
  const signed = rng.next() < 0.5 ? relativeStep : -relativeStep;
  const values = Array.from({ length }, (_, i) => {
    const noise = 1 + shape.noiseScale * pool.residuals[rng.int(pool.residuals.length)]!;
    return 100 * noise * (stepIndex !== null && i >= stepIndex ? 1 + signed : 1);
  });
  return { values, stepIndex, pool: `${pool.backend} ${pool.metric}` };
}

/** `count` series cycling through the pools, from one seed. */
export function makeSet(seed: number, pools: readonly ResidualPool[], shape: SeriesShape, relativeStep: number, count: number): SyntheticSeries[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => makeSeries(rng, pools[i % pools.length]!, shape, relativeStep));
}

export interface Score {
  steps: number;
  found: number;
  detections: number;
  series: number;
  seriesWithAlarm: number;
}

/** Counts hits: a true step is found when a detection lies within ±k points of it (one detection per step counts). */
export function score(set: readonly SyntheticSeries[], detect: (values: number[]) => number[], k: number): Score {
  const total: Score = { steps: 0, found: 0, detections: 0, series: set.length, seriesWithAlarm: 0 };
  for (const series of set) {
    const indexes = detect(series.values);
    total.detections += indexes.length;
    if (indexes.length > 0) total.seriesWithAlarm++;
    if (series.stepIndex === null) continue;
    total.steps++;
    const step = series.stepIndex;
    if (indexes.some((index) => Math.abs(index - step) <= k)) total.found++;
  }
  return total;
}
