/**
 * Online maximum mean discrepancy over the joint distribution of the monitored variables
 * (Gretton et al. 2012, JMLR 13:723): the MMD² between a sliding window of the last B queries
 * and N kernel centres from the training reference, under a Gaussian kernel on standardised
 * values, updated in O((N + B)·d) per query. Its threshold is calibrated by simulation on the
 * rest of the reference to a configured expected run time without drift (ERT), as the online
 * detectors of Cobb, Van Looveren & Klaise 2022 (AISTATS, "Sequential multivariate change
 * detection with calibrated and memoryless false detection rates") are; see calibrateMmd.
 */
import { createRng, type Rng } from '../random.ts';

export interface MmdConfig {
  /** Queries in the sliding test window (B). */
  readonly windowSize: number;
  /** Reference rows used as kernel centres (N); the rest calibrate the threshold. */
  readonly centres: number;
  /** Configured expected run time without drift, in queries. */
  readonly ert: number;
  readonly seed: number;
}

/** Standardises rows by the reference's mean and SD, and keeps the kernel's width. */
export interface MmdModel {
  readonly dims: number;
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  /** Row-major N × d standardised centres. */
  readonly centres: Float64Array;
  /** 1 / (2σ²) of the Gaussian kernel; σ by the median heuristic (Gretton et al. 2012, §8). */
  readonly gamma: number;
  /** Mean kernel value between distinct centres (the constant term of MMD²). */
  readonly centreMean: number;
  readonly windowSize: number;
}

/** Fewest reference rows the detector accepts: its centres plus two windows to calibrate from. */
export function mmdMinimumReference(config: Pick<MmdConfig, 'centres' | 'windowSize'>): number {
  return config.centres + 2 * config.windowSize;
}

/** Splits finite reference rows into centres and calibration rows (seeded shuffle). */
export function fitMmd(rows: readonly ArrayLike<number>[], config: MmdConfig): { model: MmdModel; calibration: Float64Array[] } {
  const finite = rows.filter((r) => Array.prototype.every.call(r, Number.isFinite));
  const minimum = mmdMinimumReference(config);
  if (finite.length < minimum) {
    throw new RangeError(`the joint (MMD) detector needs at least ${minimum} finite reference rows (centres ${config.centres} + 2 × window ${config.windowSize}), got ${finite.length}`);
  }
  const dims = finite[0]!.length;
  const rng = createRng(config.seed);
  const order = shuffle(finite.length, rng);
  const mean = new Float64Array(dims);
  const sd = new Float64Array(dims);
  for (const r of finite) for (let f = 0; f < dims; f++) mean[f]! += r[f]! / finite.length;
  for (const r of finite) for (let f = 0; f < dims; f++) sd[f]! += (r[f]! - mean[f]!) ** 2 / (finite.length - 1);
  for (let f = 0; f < dims; f++) sd[f] = Math.sqrt(sd[f]!) || 1;
  const standard = (r: ArrayLike<number>) => Float64Array.from({ length: dims }, (_, f) => (r[f]! - mean[f]!) / sd[f]!);
  const centres = new Float64Array(config.centres * dims);
  order.slice(0, config.centres).forEach((row, i) => centres.set(standard(finite[row]!), i * dims));
  const squared: number[] = [];
  for (let i = 0; i < config.centres; i++) for (let j = 0; j < i; j++) squared.push(distance2(centres, i * dims, centres, j * dims, dims));
  squared.sort((a, b) => a - b);
  const gamma = 1 / (2 * squared[squared.length >> 1]!);
  let sum = 0;
  for (const d2 of squared) sum += Math.exp(-gamma * d2);
  const model = { dims, mean, sd, centres, gamma, centreMean: sum / squared.length, windowSize: config.windowSize };
  return { model, calibration: order.slice(config.centres).map((row) => standard(finite[row]!)) };
}

/** The running statistic: push a standardised row, read MMD² once the window is full (null before). */
export interface MmdWindow {
  push(row: ArrayLike<number>): number | null;
}

export function mmdWindow(model: MmdModel): MmdWindow {
  const { dims, windowSize: b, centres, gamma } = model;
  const n = centres.length / dims;
  const slots = new Float64Array(b * dims);
  const pair = new Float64Array(b * b);
  const cross = new Float64Array(b);
  let count = 0;
  let position = 0;
  let pairSum = 0;
  let crossSum = 0;
  return {
    push(row) {
      const s = position;
      if (count === b) {
        for (let j = 0; j < b; j++) if (j !== s) pairSum -= 2 * pair[s * b + j]!;
        crossSum -= cross[s]!;
      }
      for (let f = 0; f < dims; f++) slots[s * dims + f] = row[f]!;
      const filled = Math.min(b, count + 1);
      for (let j = 0; j < filled; j++) {
        if (j === s || (count < b && j >= count)) continue;
        const k = Math.exp(-gamma * distance2(slots, s * dims, slots, j * dims, dims));
        pair[s * b + j] = k;
        pair[j * b + s] = k;
        pairSum += 2 * k;
      }
      let c = 0;
      for (let i = 0; i < n; i++) c += Math.exp(-gamma * distance2(slots, s * dims, centres, i * dims, dims));
      cross[s] = c;
      crossSum += c;
      count = filled;
      position = (s + 1) % b;
      if (count < b) return null;
      return model.centreMean + pairSum / (b * (b - 1)) - (2 * crossSum) / (n * b);
    },
  };
}

export function standardise(model: MmdModel, row: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: model.dims }, (_, f) => (row[f]! - model.mean[f]!) / model.sd[f]!);
}

function distance2(a: Float64Array, ai: number, b: Float64Array, bi: number, dims: number): number {
  let sum = 0;
  for (let f = 0; f < dims; f++) {
    const d = a[ai + f]! - b[bi + f]!;
    sum += d * d;
  }
  return sum;
}

export function shuffle(length: number, rng: Rng): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
